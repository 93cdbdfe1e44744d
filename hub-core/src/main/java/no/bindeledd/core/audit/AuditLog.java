package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The append-only audit log. Appending joins the caller's transaction, so an entry is written
 * exactly when the change it describes is: a rolled-back change leaves no entry, and no change
 * commits without one.
 */
@ApplicationScoped
public class AuditLog {

  private static final int CHECK_BATCH = 500;

  private AuditTrail trail;
  private Clock clock;

  protected AuditLog() {}

  @Inject
  public AuditLog(AuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public AuditEntry append(AuditEvent event) {
    return appendLocked(event);
  }

  /**
   * Records a refusal in a transaction of its own, for refusals whose request rolls back: the
   * refusal must stay on record even though nothing else does.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public AuditEntry appendRefusal(AuditEvent event) {
    return appendLocked(event);
  }

  /**
   * Records an event in a transaction of its own, committed when this returns, for an entry that
   * work in later transactions must find: the export's own entry, which its final checkpoint must
   * cover.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public AuditEntry appendCommitted(AuditEvent event) {
    return appendLocked(event);
  }

  private AuditEntry appendLocked(AuditEvent event) {
    AuditHead head = trail.lockHead();
    AuditEntry entry =
        AuditEntry.append(event, head.lastSeq() + 1, clock.instant(), head.lastHash());
    trail.add(entry);
    head.advance(entry);
    return entry;
  }

  /** Walks the whole chain from the first entry. Empty when it is intact. */
  @Transactional
  public Optional<ChainCheck.Break> verifyChain() {
    ChainCheck check = new ChainCheck();
    AuditHead head = trail.head();
    long after = 0;
    List<AuditEntry> batch;
    do {
      batch = trail.entriesAfter(after, CHECK_BATCH);
      for (AuditEntry entry : batch) {
        if (!check.accept(entry)) {
          return check.firstBreak();
        }
        after = entry.seq();
      }
    } while (batch.size() == CHECK_BATCH);
    return check.end(head.lastSeq(), head.lastHash());
  }

  public List<AuditEntry> aboutSubject(String subjectId, int max) {
    return trail.aboutSubject(subjectId, max);
  }
}
