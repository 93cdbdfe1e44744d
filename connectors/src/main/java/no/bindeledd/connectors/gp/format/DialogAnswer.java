package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer to a {@link DialogRequest}: a Dialogmelding notat that names the message it answers.
 * MsgHead links it to the request through its conversation reference: {@code inReplyTo} is the
 * request's msgId (RefToParent) and {@code conversationId} the id of the conversation's first
 * message (RefToConversation).
 *
 * @param answer the answer, Dialogmelding TekstNotatInnhold
 * @param receiptRequested whether the sender asks for an application receipt (MsgInfo Ack "J")
 * @param messageType DIALOG_SVAR, which the hub writes; record systems also answer with a
 *     DIALOG_NOTAT (Dialogmelding 1.0) or a DIALOG_HELSEFAGLIG (1.1) in the conversation
 */
public record DialogAnswer(
    String msgId,
    Instant generated,
    String conversationId,
    String inReplyTo,
    Party sender,
    Party receiver,
    Patient patient,
    String answer,
    boolean receiptRequested,
    String messageType)
    implements GpMessage {

  public DialogAnswer {
    if (!KithCodes.DIALOG_ANSWER.equals(messageType)
        && !KithCodes.DIALOG_NOTE.equals(messageType)
        && !KithCodes.HEALTH_DIALOGUE.equals(messageType)) {
      throw new IllegalArgumentException(
          "an answer is a DIALOG_SVAR, DIALOG_NOTAT or DIALOG_HELSEFAGLIG, not " + messageType);
    }
    Identifiers.requireMessageId(msgId, "msgId");
    Identifiers.requireMessageId(conversationId, "conversationId");
    Identifiers.requireMessageId(inReplyTo, "inReplyTo");
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(patient, "patient");
    if (answer == null || answer.isBlank()) {
      throw new IllegalArgumentException("an answer needs a text");
    }
    XmlText.require(answer, "answer");
  }

  /** A DIALOG_SVAR, the kind of answer the hub writes. */
  public DialogAnswer(
      String msgId,
      Instant generated,
      String conversationId,
      String inReplyTo,
      Party sender,
      Party receiver,
      Patient patient,
      String answer,
      boolean receiptRequested) {
    this(
        msgId,
        generated,
        conversationId,
        inReplyTo,
        sender,
        receiver,
        patient,
        answer,
        receiptRequested,
        KithCodes.DIALOG_ANSWER);
  }

  /**
   * The answer to {@code request}, from its receiver to its sender, about the same patient, asking
   * for an application receipt.
   */
  public static DialogAnswer to(
      DialogRequest request, String msgId, Instant generated, String answer) {
    return new DialogAnswer(
        msgId,
        generated,
        request.conversationId(),
        request.msgId(),
        request.receiver(),
        request.sender(),
        request.patient(),
        answer,
        true);
  }

  /** Leaves the answer out: it is health information and must not reach logs. */
  @Override
  public String toString() {
    return "DialogAnswer[msgId="
        + msgId
        + ", type="
        + messageType
        + ", conversationId="
        + conversationId
        + ", inReplyTo="
        + inReplyTo
        + ", from "
        + sender.name()
        + " to "
        + receiver.name()
        + ", "
        + patient
        + "]";
  }
}
