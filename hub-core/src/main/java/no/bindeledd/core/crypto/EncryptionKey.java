package no.bindeledd.core.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.Objects;

/**
 * An agency's decryption identity: the encryption certificate others encrypt for, and its private
 * key, which the hub holds for its own agencies. The health network issues an enterprise separate
 * certificates for signing and for encryption, so this is never a {@link SigningKey}.
 *
 * <p>A private key that does not belong to the certificate is refused here: it would only show up
 * later as messages nobody can open.
 */
public record EncryptionKey(String orgNumber, X509Certificate certificate, PrivateKey privateKey) {

  public EncryptionKey {
    OrgNumbers.requireValid(orgNumber);
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    if (!(certificate.getPublicKey() instanceof RSAKey publicKey)
        || !(privateKey instanceof RSAKey rsaPrivateKey)) {
      throw new IllegalArgumentException(
          "An encryption key of " + orgNumber + " must be RSA: the hub transports keys with RSA");
    }
    if (!publicKey.getModulus().equals(rsaPrivateKey.getModulus())) {
      throw new IllegalArgumentException(
          "The private key of "
              + orgNumber
              + " does not belong to the certificate "
              + certificate.getSubjectX500Principal().getName());
    }
  }

  /** Names the agency and the certificate only: a private key has no place in a log line. */
  @Override
  public String toString() {
    return "EncryptionKey[orgNumber="
        + orgNumber
        + ", subject="
        + certificate.getSubjectX500Principal().getName()
        + ", serial="
        + certificate.getSerialNumber().toString(16)
        + "]";
  }
}
