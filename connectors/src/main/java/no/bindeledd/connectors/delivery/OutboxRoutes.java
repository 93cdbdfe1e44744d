package no.bindeledd.connectors.delivery;

import java.time.Duration;
import no.bindeledd.connectors.DeliveryErrorHandling;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Takes due entries from the outbox and hands each to the connector for its recipient's kind of
 * agency; gives up on a message when its connector's retries are spent. The core decides, signs and
 * stores: these routes only move.
 */
public class OutboxRoutes extends RouteBuilder {

  /** The bean name under which the core's {@code Delivery} service is bound. */
  public static final String DELIVERY_BEAN = "delivery";

  public static final String POLLER = "outbox-poller";
  public static final String DISPATCH = "direct:outbox-dispatch";
  public static final String MESSAGE_ID = "BindeleddMessageId";

  private final Duration pollInterval;
  private final int batchSize;

  public OutboxRoutes(Duration pollInterval, int batchSize) {
    this.pollInterval = pollInterval;
    this.batchSize = batchSize;
  }

  @Override
  public void configure() {
    from("timer:outbox?delay=1000&period=" + pollInterval.toMillis())
        .routeId(POLLER)
        .bean(DELIVERY_BEAN, "claimDue(" + batchSize + ")")
        .split(body())
        .to(DISPATCH);

    from(DISPATCH)
        .routeId("outbox-dispatch")
        .setHeader(MESSAGE_ID, simple("${body.messageId}"))
        // Every kind of agency reads its messages in the hub's own inbox for now; connectors
        // that speak an agency's own format plug in here by kind.
        .to(HubInboxRoute.ENDPOINT);

    from(DeliveryErrorHandling.DEAD_LETTER)
        .routeId("delivery-dead-letter")
        // The sender sees the last error's own words, not the hub's class names.
        .setBody(simple("${exchangeProperty." + Exchange.EXCEPTION_CAUGHT + ".message}"))
        .bean(DELIVERY_BEAN, "markFailed(${header." + MESSAGE_ID + "}, ${body})");
  }
}
