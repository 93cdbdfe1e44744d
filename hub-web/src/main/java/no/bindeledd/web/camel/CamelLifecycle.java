package no.bindeledd.web.camel;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import no.bindeledd.connectors.DeliveryErrorHandling;
import no.bindeledd.connectors.RetryPolicy;
import no.bindeledd.connectors.delivery.HubInboxRoute;
import no.bindeledd.connectors.delivery.OutboxRoutes;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.web.platform.HubSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Owns the Camel context: creates it once the database and keys are ready, binds the core's
 * services the routes call, adds the connectors' routes, and stops it with the application.
 */
@ApplicationScoped
public class CamelLifecycle {

  private static final Logger LOG = Logger.getLogger(CamelLifecycle.class.getName());
  private static final int OUTBOX_BATCH = 50;

  @Inject Delivery delivery;
  @Inject HubSettings settings;

  private CamelContext camel;

  public synchronized void start() {
    if (camel != null) {
      return;
    }
    try {
      DefaultCamelContext context = new DefaultCamelContext();
      context.getCamelContextExtension().setName("bindeledd");
      context.getRegistry().bind(OutboxRoutes.DELIVERY_BEAN, delivery);
      RetryPolicy retry =
          new RetryPolicy(
              settings.deliveryMaxRetries(),
              settings.deliveryFirstRetryDelay(),
              2.0,
              RetryPolicy.DEFAULT.maxDelay());
      context.addRoutes(new DeliveryErrorHandling(retry));
      context.addRoutes(new OutboxRoutes(settings.outboxPollInterval(), OUTBOX_BATCH));
      context.addRoutes(new HubInboxRoute());
      context.start();
      camel = context;
      LOG.info(
          () ->
              "Camel started with routes "
                  + context.getRoutes().stream().map(r -> r.getRouteId()).toList());
    } catch (Exception e) {
      throw new IllegalStateException("the delivery routes could not start", e);
    }
  }

  public boolean isStarted() {
    return camel != null && camel.isStarted();
  }

  public CamelContext context() {
    return camel;
  }

  @PreDestroy
  synchronized void stop() {
    if (camel != null) {
      camel.stop();
      camel = null;
    }
  }
}
