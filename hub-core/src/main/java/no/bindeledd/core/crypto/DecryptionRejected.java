package no.bindeledd.core.crypto;

import java.util.Locale;
import java.util.Objects;

/**
 * A message the hub cannot or will not decrypt. The reason lets callers answer the sending agency
 * precisely; the message is written for people and never carries library stack traces. A key that
 * does not decrypt, a changed ciphertext, a failed GCM tag and bad CBC padding are one reason on
 * purpose: telling them apart would help whoever probes the hub's key.
 */
public final class DecryptionRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why an encrypted message was not opened. */
  public enum Reason {
    /** The bytes are not a CMS structure the hub can read. */
    MALFORMED,
    /**
     * A CMS structure, but not EnvelopedData or AuthEnvelopedData, where encryption is required.
     */
    NOT_ENCRYPTED,
    /** Larger than the hub decrypts. */
    TOO_LARGE,
    /** Not encrypted for any encryption certificate whose key the hub holds for the recipient. */
    UNKNOWN_RECIPIENT,
    /** A key transport or content cipher the hub does not accept (ADR 0029 lists those it does). */
    ALGORITHM_NOT_ACCEPTED,
    /** The key or the content did not decrypt: a wrong key, or a changed message. */
    NOT_DECRYPTED
  }

  private final Reason reason;

  public DecryptionRejected(Reason reason, String detail) {
    super("Decryption rejected (" + Objects.requireNonNull(reason, "reason") + "): " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The reason as problem details and audit entries spell it, such as {@code not-encrypted}. */
  public String code() {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
