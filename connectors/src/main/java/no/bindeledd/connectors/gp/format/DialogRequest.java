package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for health information about a patient (Dialogmelding forespørsel, MsgHead type
 * DIALOG_FORESPORSEL).
 *
 * <p>MsgHead names a conversation by the id of its first message and forbids a conversation
 * reference on that message. So a request that opens a conversation has {@code conversationId}
 * equal to {@code msgId} and no {@code inReplyTo}; a request made later in a conversation names the
 * message it follows in {@code inReplyTo}.
 *
 * @param question the question, Dialogmelding Sporsmal
 * @param purpose why the information is needed, Dialogmelding Begrunnelse. The standard asks a
 *     request for health information to state its purpose, so the hub writes none without it;
 *     requests read from others may lack it.
 * @param receiptRequested whether the sender asks for an application receipt (MsgInfo Ack "J")
 * @param messageType DIALOG_FORESPORSEL, which the hub writes, or DIALOG_HELSEFAGLIG, a question in
 *     Dialogmelding 1.1's dialogue between health personnel
 */
public record DialogRequest(
    String msgId,
    Instant generated,
    String conversationId,
    Optional<String> inReplyTo,
    Party sender,
    Party receiver,
    Patient patient,
    String question,
    Optional<String> purpose,
    boolean receiptRequested,
    String messageType)
    implements GpMessage {

  public DialogRequest {
    if (!KithCodes.DIALOG_REQUEST.equals(messageType)
        && !KithCodes.HEALTH_DIALOGUE.equals(messageType)) {
      throw new IllegalArgumentException(
          "a request is a DIALOG_FORESPORSEL or a DIALOG_HELSEFAGLIG, not " + messageType);
    }
    Identifiers.requireMessageId(msgId, "msgId");
    Identifiers.requireMessageId(conversationId, "conversationId");
    Objects.requireNonNull(inReplyTo, "inReplyTo");
    inReplyTo.ifPresent(parent -> Identifiers.requireMessageId(parent, "inReplyTo"));
    if (inReplyTo.isEmpty() && !conversationId.equals(msgId)) {
      throw new IllegalArgumentException(
          "a request that opens a conversation is its first message: its conversationId is its"
              + " msgId");
    }
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(patient, "patient");
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("a request needs a question");
    }
    Objects.requireNonNull(purpose, "purpose");
    XmlText.require(question, "question");
    purpose.ifPresent(text -> XmlText.require(text, "purpose"));
  }

  /** A DIALOG_FORESPORSEL, the kind of request the hub writes. */
  public DialogRequest(
      String msgId,
      Instant generated,
      String conversationId,
      Optional<String> inReplyTo,
      Party sender,
      Party receiver,
      Patient patient,
      String question,
      Optional<String> purpose,
      boolean receiptRequested) {
    this(
        msgId,
        generated,
        conversationId,
        inReplyTo,
        sender,
        receiver,
        patient,
        question,
        purpose,
        receiptRequested,
        KithCodes.DIALOG_REQUEST);
  }

  /**
   * A request that opens a conversation and asks for an application receipt, as the hub sends them.
   */
  public static DialogRequest opening(
      String msgId,
      Instant generated,
      Party sender,
      Party receiver,
      Patient patient,
      String question,
      String purpose) {
    return new DialogRequest(
        msgId,
        generated,
        msgId,
        Optional.empty(),
        sender,
        receiver,
        patient,
        question,
        Optional.of(purpose),
        true);
  }

  /** Leaves the question and purpose out: they are health information and must not reach logs. */
  @Override
  public String toString() {
    return "DialogRequest[msgId="
        + msgId
        + ", conversationId="
        + conversationId
        + ", inReplyTo="
        + inReplyTo.orElse("none")
        + ", from "
        + sender.name()
        + " to "
        + receiver.name()
        + ", "
        + patient
        + "]";
  }
}
