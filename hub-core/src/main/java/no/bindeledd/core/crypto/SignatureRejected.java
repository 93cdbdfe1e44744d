package no.bindeledd.core.crypto;

import java.util.Objects;

/**
 * A message whose signature the hub does not accept. The reason lets callers answer the sending
 * agency precisely; the message is written for people and never carries library stack traces.
 */
public final class SignatureRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a signature was not accepted. */
  public enum Reason {
    /** The bytes are not a CMS SignedData structure the hub can read. */
    MALFORMED,
    /** The signature is detached: the message does not carry the content it signs. */
    NO_CONTENT,
    /** The hub requires exactly one signer, so that a message is attributable to one agency. */
    NOT_ONE_SIGNER,
    /** The signer's certificate is not one of the certificates registered for the agency. */
    UNKNOWN_SIGNER,
    /** The signature or the message digest does not match, or uses an algorithm not accepted. */
    BAD_SIGNATURE,
    /** The signer's certificate was not valid at the time the message is checked for. */
    CERTIFICATE_NOT_VALID
  }

  private final Reason reason;

  public SignatureRejected(Reason reason, String detail) {
    super("Signature rejected (" + Objects.requireNonNull(reason, "reason") + "): " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
