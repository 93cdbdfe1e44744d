package no.bindeledd.core.bench;

import java.time.Clock;
import java.util.UUID;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Flow;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.persistence.JpaAuditRouting;
import no.bindeledd.core.persistence.JpaAuditTrail;

/**
 * What the benchmarks append: the entry the hub writes when a caseworker's request goes out in
 * journey J2 ({@code message.sent}: the flow, the consent relied on, the message and its
 * conversation). It is one of the most frequent entries and of middling size: a consent decision
 * with its explanation is longer, a delivery without a consent shorter.
 */
final class AuditSamples {

  private static final Actor CASEWORKER =
      new Actor("kari.nordmann", Fixtures.REFUGEE_SERVICE, Role.CASEWORKER);

  private AuditSamples() {}

  /** A request sent about a person, with fresh identifiers. */
  static AuditEvent requestSent() {
    Flow flow =
        new Flow(
            UUID.randomUUID().toString(),
            Fixtures.REFUGEE_SERVICE,
            Fixtures.GP_OFFICE,
            DataCategory.APPOINTMENT_OUTCOMES,
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
    return AuditEvent.of(CASEWORKER, AuditAction.MESSAGE_SENT, AuditOutcome.SUCCESS)
        .flow(flow)
        .consentId(UUID.randomUUID().toString())
        .message(UUID.randomUUID().toString(), UUID.randomUUID().toString());
  }

  /** {@code count} requests about as many people, to cycle through. */
  static AuditEvent[] requestsSent(int count) {
    AuditEvent[] events = new AuditEvent[count];
    for (int i = 0; i < count; i++) {
      events[i] = requestSent();
    }
    return events;
  }

  /**
   * The canonical bytes of such an entry as the real log writes them, appended to a fresh log in
   * memory. Its sequence number is 1; in a log of a million entries it is six bytes longer.
   */
  static byte[] canonicalEntry() {
    try (TestDatabase db = new TestDatabase()) {
      AuditLog log =
          new AuditLog(new JpaAuditTrail(db.em()), new JpaAuditRouting(db.em()), Clock.systemUTC());
      return db.inTransaction(() -> log.append(requestSent())).canonicalBytes();
    }
  }
}
