package no.bindeledd.web.simulation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import no.bindeledd.connectors.simulator.AgencyKeys;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.ContentCipher;
import no.bindeledd.core.crypto.Envelopes;
import no.bindeledd.core.crypto.KeyTransport;
import no.bindeledd.core.crypto.Signatures;

/**
 * A simulated agency's keys from the development key store, which holds every agency's: it signs
 * and decrypts with its own, verifies the hub's signatures under the other agencies' signing
 * certificates, and encrypts for the recipient's encryption certificate with RSA-OAEP and
 * AES-256-GCM, as OpenSSL's {@code cms -encrypt} does.
 */
public final class DevelopmentAgencyKeys implements AgencyKeys {

  private final String orgNumber;
  private final AgencyKeyStore keys;
  private final Signatures signatures = new Signatures();
  private final Envelopes envelopes = new Envelopes();
  private final Clock clock;

  public DevelopmentAgencyKeys(String orgNumber, AgencyKeyStore keys, Clock clock) {
    this.orgNumber = orgNumber;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public byte[] sign(byte[] content) {
    return signatures.sign(
        content,
        keys.find(orgNumber)
            .orElseThrow(() -> new IllegalStateException("no development key for " + orgNumber)));
  }

  @Override
  public byte[] seal(byte[] content, String recipientOrgNumber) {
    byte[] signed = sign(content);
    X509Certificate recipient = keys.encryptionCertificates().get(recipientOrgNumber);
    if (recipient == null) {
      return signed;
    }
    return envelopes.encrypt(
        signed, recipient, KeyTransport.RSA_OAEP_SHA256, ContentCipher.AES_256_GCM);
  }

  @Override
  public boolean isEncrypted(byte[] message) {
    return envelopes.isEncrypted(message);
  }

  @Override
  public byte[] open(byte[] message) {
    byte[] signed =
        envelopes.isEncrypted(message)
            ? envelopes
                .decrypt(
                    message,
                    List.of(
                        keys.findEncryptionKey(orgNumber)
                            .orElseThrow(
                                () ->
                                    new IllegalStateException(
                                        "no development encryption key for " + orgNumber))),
                    Envelopes.MAX_ENCRYPTED_BYTES)
                .content()
            : message;
    List<X509Certificate> others =
        keys.certificates().entrySet().stream()
            .filter(e -> !e.getKey().equals(orgNumber))
            .map(Map.Entry::getValue)
            .toList();
    return signatures.verify(signed, others, clock.instant()).content();
  }
}
