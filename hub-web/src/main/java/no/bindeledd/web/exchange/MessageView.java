package no.bindeledd.web.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.OutboxEntry;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * A message as the API shows it. The body is present only where the message was opened (and the
 * opening audited); lists and status show the envelope without it. {@code kind} is request, answer,
 * plan or decline (a reply saying the request will not be answered; its body is the reason). {@code
 * status} is created, sent, delivered, read, failed, expired, held or declined (a request its
 * recipient declined). {@code delivery} is present only for its sender, while it waits to be
 * delivered. {@code expectedDelay} (an ISO 8601 duration, whole seconds rounded up) is present
 * while the message waits and its recipient's deliveries are behind by more than {@code
 * hub.delivery.lag.warn-after}: how long the oldest message waiting for that agency has waited, the
 * delay this one should expect.
 */
public record MessageView(
    String id,
    String conversationId,
    String inReplyTo,
    String kind,
    String sender,
    String senderUser,
    String recipient,
    String subjectId,
    String category,
    String purpose,
    String consentId,
    Instant createdAt,
    String status,
    String statusReason,
    Instant statusChangedAt,
    Instant deliveredAt,
    String receipt,
    String recipientReference,
    String signedFormat,
    Delivery delivery,
    String expectedDelay,
    String body,
    Instant erasedAt) {

  /** A message still waiting in the outbox: tries so far, the last error, the next try. */
  public record Delivery(int attempts, String lastError, Instant nextAttemptAt) {}

  /**
   * This view, with the delay its message should expect while it waits for a recipient that is
   * behind; unchanged for a message no longer waiting, or with no delay.
   */
  public MessageView expecting(
      Message m, Function<OrganisationNumber, Optional<Duration>> delayOf) {
    if (m.status() != DeliveryStatus.CREATED) {
      return this;
    }
    return delayOf
        .apply(m.recipient())
        .map(
            delay ->
                new MessageView(
                    id,
                    conversationId,
                    inReplyTo,
                    kind,
                    sender,
                    senderUser,
                    recipient,
                    subjectId,
                    category,
                    purpose,
                    consentId,
                    createdAt,
                    status,
                    statusReason,
                    statusChangedAt,
                    deliveredAt,
                    receipt,
                    recipientReference,
                    signedFormat,
                    delivery,
                    delay.toString(),
                    body,
                    erasedAt))
        .orElse(this);
  }

  public static MessageView withBody(Message m) {
    return of(m, m.body());
  }

  public static MessageView envelope(Message m) {
    return of(m, null);
  }

  /** The envelope, with how its delivery is going if it still waits in the outbox. */
  public static MessageView status(Message m, Optional<OutboxEntry> waiting) {
    return of(
        m,
        waiting
            .map(
                e ->
                    new Delivery(
                        e.attempts(), e.lastError().orElse(null), e.nextAttemptAt().orElse(null)))
            .orElse(null),
        null);
  }

  private static MessageView of(Message m, String body) {
    return of(m, null, body);
  }

  private static MessageView of(Message m, Delivery delivery, String body) {
    return new MessageView(
        m.id(),
        m.conversationId(),
        m.inReplyTo().orElse(null),
        m.kind().name().toLowerCase(),
        m.sender().value(),
        m.senderUser(),
        m.recipient().value(),
        m.subjectId(),
        m.category().code(),
        m.purpose().code(),
        m.consentId().orElse(null),
        m.createdAt(),
        m.status().name().toLowerCase(),
        m.statusReason().orElse(null),
        m.statusChangedAt(),
        m.deliveredAt().orElse(null),
        m.receipt().orElse(null),
        m.recipientReference().orElse(null),
        m.signedFormat(),
        delivery,
        null,
        body,
        m.erasedAt().orElse(null));
  }
}
