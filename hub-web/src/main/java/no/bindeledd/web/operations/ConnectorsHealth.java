package no.bindeledd.web.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.bindeledd.core.exchange.BackPressure;
import no.bindeledd.core.exchange.DeliveryLagBounds;
import no.bindeledd.core.operations.HubFigures;
import no.bindeledd.core.operations.OperatingFigures;
import no.bindeledd.web.camel.CamelLifecycle;
import no.bindeledd.web.platform.HubSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hub is ready to deliver while its delivery routes run and every agency's system takes what it
 * is sent. DOWN, with the reason under the agency's organisation number, when the routes are not
 * started, when a route has stopped, or when one of an agency's messages has failed {@code
 * hub.health.failed-attempts} attempts: the agency's system has been unreachable or refusing for a
 * while, and someone should call them. An agency whose deliveries are behind is named too, without
 * changing the status (see {@code behind}). The reason is the connector's own error (an address, a
 * status code) and counts of messages; it never names a person or a message's content.
 */
@Readiness
@ApplicationScoped
public class ConnectorsHealth implements HealthCheck {

  /** An error is cut to this length: enough to see what failed, not a whole answer. */
  static final int MAX_REASON = 200;

  @Inject CamelLifecycle camel;
  @Inject OperatingFigures figures;
  @Inject HubSettings settings;
  @Inject BackPressure backPressure;
  @Inject Clock clock;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("connectors");
    CamelContext context = camel.context();
    if (context == null || !camel.isStarted()) {
      return response.down().withData("routes", "not started").build();
    }
    List<String> stopped = new ArrayList<>();
    for (Route route : context.getRoutes()) {
      ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
      if (status != ServiceStatus.Started) {
        stopped.add(route.getRouteId() + " " + status);
      }
    }
    boolean up = stopped.isEmpty();
    response.withData(
        "routes",
        stopped.isEmpty()
            ? context.getRoutes().size() + " started"
            : "not running: " + String.join(", ", stopped));
    Map<String, String> agencies = new TreeMap<>();
    try {
      for (HubFigures.OutboxCount outbox : figures.now().outbox()) {
        if (outbox.retrying() > 0 && outbox.mostAttempts() >= settings.healthFailedAttempts()) {
          up = false;
          agencies.put(outbox.recipientAgency(), failing(outbox));
        }
      }
      behind(agencies);
    } catch (RuntimeException e) {
      // Without the database the deliveries cannot be judged; the database check says why.
      return response.down().withData("outbox", "could not be read: " + e.getMessage()).build();
    }
    agencies.forEach(response::withData);
    return response.status(up).build();
  }

  /**
   * Each agency whose deliveries are behind by more than the bound to warn after, under {@code
   * "<organisation number> behind"}: how long its oldest message has waited, how many wait, and
   * what the hub does with new requests to it. This leaves the check UP: the hub itself refuses new
   * requests to that agency, and a node taken out of rotation would refuse every agency's.
   */
  private void behind(Map<String, String> agencies) {
    Instant now = clock.instant();
    DeliveryLagBounds bounds = backPressure.bounds();
    backPressure
        .lags()
        .forEach(
            (agency, lag) -> {
              Duration waited = lag.lagAt(now);
              if (bounds.delays(waited)) {
                agencies.put(
                    agency + " behind",
                    "the oldest of "
                        + lag.waiting()
                        + " waiting messages has waited "
                        + DeliveryLagBounds.inWholeSecondsUp(waited)
                        + "; "
                        + (bounds.refuses(waited)
                            ? "new requests to it are refused"
                            : "senders are told to expect the delay"));
              }
            });
  }

  private String failing(HubFigures.OutboxCount outbox) {
    String error =
        figures
            .lastDeliveryError(outbox.recipientAgency())
            .map(e -> e.length() <= MAX_REASON ? e : e.substring(0, MAX_REASON) + "...")
            .orElse("no error recorded");
    return outbox.retrying()
        + " of "
        + outbox.waiting()
        + " messages failed, one of them "
        + outbox.mostAttempts()
        + " times; the last error: "
        + error;
  }
}
