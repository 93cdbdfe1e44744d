package no.bindeledd.core.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.Objects;

/**
 * A time-stamping authority's signing identity: its certificate and private key. A private key that
 * does not belong to the certificate is refused here, because it would only show up later as tokens
 * nobody can verify.
 */
public record TimestampingKey(X509Certificate certificate, PrivateKey privateKey) {

  public TimestampingKey {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    if (certificate.getPublicKey() instanceof RSAKey publicKey
        && privateKey instanceof RSAKey rsaPrivateKey
        && !publicKey.getModulus().equals(rsaPrivateKey.getModulus())) {
      throw new IllegalArgumentException(
          "The private key does not belong to the certificate "
              + certificate.getSubjectX500Principal().getName());
    }
  }

  /** Names the certificate only: a private key has no place in a log line. */
  @Override
  public String toString() {
    return "TimestampingKey[subject="
        + certificate.getSubjectX500Principal().getName()
        + ", serial="
        + certificate.getSerialNumber().toString(16)
        + "]";
  }
}
