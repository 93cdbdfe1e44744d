package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What could be read of a message before it was refused: enough, when present, to address a
 * rejection receipt to its sender. Each part is present only if it was itself valid.
 *
 * @param messageType the MsgInfo Type, or APPREC for a receipt
 */
public record ReadSoFar(
    Optional<String> msgId,
    Optional<String> messageType,
    Optional<Instant> generated,
    Optional<Party> sender) {

  public ReadSoFar {
    Objects.requireNonNull(msgId, "msgId");
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(sender, "sender");
  }

  /** Nothing: the bytes were not even acceptable XML. */
  public static ReadSoFar nothing() {
    return new ReadSoFar(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
