package no.bindeledd.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/**
 * What the delivery routes call: claim due outbox entries, deliver one message after deciding on it
 * again, or give up on it. Each call is its own transaction, so a route's retries never leave a
 * half-delivered message.
 */
@ApplicationScoped
public class Delivery {

  /** How long a claimed entry stays with one route before another may take it over. */
  public static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

  private Messages messages;
  private Agencies agencies;
  private ConsentDecisions decisions;
  private AuditLog audit;
  private Clock clock;

  protected Delivery() {}

  @Inject
  public Delivery(
      Messages messages,
      Agencies agencies,
      ConsentDecisions decisions,
      AuditLog audit,
      Clock clock) {
    this.messages = messages;
    this.agencies = agencies;
    this.decisions = decisions;
    this.audit = audit;
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
    Instant now = clock.instant();
    return messages.claim(now, now.plus(CLAIM_LEASE), max).stream()
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
    Actor hub = Actor.hub();
    AuditEvent decided =
        AuditEvent.of(
                hub,
                AuditAction.CONSENT_DECISION,
                decision.isAllowed() ? AuditOutcome.ALLOWED : AuditOutcome.HELD)
            .flow(decision.flow())
            .message(message.id(), message.conversationId())
            .reason(decision.explanation());
    decision.consent().ifPresent(c -> decided.consentId(c.id()));
    audit.append(decided);
    messages.dequeue(messageId);
    if (decision.isAllowed()) {
      message.deliver(decision.basis().id(), now);
      audit.append(
          AuditEvent.of(hub, AuditAction.MESSAGE_DELIVERED, AuditOutcome.SUCCESS)
              .flow(message.flow())
              .consentId(decision.basis().id())
              .message(message.id(), message.conversationId()));
      return Outcome.DELIVERED;
    }
    message.hold(decision.explanation(), now);
    audit.append(
        AuditEvent.of(hub, AuditAction.MESSAGE_HELD, AuditOutcome.HELD)
            .flow(message.flow())
            .message(message.id(), message.conversationId())
            .reason(decision.explanation()));
    return Outcome.HELD;
  }

  /** Gives up on a message after the route's last retry; its sender sees it as failed. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void markFailed(String messageId, String reason) {
    Message message = messages.get(messageId);
    messages.dequeue(messageId);
    if (!message.isAwaitingDelivery()) {
      return;
    }
    String why = reason == null || reason.isBlank() ? "delivery failed" : reason;
    message.fail(why, clock.instant());
    audit.append(
        AuditEvent.of(Actor.hub(), AuditAction.MESSAGE_FAILED, AuditOutcome.FAILURE)
            .flow(message.flow())
            .message(message.id(), message.conversationId())
            .reason(why));
  }
}
