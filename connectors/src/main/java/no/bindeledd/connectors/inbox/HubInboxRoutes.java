package no.bindeledd.connectors.inbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import no.bindeledd.connectors.AgencyConnection;
import no.bindeledd.connectors.DeliveryErrorHandling;
import no.bindeledd.connectors.delivery.OutboxRoutes;
import no.bindeledd.core.exchange.Delivery;
import org.apache.camel.builder.RouteBuilder;

/**
 * The connector for an agency whose staff work in the hub itself (the refugee service, a school, a
 * kindergarten): delivery puts the message in the agency's inbox after the core has decided on
 * consent once more, and, if the agency gave an address, announces it by e-mail. The e-mail says
 * only that there is something to read: no name, no subject line, no content.
 */
public class HubInboxRoutes extends RouteBuilder {

  private final AgencyConnection.HubInbox agency;
  private final Optional<Notifications> notifications;

  /** Where notification e-mails go out, and where the recipient signs in to read. */
  public record Notifications(String smtpUri, String from, String hubUrl) {}

  public HubInboxRoutes(AgencyConnection.HubInbox agency, Optional<Notifications> notifications) {
    this.agency = agency;
    this.notifications = agency.notifyAddress().isPresent() ? notifications : Optional.empty();
  }

  public static String deliverRouteId(String agency) {
    return "hub-inbox-" + agency + "-deliver";
  }

  public static String notifyRouteId(String agency) {
    return "hub-inbox-" + agency + "-notify";
  }

  @Override
  public void configure() {
    String org = agency.agency();
    var deliver =
        from(OutboxRoutes.deliveryEndpoint(org))
            .routeId(deliverRouteId(org))
            .routeConfigurationId(DeliveryErrorHandling.ID)
            .bean(
                OutboxRoutes.DELIVERY_BEAN,
                "deliverToInbox(${header." + OutboxRoutes.MESSAGE_ID + "})");
    if (notifications.isEmpty()) {
      return;
    }
    Notifications mail = notifications.get();
    String notifyEndpoint = "direct:notify-" + org;
    deliver.filter(body().isEqualTo(Delivery.Outcome.DELIVERED)).to(notifyEndpoint);

    from(notifyEndpoint)
        .routeId(notifyRouteId(org))
        .routeConfigurationId(DeliveryErrorHandling.ID)
        // Nothing of the delivered message travels on: the e-mail is built from constants.
        .removeHeaders("*", OutboxRoutes.MESSAGE_ID)
        .setBody(constant(NotificationText.of(mail.hubUrl())))
        .to(
            mail.smtpUri()
                + "?to="
                + encode(agency.notifyAddress().orElseThrow())
                + "&from="
                + encode(mail.from())
                + "&subject="
                + encode(NotificationText.SUBJECT)
                + "&contentType="
                + encode("text/plain; charset=UTF-8"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
