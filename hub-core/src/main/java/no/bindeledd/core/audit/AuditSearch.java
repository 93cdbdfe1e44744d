package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;

/**
 * The auditor's view of the log. Only the auditor reads it, and every search is itself an entry in
 * the log, so that reading the log leaves a trace like any other access.
 */
@ApplicationScoped
public class AuditSearch {

  private AuditTrail trail;
  private AuditLog log;

  protected AuditSearch() {}

  @Inject
  public AuditSearch(AuditTrail trail, AuditLog log) {
    this.trail = trail;
    this.log = log;
  }

  /** One page of entries, and whether there are more. */
  public record Page(List<AuditEntry> entries, int page, int size, boolean hasMore) {}

  @Transactional
  public Page search(Actor actor, AuditQuery query) {
    requireAuditor(actor);
    List<AuditEntry> found = trail.search(query);
    boolean more = found.size() > query.size();
    List<AuditEntry> page = more ? found.subList(0, query.size()) : found;
    log.append(
        AuditEvent.of(actor, AuditAction.AUDIT_SEARCHED, AuditOutcome.SUCCESS)
            .subject(query.subjectId())
            .reason(query.describe()));
    return new Page(List.copyOf(page), query.page(), query.size(), more);
  }

  /**
   * One entry, for the auditor's detail of it. Reading it is logged as a search for it, as reading
   * it in a page of results would be.
   */
  @Transactional
  public AuditEntry entry(Actor actor, long seq) {
    requireAuditor(actor);
    AuditEntry entry =
        trail.entry(seq).orElseThrow(() -> new NotFound("audit entry", String.valueOf(seq)));
    log.append(
        AuditEvent.of(actor, AuditAction.AUDIT_SEARCHED, AuditOutcome.SUCCESS)
            .reason("entry " + seq));
    return entry;
  }

  /**
   * Every matching entry up to the log's head as it stands now, oldest first: at most {@code max},
   * or {@code max + 1} to say that there are more. The export is logged once.
   */
  @Transactional
  public List<AuditEntry> everything(Actor actor, AuditQuery query, int max) {
    requireAuditor(actor);
    long head = trail.head().lastSeq();
    List<AuditEntry> found = new ArrayList<>();
    AuditQuery page = query.page(0);
    while (found.size() <= max) {
      List<AuditEntry> batch = trail.search(page);
      for (AuditEntry entry : batch.subList(0, Math.min(batch.size(), page.size()))) {
        if (entry.seq() > head || found.size() > max) {
          break;
        }
        found.add(entry);
      }
      if (batch.size() <= page.size()) {
        break;
      }
      page = page.page(page.page() + 1);
    }
    log.append(
        AuditEvent.of(actor, AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS)
            .subject(query.subjectId())
            .reason(query.describe() + " entries=" + found.size()));
    return found;
  }

  private static void requireAuditor(Actor actor) {
    if (!actor.is(Role.AUDITOR)) {
      throw new AccessDenied("only the auditor reads the audit log");
    }
  }
}
