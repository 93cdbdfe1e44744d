package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A GP message the hub refuses to read, with the application receipt error code to answer with, a
 * plain-English reason, and what could be read before the refusal.
 */
public class UnacceptableGpMessage extends Exception {

  private static final long serialVersionUID = 1L;

  private final AppRecErrorCode errorCode;
  private final String reason;
  private final transient ReadSoFar readSoFar;

  public UnacceptableGpMessage(AppRecErrorCode errorCode, String reason, ReadSoFar readSoFar) {
    super(errorCode.name() + " " + errorCode.displayName() + ": " + reason);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.readSoFar = Objects.requireNonNull(readSoFar, "readSoFar");
  }

  public AppRecErrorCode errorCode() {
    return errorCode;
  }

  public String reason() {
    return reason;
  }

  public ReadSoFar readSoFar() {
    return readSoFar;
  }

  /** The error to put in the rejection receipt: this code, with the reason as its details. */
  public AppRecError toAppRecError() {
    return AppRecError.of(errorCode, reason);
  }

  /**
   * The receipt that rejects this message, from {@code us} to its sender, if enough of it could be
   * read to address one. Empty also when the refused message is itself a receipt, since receipts
   * are never answered.
   */
  public Optional<AppRec> rejectionReceipt(String receiptMsgId, Instant generated, Party us) {
    ReadSoFar read = readSoFar;
    if (read.msgId().isEmpty()
        || read.messageType().isEmpty()
        || read.generated().isEmpty()
        || read.sender().isEmpty()
        || read.messageType().get().equals(KithCodes.APPREC)) {
      return Optional.empty();
    }
    return Optional.of(
        new AppRec(
            receiptMsgId,
            generated,
            AppRecStatus.REJECTED,
            List.of(toAppRecError()),
            us,
            read.sender().get(),
            read.msgId().get(),
            read.messageType().get(),
            read.generated().get()));
  }
}
