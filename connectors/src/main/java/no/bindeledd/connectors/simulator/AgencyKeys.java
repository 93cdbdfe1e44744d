package no.bindeledd.connectors.simulator;

/**
 * The simulated agency's own signing and encryption, and its check of what the hub sends: what a
 * real agency's system does with its enterprise certificates (one for signing, one for encryption)
 * and the hub's registered ones.
 */
public interface AgencyKeys {

  /** Signs as the simulated agency (CMS SignedData, content encapsulated). */
  byte[] sign(byte[] content);

  /**
   * Signs as the simulated agency, then encrypts for the recipient agency's encryption certificate;
   * signed only when the recipient has none.
   */
  byte[] seal(byte[] content, String recipientOrgNumber);

  /** Whether the message is CMS EnvelopedData or AuthEnvelopedData, as far as its outside says. */
  boolean isEncrypted(byte[] message);

  /**
   * The content of a message the hub sent: decrypted with the agency's encryption key if it is
   * encrypted, then its signature verified.
   *
   * @throws RuntimeException if it does not decrypt or verify
   */
  byte[] open(byte[] message);
}
