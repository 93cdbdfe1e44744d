package no.bindeledd.core.crypto;

import java.time.Instant;
import java.util.Objects;

/**
 * What an OCSP responder or a CRL said about one certificate, and when.
 *
 * @param answeredAt when the answer was produced: the OCSP response's producedAt, the CRL's
 *     thisUpdate; for {@link State#NOT_PUBLISHED}, when the hub looked
 * @param revokedAt when the issuer revoked the certificate; only for {@link State#REVOKED}
 * @param source where the answer came from, such as {@code OCSP http://ocsp.example/} or {@code CRL
 *     http://crl.example/ca.crl}
 */
public record RevocationStatus(State state, Instant answeredAt, Instant revokedAt, String source) {

  /** The answer. */
  public enum State {
    GOOD,
    REVOKED,
    /** The certificate names neither an OCSP responder nor a CRL distribution point. */
    NOT_PUBLISHED
  }

  public RevocationStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(answeredAt, "answeredAt");
    Objects.requireNonNull(source, "source");
    if ((state == State.REVOKED) != (revokedAt != null)) {
      throw new IllegalArgumentException("a revocation time belongs to a revoked certificate only");
    }
  }

  public boolean isRevoked() {
    return state == State.REVOKED;
  }
}
