package no.bindeledd.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.consent.ConsentDecision;
import no.bindeledd.core.consent.ConsentDecisions;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;

/**
 * What the delivery routes call: claim due outbox entries, deliver one message after deciding on it
 * again, or give up on it. Each call is its own transaction, so a route's retries never leave a
 * half-delivered message.
 */
@ApplicationScoped
public class Delivery {

  /**
   * How long a claimed entry stays with one route before another may take it over, unless the
   * policy says otherwise ({@link DeliveryPolicy#claimLease}).
   */
  public static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

  private static final int EXPIRY_BATCH = 100;

  private Messages messages;
  private Agencies agencies;
  private People people;
  private ConsentDecisions decisions;
  private AuditLog audit;
  private DeliveryPolicy policy;
  private MessageChanges changes;
  private Clock clock;

  protected Delivery() {}

  @Inject
  public Delivery(
      Messages messages,
      Agencies agencies,
      People people,
      ConsentDecisions decisions,
      AuditLog audit,
      DeliveryPolicy policy,
      MessageChanges changes,
      Clock clock) {
    this.messages = messages;
    this.agencies = agencies;
    this.people = people;
    this.decisions = decisions;
    this.audit = audit;
    this.policy = policy;
    this.changes = changes;
    this.clock = clock;
  }

  /** A claimed message and the agency it goes to, so a route can pick the connector. */
  public record Due(String messageId, String recipientAgency, AgencyKind recipientKind) {}

  /** What a delivery attempt ended in. */
  public enum Outcome {
    DELIVERED,
    HELD,
    ALREADY_SETTLED
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Due> claimDue(int max) {
    return claimDue(max, DeliveryRoom.UNBOUNDED);
  }

  /** Claims what is due, no more of an agency's messages than {@code room} has for it. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Due> claimDue(int max, DeliveryRoom room) {
    Instant now = clock.instant();
    return messages.claim(now, now.plus(policy.claimLease()), max, room).stream()
        .map(
            entry -> {
              Agency recipient = agencies.get(new OrganisationNumber(entry.recipientAgency()));
              return new Due(entry.messageId(), entry.recipientAgency(), recipient.kind());
            })
        .toList();
  }

  /**
   * Puts the message in the recipient's inbox if a consent still covers it; otherwise holds it and
   * records why. Consent is decided again here because it may have been withdrawn since the message
   * was sent.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Outcome deliverToInbox(String messageId) {
    Message message = messages.get(messageId);
    if (!message.isAwaitingDelivery()) {
      messages.dequeue(messageId);
      return Outcome.ALREADY_SETTLED;
    }
    Instant now = clock.instant();
    ConsentDecision decision = MessageDecisions.decide(decisions, agencies, message, now);
    messages.dequeue(messageId);
    if (decision.isAllowed()) {
      message.deliver(decision.basis().id(), now);
      changes.changed(message);
    }
    // Audited last: appending locks the log's head row until commit, so the message's own writes
    // are made before it, not while every other audited transaction of the municipality waits.
    recordDecision(message, decision, now);
    if (!decision.isAllowed()) {
      return Outcome.HELD;
    }
    audit.append(
        event(AuditAction.MESSAGE_DELIVERED, AuditOutcome.SUCCESS, message)
            .consentId(decision.basis().id()));
    return Outcome.DELIVERED;
  }

  /**
   * Clears a message for a connector that delivers it to the recipient's own system. Consent is
   * decided again, as for the hub's inbox; a message no consent covers any more is held and nothing
   * is returned. The outbox entry stays until the connector reports how the hand-over went.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<OutboundMessage> prepare(String messageId) {
    Message message = messages.get(messageId);
    if (!message.isAwaitingDelivery()) {
      messages.dequeue(messageId);
      return Optional.empty();
    }
    ConsentDecision decision = decideAgain(message, clock.instant());
    if (!decision.isAllowed()) {
      messages.dequeue(messageId);
      return Optional.empty();
    }
    message.clearOn(decision.basis().id());
    Agency sender = agencies.get(message.sender());
    Agency recipient = agencies.get(message.recipient());
    Person subject = people.get(message.subjectId());
    return Optional.of(
        new OutboundMessage(
            message.id(),
            message.conversationId(),
            message.inReplyTo().orElse(null),
            message.kind(),
            party(sender),
            party(recipient),
            new OutboundMessage.Subject(
                subject.nationalId().value(), subject.givenName(), subject.familyName()),
            message.category().code(),
            message.purpose().code(),
            decision.basis().id(),
            message.createdAt(),
            message.body()));
  }

  /** The recipient's system took the message; its receipt is still to come. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void markSent(String messageId) {
    Message message = messages.get(messageId);
    messages.dequeue(messageId);
    if (message.status() != DeliveryStatus.CREATED) {
      return;
    }
    message.markSent(clock.instant());
    audit.append(
        event(AuditAction.MESSAGE_TRANSMITTED, AuditOutcome.SUCCESS, message)
            .consentId(message.consentId().orElse(null)));
    changes.changed(message);
  }

  /**
   * What the recipient's system said of a message sent to it: a receipt that came back with the
   * hand-over or later. OK (with or without errors) delivers it; a rejection fails it, and its
   * sender sees the recipient's reasons. A receipt for a message that is not the recipient's, or
   * that is not on its way, changes nothing. The receipt may name the message in any letter case.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Message> applyReceipt(
      OrganisationNumber from,
      String messageId,
      ReceiptStatus status,
      String receipt,
      String recipientReference) {
    Optional<Message> found =
        MessageIds.canonical(messageId)
            .flatMap(messages::find)
            .filter(m -> m.recipient().equals(from));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Message message = found.get();
    messages.dequeue(message.id());
    if (!message.isAwaitingDelivery()) {
      return found;
    }
    Instant now = clock.instant();
    // The message keeps the receipt's words, sealed; the audit log, which is not, keeps its status.
    String said = status.name().toLowerCase().replace('_', ' ');
    String words = said + describe(receipt);
    if (status == ReceiptStatus.REJECTED) {
      message.reject(words, now);
      audit.append(event(AuditAction.MESSAGE_REJECTED, AuditOutcome.FAILURE, message).reason(said));
    } else {
      message.confirm(words, recipientReference, now);
      audit.append(
          event(AuditAction.MESSAGE_DELIVERED, AuditOutcome.SUCCESS, message)
              .consentId(message.consentId().orElse(null))
              .reason(said));
    }
    changes.changed(message);
    return found;
  }

  /**
   * The recipient could not be reached this time: the message is tried again after a growing delay,
   * until it runs out of attempts (failed) or of lifetime (expired).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void retryLater(String messageId, String reason) {
    Message message = messages.get(messageId);
    Optional<OutboxEntry> entry = messages.outboxEntry(messageId);
    if (entry.isEmpty() || !message.isAwaitingDelivery()) {
      return;
    }
    if (entry.get().attempts() >= policy.maxAttempts()) {
      fail(message, "gave up after " + entry.get().attempts() + " attempts: " + reason);
      return;
    }
    Instant next = clock.instant().plus(policy.retryDelay(entry.get().attempts()));
    entry.get().retryAt(next, reason);
  }

  /**
   * Gives up on a message that cannot be delivered, however often it is tried (an {@link
   * Undeliverable} in a connector): its sender sees it as failed, with the reason.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void markFailed(String messageId, String reason) {
    Message message = messages.get(messageId);
    messages.dequeue(messageId);
    if (!message.isAwaitingDelivery()) {
      return;
    }
    fail(message, reason);
  }

  /**
   * Expires every message still on its way after its kind's lifetime. Its sender sees it as
   * expired; a late receipt no longer changes that.
   *
   * @return how many expired
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int expireOverdue() {
    Instant now = clock.instant();
    int expired = 0;
    for (MessageKind kind : MessageKind.values()) {
      Duration lifetime = policy.lifetime(kind);
      for (Message message : messages.undeliveredBefore(kind, now.minus(lifetime), EXPIRY_BATCH)) {
        String why =
            "not delivered within its lifetime of "
                + lifetime
                + messages
                    .outboxEntry(message.id())
                    .flatMap(OutboxEntry::lastError)
                    .map(e -> "; last error: " + e)
                    .orElse("");
        messages.dequeue(message.id());
        message.expire(why, now);
        audit.append(event(AuditAction.MESSAGE_EXPIRED, AuditOutcome.FAILURE, message).reason(why));
        changes.changed(message);
        expired++;
      }
    }
    return expired;
  }

  private void fail(Message message, String reason) {
    messages.dequeue(message.id());
    String why = reason == null || reason.isBlank() ? "delivery failed" : reason;
    message.fail(why, clock.instant());
    audit.append(event(AuditAction.MESSAGE_FAILED, AuditOutcome.FAILURE, message).reason(why));
    changes.changed(message);
  }

  /** Decides on the message once more and records the decision; holds it if refused. */
  private ConsentDecision decideAgain(Message message, Instant now) {
    ConsentDecision decision = MessageDecisions.decide(decisions, agencies, message, now);
    recordDecision(message, decision, now);
    return decision;
  }

  /** Audits the decision made again, and holds the message if it no longer allows delivery. */
  private void recordDecision(Message message, ConsentDecision decision, Instant now) {
    AuditEvent decided =
        event(
                AuditAction.CONSENT_DECISION,
                decision.isAllowed() ? AuditOutcome.ALLOWED : AuditOutcome.HELD,
                message)
            .flow(decision.flow())
            .reason(decision.explanation());
    decision.consent().ifPresent(c -> decided.consentId(c.id()));
    audit.append(decided);
    if (!decision.isAllowed()) {
      message.hold(decision.explanation(), now);
      audit.append(
          event(AuditAction.MESSAGE_HELD, AuditOutcome.HELD, message)
              .reason(decision.explanation()));
      changes.changed(message);
    }
  }

  private static AuditEvent event(AuditAction action, AuditOutcome outcome, Message message) {
    return AuditEvent.of(Actor.hub(), action, outcome)
        .flow(message.flow())
        .message(message.id(), message.conversationId());
  }

  private static OutboundMessage.Party party(Agency agency) {
    return new OutboundMessage.Party(agency.orgNumber().value(), agency.name(), agency.herId());
  }

  private static String describe(String receipt) {
    return receipt == null || receipt.isBlank() ? "" : ": " + receipt;
  }
}
