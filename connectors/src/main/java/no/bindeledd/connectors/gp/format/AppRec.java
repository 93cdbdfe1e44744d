package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An application receipt (AppRec 1.0): the receiver's answer that it processed a message, or why it
 * could not. A receipt is never answered with a receipt.
 *
 * @param errors none when the status is OK, at least one otherwise
 * @param originalMsgId the id of the message this receipt is for
 * @param originalMsgType that message's type, for example DIALOG_FORESPORSEL
 * @param originalIssued when that message was generated
 */
public record AppRec(
    String msgId,
    Instant generated,
    AppRecStatus status,
    List<AppRecError> errors,
    Party sender,
    Party receiver,
    String originalMsgId,
    String originalMsgType,
    Instant originalIssued)
    implements GpMessage {

  public AppRec {
    Identifiers.requireMessageId(msgId, "msgId");
    Identifiers.requireMessageId(originalMsgId, "originalMsgId");
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(status, "status");
    errors = List.copyOf(errors);
    if (status == AppRecStatus.OK && !errors.isEmpty()) {
      throw new IllegalArgumentException("a receipt with status OK carries no errors");
    }
    if (status != AppRecStatus.OK && errors.isEmpty()) {
      throw new IllegalArgumentException("a receipt with status " + status + " names its errors");
    }
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
    if (originalMsgType == null || !originalMsgType.matches("\\S{1,100}")) {
      throw new IllegalArgumentException("originalMsgType must be a code without spaces");
    }
    Objects.requireNonNull(originalIssued, "originalIssued");
  }

  /**
   * The receipt for {@code original}, from its receiver to its sender.
   *
   * @throws IllegalArgumentException if {@code original} is itself a receipt
   */
  public static AppRec acknowledging(
      GpMessage original,
      String msgId,
      Instant generated,
      AppRecStatus status,
      List<AppRecError> errors) {
    if (original instanceof AppRec) {
      throw new IllegalArgumentException("a receipt is never answered with a receipt");
    }
    return new AppRec(
        msgId,
        generated,
        status,
        errors,
        original.receiver(),
        original.sender(),
        original.msgId(),
        original.messageType(),
        original.generated());
  }

  @Override
  public String messageType() {
    return KithCodes.APPREC;
  }
}
