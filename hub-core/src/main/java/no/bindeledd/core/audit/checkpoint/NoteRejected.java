package no.bindeledd.core.audit.checkpoint;

import java.util.Objects;

/**
 * A signed note or checkpoint that is not accepted. The message says why in words an auditor can
 * act on; the reason lets code tell a forgery from a key it has not been given.
 */
public final class NoteRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a note was not accepted. */
  public enum Reason {
    /** The text is not a signed note: bad UTF-8, control characters, lines out of place. */
    MALFORMED,
    /** No signature line names any of the verifier's keys. */
    NO_SIGNATURE_BY_KEY,
    /**
     * A signature line carries a known key name but another key ID: signed by a key of that name
     * the verifier was not given (a rotated key, or a key that merely claims the name).
     */
    UNKNOWN_KEY,
    /** A signature by a known key does not verify: the text or the signature was changed. */
    BAD_SIGNATURE,
    /** The signed text is not a well-formed checkpoint. */
    NOT_A_CHECKPOINT,
    /** The checkpoint comes from another log than the one expected. */
    WRONG_ORIGIN
  }

  private final Reason reason;

  public NoteRejected(Reason reason, String detail) {
    super("Note rejected (" + Objects.requireNonNull(reason, "reason") + "): " + detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
