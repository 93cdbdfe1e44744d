package no.bindeledd.web.problem;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.util.logging.Logger;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.web.security.CurrentActor;

/**
 * Records a refused request in the audit log, in a transaction of its own: the request itself
 * rolled back, but the refusal must stay on record.
 */
@RequestScoped
public class RefusalRecorder {

  private static final Logger LOG = Logger.getLogger(RefusalRecorder.class.getName());

  @Inject AuditLog audit;
  @Inject CurrentActor caller;
  @Inject jakarta.enterprise.inject.Instance<Actor> actor;

  /**
   * Records a refused request under the hub's own refusal {@code code}. The path and {@code detail}
   * go into the entry's erasable note: a path can carry a person's identity number or a query, and
   * a message can echo what was asked.
   */
  public void record(UriInfo uri, String code, String detail) {
    String path = uri == null ? "?" : uri.getPath();
    Actor who;
    try {
      who = actor.get();
    } catch (RuntimeException e) {
      // The token itself was refused (no agency, unknown role): record the bare name.
      who = Actor.unidentified(caller.nameOrAnonymous());
    }
    LOG.info(() -> "refused " + path + ": " + code);
    audit.appendRefusal(
        AuditEvent.of(who, AuditAction.REQUEST_REFUSED, AuditOutcome.REFUSED)
            .reason(code)
            .note(detail == null ? path : path + ": " + detail));
  }
}
