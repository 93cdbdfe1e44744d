package no.bindeledd.core.audit;

import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;

/** The one log an auditor reads, and the refusal for anyone else. */
final class AuditorsLog {

  private AuditorsLog() {}

  static AuditLogId of(AuditRouting routing, Actor actor) {
    if (!actor.is(Role.AUDITOR)) {
      throw new AccessDenied("only the auditor reads the audit log");
    }
    return routing
        .auditedBy(actor)
        .orElseThrow(
            () ->
                new AccessDenied(
                    "an auditor reads her municipality's log or the hub's, and this agency has"
                        + " neither"));
  }
}
