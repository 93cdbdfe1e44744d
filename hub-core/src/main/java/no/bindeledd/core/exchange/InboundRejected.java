package no.bindeledd.core.exchange;

import java.util.Optional;
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
    /**
     * Signed by the agency, but not encrypted for the hub where the agency's messages must be; what
     * it says comes with the refusal, to address it.
     */
    NOT_ENCRYPTED,
    /**
     * Encrypted, but not opened: not for an encryption certificate whose key the hub holds, an
     * algorithm the hub does not accept, changed, too large, or unreadable.
     */
    NOT_DECRYPTED,
    /** Signed, but not with the registered certificate of the agency it claims to come from. */
    BAD_SIGNATURE,
    /** Signed under a registered certificate its issuer has revoked. */
    CERTIFICATE_REVOKED,
    /**
     * Signed under a registered certificate that is not accepted (any more): expired, withdrawn,
     * not yet valid, of unknown revocation status, or with a signing-time the hub does not accept.
     */
    CERTIFICATE_NOT_ACCEPTED,
    /** Its id, or the id of what it answers, is not a GUID. */
    INVALID_MESSAGE_ID,
    UNKNOWN_RECEIVER,
    UNKNOWN_PATIENT,
    UNKNOWN_CONVERSATION,
    DUPLICATE
  }

  private final Reason reason;
  private final byte[] refusedContent;

  public InboundRejected(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * @param refusedContent what a message refused for its certificate says, whose signature did
   *     verify with the certificate's key; for addressing the refusal only
   */
  public InboundRejected(Reason reason, String message, byte[] refusedContent) {
    super(message);
    this.reason = reason;
    this.refusedContent = refusedContent == null ? null : refusedContent.clone();
  }

  public Reason reason() {
    return reason;
  }

  /** What a message refused for its certificate said, to address the refusal to its sender. */
  public Optional<byte[]> refusedContent() {
    return Optional.ofNullable(refusedContent).map(byte[]::clone);
  }
}
