package no.bindeledd.core.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;

/**
 * The refugee service is told when a person withdraws a consent themselves: a {@link ConsentNotice}
 * its caseworkers list and mark seen, and a {@link ConsentNoticed} for the live streams, which in
 * the container is a CDI event that observers take after the withdrawal committed.
 */
@ApplicationScoped
public class WithdrawalNotices {

  /** The most notices one listing holds, newest first. */
  public static final int MAX_LISTED = 200;

  private ConsentNotices notices;
  private Consumer<ConsentNoticed> listener;
  private AuditLog audit;
  private Clock clock;

  protected WithdrawalNotices() {}

  @Inject
  public WithdrawalNotices(
      ConsentNotices notices, Event<ConsentNoticed> events, AuditLog audit, Clock clock) {
    this(notices, events::fire, audit, clock);
  }

  /** Notices handed to {@code listener}, for a core wired by hand. */
  public WithdrawalNotices(
      ConsentNotices notices, Consumer<ConsentNoticed> listener, AuditLog audit, Clock clock) {
    this.notices = notices;
    this.listener = listener;
    this.audit = audit;
    this.clock = clock;
  }

  /** Tells the agency that recorded {@code consent} that {@code citizen} withdrew it. */
  void withdrawnByPerson(Consent consent, Actor citizen) {
    ConsentNotice notice = new ConsentNotice(consent, citizen.userId(), clock.instant());
    notices.add(notice);
    listener.accept(new ConsentNoticed(notice.id(), notice.agency()));
  }

  /**
   * The caseworker's agency's notices, newest first, each audited as a look at the consent it
   * names.
   */
  @Transactional
  public List<ConsentNotice> list(Actor caseworker) {
    requireCaseworker(caseworker);
    List<ConsentNotice> found = notices.forAgency(caseworker.agency(), MAX_LISTED);
    for (ConsentNotice notice : found) {
      audit.append(
          AuditEvent.of(caseworker, AuditAction.CONSENT_READ, AuditOutcome.SUCCESS)
              .subject(notice.subjectId())
              .consentId(notice.consentId())
              .reason("listed in the notices of withdrawals by the person"));
    }
    return found;
  }

  /** Marks a notice of the caseworker's agency seen; another agency's is not found. */
  @Transactional
  public ConsentNotice markSeen(Actor caseworker, String noticeId) {
    requireCaseworker(caseworker);
    ConsentNotice notice =
        notices
            .find(noticeId)
            .filter(n -> caseworker.isAt(n.agency()))
            .orElseThrow(() -> new NotFound("notice", noticeId));
    notice.markSeen(caseworker.userId(), clock.instant());
    audit.append(
        AuditEvent.of(caseworker, AuditAction.CONSENT_NOTICE_SEEN, AuditOutcome.SUCCESS)
            .subject(notice.subjectId())
            .consentId(notice.consentId()));
    return notice;
  }

  private static void requireCaseworker(Actor actor) {
    if (!actor.is(Role.CASEWORKER)) {
      throw new AccessDenied("only a caseworker at the refugee service reads its notices");
    }
  }
}
