package no.bindeledd.core.audit.witness;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Why a witness does not cosign a checkpoint, with the HTTP status C2SP tlog-witness gives each
 * case. The message says what is wrong in words an operator can act on.
 */
public final class WitnessRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The cases of tlog-witness's add-checkpoint, each with its status. */
  public enum Reason {
    /** The request is not an add-checkpoint body, or its checkpoint is not a signed checkpoint. */
    MALFORMED(400, "malformed"),
    /** The old size is larger than the checkpoint's size. */
    OLD_SIZE_TOO_LARGE(400, "old-size-too-large"),
    /** No signature by a key the witness trusts for the checkpoint's origin verifies. */
    NOT_SIGNED_BY_LOG(403, "not-signed-by-log"),
    /** The witness does not witness the checkpoint's origin. */
    UNKNOWN_LOG(404, "unknown-log"),
    /** The old size is not the size of the latest checkpoint the witness cosigned for the log. */
    OLD_SIZE_MISMATCH(409, "old-size-mismatch"),
    /**
     * The checkpoint is not consistent with the latest one the witness cosigned: the proof does not
     * hold, or the roots of equal sizes differ, or an empty tree has another root.
     */
    INCONSISTENT(422, "inconsistent");

    private final int status;
    private final String slug;

    Reason(int status, String slug) {
      this.status = status;
      this.slug = slug;
    }

    /** The HTTP status tlog-witness answers with. */
    public int status() {
      return status;
    }

    /** A short name for the problem type. */
    public String slug() {
      return slug;
    }
  }

  private final Reason reason;
  private final String detail;
  private final long witnessSize;

  private WitnessRefusal(Reason reason, String detail, long witnessSize) {
    super("Checkpoint not cosigned (" + reason.status() + " " + reason.slug() + "): " + detail);
    this.reason = reason;
    this.detail = detail;
    this.witnessSize = witnessSize;
  }

  public WitnessRefusal(Reason reason, String detail) {
    this(Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(detail, "detail"), -1);
    if (reason == Reason.OLD_SIZE_MISMATCH) {
      throw new IllegalArgumentException("an old size mismatch names the witness's size");
    }
  }

  /** The 409 answer: the old size was wrong, and the witness has cosigned up to this size. */
  public static WitnessRefusal oldSizeMismatch(long witnessSize, long oldSize) {
    return new WitnessRefusal(
        Reason.OLD_SIZE_MISMATCH,
        "the old size is "
            + oldSize
            + ", but the latest checkpoint this witness cosigned for the log has "
            + witnessSize
            + " entries",
        witnessSize);
  }

  public Reason reason() {
    return reason;
  }

  /** What is wrong, without the status. */
  public String detail() {
    return detail;
  }

  /** For a 409, the size of the latest checkpoint the witness cosigned for the log. */
  public OptionalLong witnessSize() {
    return witnessSize < 0 ? OptionalLong.empty() : OptionalLong.of(witnessSize);
  }
}
