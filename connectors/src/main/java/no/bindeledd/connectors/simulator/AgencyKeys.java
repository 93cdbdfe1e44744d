package no.bindeledd.connectors.simulator;

/**
 * The simulated agency's own signing, and its check of the hub's signatures: what a real agency's
 * system does with its enterprise certificate and the hub's registered ones.
 */
public interface AgencyKeys {

  /** Signs as the simulated agency (CMS SignedData, content encapsulated). */
  byte[] sign(byte[] content);

  /**
   * The content of a message the hub signed, once its signature verified.
   *
   * @throws RuntimeException if it does not verify
   */
  byte[] open(byte[] signed);
}
