package no.bindeledd.core.crypto;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import no.bindeledd.core.crypto.bc.RevocationSources;

/**
 * Asks the issuer whether it revoked a certificate: its OCSP responder first (named in the
 * certificate's authority information access), and its CRL (named in its CRL distribution points)
 * when no responder gives a usable answer. Answers must be signed by the issuer, or for OCSP by a
 * responder the issuer delegated to, and be current. Safe to share between threads.
 */
public final class Revocation {

  private final RevocationSources sources;

  /**
   * @param timeout how long one request to a responder or distribution point may take
   */
  public Revocation(Duration timeout, Clock clock) {
    this.sources = new RevocationSources(timeout, clock);
  }

  /**
   * @param issuer the certificate that issued {@code certificate}, from the trust list
   * @throws RevocationUnavailable when the certificate names sources but none of them answers
   *     usably
   */
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer)
      throws RevocationUnavailable {
    return sources.check(
        Objects.requireNonNull(certificate, "certificate"),
        Objects.requireNonNull(issuer, "issuer"));
  }
}
