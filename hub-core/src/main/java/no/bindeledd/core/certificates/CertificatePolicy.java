package no.bindeledd.core.certificates;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the hub judges an agency's certificate.
 *
 * @param trustList the CA certificates a registered certificate must chain to; asked at each
 *     registration, so that an operator may add an issuer without a restart
 * @param revocationRequired whether a certificate that names neither an OCSP responder nor a CRL is
 *     refused; only the embedded profile's development CA publishes neither
 * @param revocationMaxAge how old the last revocation answer may be before a message signed under
 *     the certificate makes the hub ask again; past it, with no new answer, messages are refused
 */
public record CertificatePolicy(
    Supplier<List<X509Certificate>> trustList,
    boolean revocationRequired,
    Duration revocationMaxAge) {

  public CertificatePolicy {
    Objects.requireNonNull(trustList, "trustList");
    Objects.requireNonNull(revocationMaxAge, "revocationMaxAge");
    if (revocationMaxAge.isNegative() || revocationMaxAge.isZero()) {
      throw new IllegalArgumentException("the revocation answer's maximum age must be positive");
    }
  }
}
