package no.bindeledd.connectors.delivery;

import no.bindeledd.connectors.DeliveryErrorHandling;
import org.apache.camel.builder.RouteBuilder;

/**
 * The connector for agencies that work in the hub itself: delivery puts the message in their inbox,
 * after the core has decided on consent once more.
 */
public class HubInboxRoute extends RouteBuilder {

  public static final String ENDPOINT = "direct:deliver-to-hub-inbox";
  public static final String ROUTE_ID = "hub-inbox";

  @Override
  public void configure() {
    from(ENDPOINT)
        .routeId(ROUTE_ID)
        .routeConfigurationId(DeliveryErrorHandling.ID)
        .bean(
            OutboxRoutes.DELIVERY_BEAN,
            "deliverToInbox(${header." + OutboxRoutes.MESSAGE_ID + "})");
  }
}
