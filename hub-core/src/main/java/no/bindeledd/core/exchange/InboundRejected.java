package no.bindeledd.core.exchange;

import no.bindeledd.core.InvalidInput;

/**
 * A message from an agency's system that the hub read and verified but cannot take in. The reason
 * lets a connector answer in the agency's own terms (an AppRec error code, say).
 */
public class InboundRejected extends InvalidInput {

  private static final long serialVersionUID = 1L;

  /** Why the hub could not take the message in. */
  public enum Reason {
    /** Not CMS SignedData at all. */
    NOT_SIGNED,
    /** Signed, but not with the registered certificate of the agency it claims to come from. */
    BAD_SIGNATURE,
    /** Its id, or the id of what it answers, is not a GUID. */
    INVALID_MESSAGE_ID,
    UNKNOWN_RECEIVER,
    UNKNOWN_PATIENT,
    UNKNOWN_CONVERSATION,
    DUPLICATE
  }

  private final Reason reason;

  public InboundRejected(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
