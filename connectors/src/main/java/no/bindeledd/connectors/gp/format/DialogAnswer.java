package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer to a {@link DialogRequest} (Dialogmelding notat, MsgHead type DIALOG_SVAR). MsgHead
 * links it to the request through its conversation reference: {@code inReplyTo} is the request's
 * msgId (RefToParent) and {@code conversationId} the id of the conversation's first message
 * (RefToConversation).
 *
 * @param answer the answer, Dialogmelding TekstNotatInnhold
 * @param receiptRequested whether the sender asks for an application receipt (MsgInfo Ack "J")
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
    boolean receiptRequested)
    implements GpMessage {

  public DialogAnswer {
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

  @Override
  public String messageType() {
    return KithCodes.DIALOG_ANSWER;
  }

  /** Leaves the answer out: it is health information and must not reach logs. */
  @Override
  public String toString() {
    return "DialogAnswer[msgId="
        + msgId
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
