package no.bindeledd.core.exchange;

import java.time.Instant;

/**
 * A message cleared for delivery, with what a connector needs to put it into the recipient's own
 * format: the parties as the agency register knows them and the person as the recipient knows them.
 */
public record OutboundMessage(
    String messageId,
    String conversationId,
    String inReplyTo,
    MessageKind kind,
    Party sender,
    Party recipient,
    Subject subject,
    String category,
    String purpose,
    String consentId,
    Instant createdAt,
    String body) {

  /** An agency as the agency register holds it; {@code herId} is empty outside health services. */
  public record Party(String orgNumber, String name, String herId) {}

  public record Subject(String nationalId, String givenName, String familyName) {}
}
