package no.bindeledd.core.crypto;

import java.util.Objects;

/**
 * An RFC 3161 timestamp the hub does not accept. The reason tells a broken or hostile time-stamping
 * authority from a misconfigured trust list; the message is written for people and never carries
 * library stack traces.
 */
public final class TimestampRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a timestamp was not accepted. */
  public enum Reason {
    /** The bytes are not a time-stamp response or token the hub can read. */
    MALFORMED,
    /** The authority answered, but did not grant a timestamp (rejection, waiting, revocation). */
    NOT_GRANTED,
    /** The token stamps another digest, or one made with another hash algorithm than SHA-256. */
    WRONG_DIGEST,
    /** The response does not answer this request: its nonce is another, or missing. */
    WRONG_NONCE,
    /** The token is signed by an authority whose certificate is not among the trusted ones. */
    UNTRUSTED_TSA,
    /** The trusted certificate is not a time-stamping certificate (critical id-kp-timeStamping). */
    NOT_A_TSA_CERTIFICATE,
    /** The authority's certificate was not valid at the time the token states. */
    CERTIFICATE_NOT_VALID,
    /** The signature does not verify, or uses an algorithm not accepted. */
    BAD_SIGNATURE
  }

  private final Reason reason;

  public TimestampRejected(Reason reason, String detail) {
    super("Timestamp rejected (" + Objects.requireNonNull(reason, "reason") + "): " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
