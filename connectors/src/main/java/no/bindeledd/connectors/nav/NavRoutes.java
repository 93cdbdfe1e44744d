package no.bindeledd.connectors.nav;

import java.util.Optional;
import no.bindeledd.connectors.AgencyConnection;
import no.bindeledd.connectors.DeliveryErrorHandling;
import no.bindeledd.connectors.RecipientRefused;
import no.bindeledd.connectors.delivery.OutboxRoutes;
import no.bindeledd.core.exchange.AgencySystems;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.exchange.OutboundMessage;
import no.bindeledd.core.exchange.ReceiptStatus;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The connector for NAV: a participant plan cleared by the core is signed as the refugee service
 * and encrypted for NAV's encryption certificate, posted to NAV's plan endpoint as JSON, and closed
 * by NAV's acknowledgement. NAV refusing the plan (a 4xx answer) fails it at once; NAV being
 * unreachable or failing (5xx) is retried.
 */
public class NavRoutes extends RouteBuilder {

  static final String DOCUMENT = "BindeleddNavDocument";

  private final AgencyConnection.Nav nav;
  private final String agencySystemsBean;

  public NavRoutes(AgencyConnection.Nav nav, String agencySystemsBean) {
    this.nav = nav;
    this.agencySystemsBean = agencySystemsBean;
  }

  public static String deliverRouteId(String agency) {
    return "nav-" + agency + "-deliver";
  }

  @Override
  public void configure() {
    String endpoint = nav.planEndpoint().toString();
    from(OutboxRoutes.deliveryEndpoint(nav.agency()))
        .routeId(deliverRouteId(nav.agency()))
        .routeConfigurationId(DeliveryErrorHandling.ID)
        .bean(OutboxRoutes.DELIVERY_BEAN, "prepare(${header." + OutboxRoutes.MESSAGE_ID + "})")
        .filter(simple("${body.isPresent()}"))
        .process(this::signedRequest)
        .removeHeaders("*", OutboxRoutes.MESSAGE_ID)
        .setHeader(Exchange.HTTP_METHOD, constant("POST"))
        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
        .to(endpoint + "?throwExceptionOnFailure=false")
        .process(this::acknowledgement);
  }

  private void signedRequest(Exchange exchange) {
    @SuppressWarnings("unchecked")
    OutboundMessage plan = ((Optional<OutboundMessage>) exchange.getIn().getBody()).orElseThrow();
    if (plan.kind() != MessageKind.PLAN) {
      throw new RecipientRefused("NAV's connector carries participant plans only");
    }
    AgencySystems systems =
        exchange
            .getContext()
            .getRegistry()
            .lookupByNameAndType(agencySystemsBean, AgencySystems.class);
    byte[] document = NavPlanDocument.document(plan);
    byte[] sealed = systems.sealOutbound(plan.messageId(), document);
    exchange
        .getIn()
        .setBody(NavPlanDocument.request(document, sealed, systems.isEncrypted(sealed)));
  }

  private void acknowledgement(Exchange exchange) {
    int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    String messageId = exchange.getIn().getHeader(OutboxRoutes.MESSAGE_ID, String.class);
    byte[] response = exchange.getIn().getBody(byte[].class);
    String text =
        response == null ? "" : new String(response, java.nio.charset.StandardCharsets.UTF_8);
    if (status >= 400 && status < 500) {
      throw new RecipientRefused("NAV refused the plan (HTTP " + status + "): " + abbreviate(text));
    }
    if (status < 200 || status >= 300) {
      throw new IllegalStateException("NAV answered HTTP " + status);
    }
    String reference = NavPlanDocument.acknowledgementOf(messageId, response);
    Delivery delivery =
        exchange
            .getContext()
            .getRegistry()
            .lookupByNameAndType(OutboxRoutes.DELIVERY_BEAN, Delivery.class);
    delivery.applyReceipt(
        new no.bindeledd.core.party.OrganisationNumber(nav.agency()),
        messageId,
        ReceiptStatus.OK,
        "acknowledged by NAV as " + reference,
        reference);
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
