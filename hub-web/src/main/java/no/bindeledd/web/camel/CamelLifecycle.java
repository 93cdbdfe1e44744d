package no.bindeledd.web.camel;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import no.bindeledd.connectors.AgencyConnection;
import no.bindeledd.connectors.DeliveryErrorHandling;
import no.bindeledd.connectors.RetryPolicy;
import no.bindeledd.connectors.delivery.OutboxRoutes;
import no.bindeledd.connectors.gp.GpOfficeConnector;
import no.bindeledd.connectors.gp.GpOfficeRoutes;
import no.bindeledd.connectors.gp.format.GpMessageFormat;
import no.bindeledd.connectors.inbox.HubInboxRoutes;
import no.bindeledd.connectors.nav.NavRoutes;
import no.bindeledd.core.exchange.AgencySystems;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.MunicipalityNumber;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.platform.Deployment;
import no.bindeledd.web.platform.HubSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Owns the Camel context: creates it once the database and keys are ready, binds the core's
 * services the routes call, adds one connector per agency as the municipality's configuration says,
 * and stops it with the application.
 */
@ApplicationScoped
public class CamelLifecycle {

  /** The bean name under which the core's {@code AgencySystems} service is bound. */
  public static final String AGENCY_SYSTEMS_BEAN = "agencySystems";

  private static final Logger LOG = Logger.getLogger(CamelLifecycle.class.getName());
  private static final int OUTBOX_BATCH = 50;

  @Inject Delivery delivery;
  @Inject AgencySystems agencySystems;
  @Inject HubSettings settings;
  @Inject Clock clock;

  // Read without the lock: a wake-up after a commit must never wait for the routes to start.
  private volatile CamelContext camel;
  private volatile ProducerTemplate producer;

  public synchronized void start(Deployment deployment) {
    if (camel != null) {
      return;
    }
    try {
      DefaultCamelContext context = new DefaultCamelContext();
      context.getCamelContextExtension().setName("bindeledd");
      context.getRegistry().bind(OutboxRoutes.DELIVERY_BEAN, delivery);
      context.getRegistry().bind(AGENCY_SYSTEMS_BEAN, agencySystems);
      context
          .getPropertiesComponent()
          .addInitialProperty(
              OutboxRoutes.WORKERS_PROPERTY, String.valueOf(settings.deliveryWorkers()));
      RetryPolicy retry =
          new RetryPolicy(
              settings.deliveryMaxRetries(),
              settings.deliveryFirstRetryDelay(),
              2.0,
              RetryPolicy.DEFAULT.maxDelay());
      boundHttpHandOvers(context, settings.deliveryHttpTimeout());
      context.addRoutes(new DeliveryErrorHandling(retry));
      context.addRoutes(
          new OutboxRoutes(
              settings.outboxPollInterval(), settings.expiryCheckInterval(), OUTBOX_BATCH));
      for (RoutesBuilder routes : connectors(deployment)) {
        context.addRoutes(routes);
      }
      context.start();
      camel = context;
      producer = context.createProducerTemplate();
      LOG.info(
          () ->
              "Camel started with routes "
                  + context.getRoutes().stream().map(r -> r.getRouteId()).sorted().toList());
    } catch (Exception e) {
      throw new IllegalStateException("the delivery routes could not start", e);
    }
  }

  /**
   * Bounds every HTTP hand-over to an agency (camel-http's own defaults wait minutes to connect and
   * for each read): a recipient that takes the connection and never answers holds its delivery
   * thread for {@code timeout} at most, and the hand-over is tried again later.
   */
  static void boundHttpHandOvers(CamelContext context, Duration timeout) {
    for (String scheme : List.of("http", "https")) {
      HttpComponent http = context.getComponent(scheme, HttpComponent.class);
      http.setConnectTimeout(timeout.toMillis());
      http.setConnectionRequestTimeout(timeout.toMillis());
      http.setSoTimeout(timeout.toMillis());
      http.setResponseTimeout(timeout.toMillis());
    }
  }

  private List<RoutesBuilder> connectors(Deployment deployment) {
    Optional<HubInboxRoutes.Notifications> mail =
        settings
            .smtpHost()
            .map(
                host ->
                    new HubInboxRoutes.Notifications(
                        "smtp://" + host + ":" + settings.smtpPort(),
                        settings.mailFrom(),
                        settings.publicUrl()));
    GpMessageFormat format = new GpMessageFormat();
    List<RoutesBuilder> routes = new ArrayList<>();
    for (Deployment.AgencyEntry agency : deployment.agencies()) {
      AgencyConnection connection = agency.connection();
      if (connection instanceof AgencyConnection.HubInbox inbox) {
        routes.add(new HubInboxRoutes(inbox, mail));
      } else if (connection instanceof AgencyConnection.GpOffice office) {
        routes.add(
            new GpOfficeRoutes(
                office,
                new GpOfficeConnector(
                    agency.orgNumber(),
                    Optional.ofNullable(agency.herId()),
                    receiptSigner(deployment, agency),
                    agencySystems,
                    delivery,
                    format,
                    clock)));
      } else if (connection instanceof AgencyConnection.Nav nav) {
        routes.add(new NavRoutes(nav, AGENCY_SYSTEMS_BEAN));
      }
    }
    return routes;
  }

  /**
   * Who signs the hub's receipt to a GP office for a message that names no agency the hub holds a
   * key for (an unknown receiver, or one too garbled to read): the refugee service of the first
   * municipality, by number, that the office serves. A receipt to a message addressed to one of the
   * hub's agencies is signed as that agency ({@link GpOfficeConnector}); this one never speaks for
   * a municipality the office does not serve.
   */
  static OrganisationNumber receiptSigner(Deployment deployment, Deployment.AgencyEntry office) {
    return office.municipalities().stream()
        .sorted(Comparator.comparing(MunicipalityNumber::value))
        .flatMap(m -> deployment.agencies(AgencyKind.REFUGEE_SERVICE, m).stream())
        .map(Deployment.AgencyEntry::orgNumber)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no municipality that " + office.name() + " serves has a refugee service"));
  }

  public boolean isStarted() {
    return camel != null && camel.isStarted();
  }

  public CamelContext context() {
    return camel;
  }

  /** Sends a body to an endpoint and waits for the route's answer. */
  public <T> T request(String endpoint, Object body, Class<T> answer) {
    if (producer == null) {
      throw new IllegalStateException("the routes are not started yet");
    }
    return producer.requestBody(endpoint, body, answer);
  }

  /**
   * Has the outbox claimed at once rather than at the next poll. Does nothing before the routes
   * have started, since their first poll then claims what is there.
   */
  public void wakeDelivery() {
    ProducerTemplate wakeUps = producer;
    if (wakeUps != null) {
      wakeUps.sendBody(OutboxRoutes.WAKE, null);
    }
  }

  /** Whether a connector route consumes from this endpoint. */
  public boolean hasEndpoint(String uri) {
    return camel != null && camel.hasEndpoint(uri) != null;
  }

  @PreDestroy
  synchronized void stop() {
    if (camel != null) {
      camel.stop();
      camel = null;
      producer = null;
    }
  }
}
