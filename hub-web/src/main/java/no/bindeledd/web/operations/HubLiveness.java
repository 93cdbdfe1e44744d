package no.bindeledd.web.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.bindeledd.web.camel.CamelLifecycle;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The hub is alive while it answers and its delivery routes run once started: a Camel context that
 * stopped or failed after the start delivers nothing until the hub is restarted, which is what a
 * failing liveness probe asks for. A database or agency that is away is not a reason to restart the
 * hub: readiness reports those.
 */
@Liveness
@ApplicationScoped
public class HubLiveness implements HealthCheck {

  @Inject CamelLifecycle camel;

  @Override
  public HealthCheckResponse call() {
    var context = camel.context();
    String state = context == null ? "starting" : context.getStatus().name();
    boolean alive =
        context == null || context.getStatus().isStarted() || context.getStatus().isStarting();
    return HealthCheckResponse.named("delivery-routes")
        .status(alive)
        .withData("camel", state)
        .build();
  }
}
