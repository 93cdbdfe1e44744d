package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import no.bindeledd.core.audit.CheckpointTimestamper;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hub's health says DOWN when the audit log's checkpoints have gone without timestamps for
 * longer than {@code hub.audit.timestamp-alarm-after}: the log still records everything, but can no
 * longer prove when, and an operator must look at the time-stamping authority.
 */
@Readiness
@ApplicationScoped
public class AuditTimestampingHealth implements HealthCheck {

  @Inject CheckpointTimestamper timestamper;

  @Override
  public HealthCheckResponse call() {
    Optional<String> alarm;
    try {
      alarm = timestamper.alarm();
    } catch (RuntimeException e) {
      // The pending checkpoints are in the database; without it the alarm cannot be judged.
      alarm = Optional.of("could not be checked: " + e.getMessage());
    }
    return HealthCheckResponse.named("audit-timestamping")
        .status(alarm.isEmpty())
        .withData("alarm", alarm.orElse("none"))
        .build();
  }
}
