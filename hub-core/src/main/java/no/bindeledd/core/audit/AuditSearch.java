package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.Actor;

/**
 * The auditor's view of her log: her municipality's, or the hub's own for the hub's auditor. Only
 * the auditor reads it, an entry of another log is not found, and every search is itself an entry
 * in her log, so that reading the log leaves a trace like any other access.
 */
@ApplicationScoped
public class AuditSearch {

  private AuditTrail trail;
  private AuditLog log;
  private AuditRouting routing;

  protected AuditSearch() {}

  @Inject
  public AuditSearch(AuditTrail trail, AuditLog log, AuditRouting routing) {
    this.trail = trail;
    this.log = log;
    this.routing = routing;
  }

  /** One page of entries of the log, and whether there are more. */
  public record Page(
      AuditLogId log, List<AuditEntry> entries, int page, int size, boolean hasMore) {}

  /** The log the auditor reads. */
  public AuditLogId logOf(Actor actor) {
    return AuditorsLog.of(routing, actor);
  }

  @Transactional
  public Page search(Actor actor, AuditQuery query) {
    AuditLogId own = AuditorsLog.of(routing, actor);
    List<AuditEntry> found = trail.search(own, query);
    boolean more = found.size() > query.size();
    List<AuditEntry> page = more ? found.subList(0, query.size()) : found;
    log.appendTo(
        own,
        AuditEvent.of(actor, AuditAction.AUDIT_SEARCHED, AuditOutcome.SUCCESS)
            .subject(query.subjectId())
            .reason("page=" + query.page() + " size=" + query.size())
            .note(query.describe()));
    return new Page(own, List.copyOf(page), query.page(), query.size(), more);
  }

  /**
   * One entry, for the auditor's detail of it. Reading it is logged as a search for it, as reading
   * it in a page of results would be.
   */
  @Transactional
  public AuditEntry entry(Actor actor, long seq) {
    AuditLogId own = AuditorsLog.of(routing, actor);
    AuditEntry entry =
        trail.entry(own, seq).orElseThrow(() -> new NotFound("audit entry", String.valueOf(seq)));
    log.appendTo(
        own,
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
    AuditLogId own = AuditorsLog.of(routing, actor);
    long head = trail.head(own).lastSeq();
    List<AuditEntry> found = new ArrayList<>();
    AuditQuery page = query.page(0);
    while (found.size() <= max) {
      List<AuditEntry> batch = trail.search(own, page);
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
    log.appendTo(
        own,
        AuditEvent.of(actor, AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS)
            .subject(query.subjectId())
            .reason("entries=" + found.size())
            .note(query.describe()));
    return found;
  }
}
