package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.util.Objects;

/**
 * A note about a patient that opens a conversation rather than answering a message: a DIALOG_NOTAT
 * (Dialogmelding 1.0) or a DIALOG_HELSEFAGLIG (1.1) without a conversation reference. The office
 * writes first.
 *
 * @param text the note, Dialogmelding TekstNotatInnhold
 * @param receiptRequested whether the sender asks for an application receipt (MsgInfo Ack "J")
 */
public record DialogNote(
    String msgId,
    Instant generated,
    Party sender,
    Party receiver,
    Patient patient,
    String text,
    boolean receiptRequested,
    String messageType)
    implements GpMessage {

  public DialogNote {
    Identifiers.requireMessageId(msgId, "msgId");
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(patient, "patient");
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a note needs a text");
    }
    XmlText.require(text, "text");
    if (!KithCodes.DIALOG_NOTE.equals(messageType)
        && !KithCodes.HEALTH_DIALOGUE.equals(messageType)) {
      throw new IllegalArgumentException(
          "a note is a DIALOG_NOTAT or a DIALOG_HELSEFAGLIG, not " + messageType);
    }
  }

  /** Leaves the text out: it is health information and must not reach logs. */
  @Override
  public String toString() {
    return "DialogNote[msgId="
        + msgId
        + ", type="
        + messageType
        + ", from "
        + sender.name()
        + " to "
        + receiver.name()
        + ", "
        + patient
        + "]";
  }
}
