package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.bindeledd.core.audit.Checkpointer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hub's health says DOWN when the audit log no longer matches the checkpoint the hub remembers
 * signing: someone changed or removed entries it had signed, and it signs no more checkpoints. The
 * data names the entries. An operator restores the database from a backup that holds the signed
 * history and restarts the hub (docs/audit.md).
 */
@Readiness
@ApplicationScoped
public class AuditHistoryHealth implements HealthCheck {

  @Inject Checkpointer checkpointer;

  @Override
  public HealthCheckResponse call() {
    var alarm = checkpointer.alarm();
    return HealthCheckResponse.named("audit-history")
        .status(alarm.isEmpty())
        .withData("alarm", alarm.orElse("none"))
        .build();
  }
}
