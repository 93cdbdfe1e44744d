package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The append-only audit logs: one per municipality and the hub's own. Appending joins the caller's
 * transaction, so an entry is written exactly when the change it describes is: a rolled-back change
 * leaves no entry, and no change commits without one. {@link AuditRouting} says which log an entry
 * goes into.
 */
@ApplicationScoped
public class AuditLog {

  private static final int CHECK_BATCH = 500;

  /** How often the chain check walks on to entries appended while it walked, before it judges. */
  private static final int HEAD_ROUNDS = 5;

  private AuditTrail trail;
  private AuditRouting routing;
  private Clock clock;

  protected AuditLog() {}

  @Inject
  public AuditLog(AuditTrail trail, AuditRouting routing, Clock clock) {
    this.trail = trail;
    this.routing = routing;
    this.clock = clock;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public AuditEntry append(AuditEvent event) {
    return appendLocked(routed(event), event);
  }

  /**
   * Appends to a log named by the caller rather than routed: the auditor's reading of her log is
   * recorded in that log, whoever the search was about.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public AuditEntry appendTo(AuditLogId log, AuditEvent event) {
    return appendLocked(log, event);
  }

  /**
   * Records a refusal in a transaction of its own, for refusals whose request rolls back: the
   * refusal must stay on record even though nothing else does.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public AuditEntry appendRefusal(AuditEvent event) {
    return appendLocked(routed(event), event);
  }

  /**
   * Records an event in a transaction of its own, committed when this returns, for an entry that
   * work in later transactions must find: the export's own entry, which its final checkpoint must
   * cover.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public AuditEntry appendCommitted(AuditLogId log, AuditEvent event) {
    return appendLocked(log, event);
  }

  private AuditLogId routed(AuditEvent event) {
    return routing.logOf(
        event.subjectId, event.actor.agency() == null ? null : event.actor.agency().value());
  }

  private AuditEntry appendLocked(AuditLogId log, AuditEvent event) {
    AuditHead head = trail.lockHead(log);
    AuditEntry entry =
        AuditEntry.append(log, event, head.lastSeq() + 1, clock.instant(), head.lastHash());
    trail.add(entry);
    head.advance(entry);
    return entry;
  }

  /** Walks one log's whole chain from the first entry. Empty when it is intact. */
  @Transactional
  public Optional<ChainCheck.Break> verifyChain(AuditLogId log) {
    ChainCheck check = new ChainCheck();
    long after = 0;
    for (int round = 1; ; round++) {
      List<AuditEntry> batch;
      do {
        batch = trail.entriesAfter(log, after, CHECK_BATCH);
        for (AuditEntry entry : batch) {
          if (!check.accept(entry)) {
            return check.firstBreak();
          }
          after = entry.seq();
        }
      } while (batch.size() == CHECK_BATCH);
      // The head is read after the entries: an entry and the head move in one transaction, so a
      // head read now counts every entry seen, however many were appended during the walk. If it
      // counts more, those were appended since; walk on to them a few times before judging.
      AuditHead head = trail.head(log);
      if (head.lastSeq() <= after || round == HEAD_ROUNDS) {
        return check.end(head.lastSeq(), head.lastHash());
      }
    }
  }

  public List<AuditEntry> aboutSubject(String subjectId, int max) {
    return trail.aboutSubject(subjectId, max);
  }
}
