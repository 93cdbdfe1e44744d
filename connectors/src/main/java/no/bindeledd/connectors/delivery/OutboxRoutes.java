package no.bindeledd.connectors.delivery;

import java.time.Duration;
import no.bindeledd.connectors.DeliveryErrorHandling;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Takes due entries from the outbox and hands each to the delivery route of its recipient agency
 * ({@code seda:deliver-<organisation number>}), which the agency's connector provides. Each
 * agency's deliveries queue apart and run one at a time on a thread of their own, so that a
 * recipient that answers slowly, or not at all, delays only its own messages; the poller never
 * waits on one. Also the routes every connector shares: the dead letter route (try again later),
 * the refusal route (fail now) and the expiry of messages that outlived their lifetime. The core
 * decides, signs and stores: these routes only move.
 */
public class OutboxRoutes extends RouteBuilder {

  /** The bean name under which the core's {@code Delivery} service is bound. */
  public static final String DELIVERY_BEAN = "delivery";

  public static final String POLLER = "outbox-poller";
  public static final String DISPATCH = "direct:outbox-dispatch";
  public static final String DEAD_LETTER_ROUTE = "delivery-dead-letter";
  public static final String REFUSED_ROUTE = "delivery-refused";
  public static final String EXPIRY_ROUTE = "delivery-expiry";
  public static final String MESSAGE_ID = "BindeleddMessageId";

  private final Duration pollInterval;
  private final Duration expiryInterval;
  private final int batchSize;

  public OutboxRoutes(Duration pollInterval, Duration expiryInterval, int batchSize) {
    this.pollInterval = pollInterval;
    this.expiryInterval = expiryInterval;
    this.batchSize = batchSize;
  }

  /**
   * The queue of one agency's deliveries, in memory: a message waiting in it is still claimed in
   * the outbox, and is claimed again once the claim runs out, should the queue be lost with the
   * node. A full queue refuses more, which the poller's error handling takes as a try to repeat
   * later.
   */
  private static final String QUEUE_OPTIONS =
      "?size=1000&blockWhenFull=false&failIfNoConsumers=true&waitForTaskToComplete=Never";

  /** The endpoint an agency's connector delivers from. */
  public static String deliveryEndpoint(String agency) {
    return "seda:deliver-" + agency + QUEUE_OPTIONS;
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
        .routeConfigurationId(DeliveryErrorHandling.ID)
        .setHeader(MESSAGE_ID, simple("${body.messageId}"))
        .toD(deliveryEndpoint("${body.recipientAgency}"));

    from(DeliveryErrorHandling.DEAD_LETTER)
        .routeId(DEAD_LETTER_ROUTE)
        // The sender sees the last error's own words, not the hub's class names.
        .setBody(simple("${exchangeProperty." + Exchange.EXCEPTION_CAUGHT + ".message}"))
        .log("Delivery of ${header." + MESSAGE_ID + "} failed, to be tried again: ${body}")
        .bean(DELIVERY_BEAN, "retryLater(${header." + MESSAGE_ID + "}, ${body})");

    from(DeliveryErrorHandling.REFUSED)
        .routeId(REFUSED_ROUTE)
        .setBody(simple("${exchangeProperty." + Exchange.EXCEPTION_CAUGHT + ".message}"))
        .log("${header." + MESSAGE_ID + "} cannot be delivered, failed at once: ${body}")
        .bean(DELIVERY_BEAN, "markFailed(${header." + MESSAGE_ID + "}, ${body})");

    from("timer:expiry?delay=2000&period=" + expiryInterval.toMillis())
        .routeId(EXPIRY_ROUTE)
        .bean(DELIVERY_BEAN, "expireOverdue()");
  }
}
