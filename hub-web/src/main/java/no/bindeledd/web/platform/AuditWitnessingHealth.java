package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.bindeledd.core.audit.CheckpointWitnessing;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hub's health says DOWN when a witness refused the audit log's newest checkpoint as
 * inconsistent with what it cosigned before (the history was changed: an operator must find out
 * how), or when a witness has failed for longer than {@code hub.audit.witness-alarm-after}.
 */
@Readiness
@ApplicationScoped
public class AuditWitnessingHealth implements HealthCheck {

  @Inject CheckpointWitnessing witnessing;

  @Override
  public HealthCheckResponse call() {
    var alarm = witnessing.alarm();
    return HealthCheckResponse.named("audit-witnessing")
        .status(alarm.isEmpty())
        .withData("witnesses", witnessing.witnesses().size())
        .withData("alarm", alarm.orElse("none"))
        .build();
  }
}
