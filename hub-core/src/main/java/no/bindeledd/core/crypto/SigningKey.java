package no.bindeledd.core.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.Objects;

/**
 * An agency's signing identity. The organisation number travels with the key so that the hub can
 * tell which agency signs without parsing certificate subjects.
 *
 * <p>A private key that does not belong to the certificate is refused here, because it would only
 * show up later as signatures nobody can verify.
 */
public record SigningKey(String orgNumber, X509Certificate certificate, PrivateKey privateKey) {

  public SigningKey {
    OrgNumbers.requireValid(orgNumber);
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    if (certificate.getPublicKey() instanceof RSAKey publicKey
        && privateKey instanceof RSAKey rsaPrivateKey
        && !publicKey.getModulus().equals(rsaPrivateKey.getModulus())) {
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
    return "SigningKey[orgNumber="
        + orgNumber
        + ", subject="
        + certificate.getSubjectX500Principal().getName()
        + ", serial="
        + certificate.getSerialNumber().toString(16)
        + "]";
  }
}
