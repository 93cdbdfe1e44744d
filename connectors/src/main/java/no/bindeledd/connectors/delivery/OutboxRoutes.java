package no.bindeledd.connectors.delivery;

import java.time.Duration;
import java.util.List;
import no.bindeledd.connectors.DeliveryErrorHandling;
import no.bindeledd.core.exchange.Delivery;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

/**
 * Takes due entries from the outbox and hands each to the delivery route of its recipient agency
 * ({@code seda:deliver-<organisation number>}), which the agency's connector provides. Each
 * agency's deliveries queue apart and run on a bounded number of workers of their own ({@value
 * #WORKERS_PROPERTY}), so that a recipient that answers slowly, or not at all, delays only its own
 * messages; the claimer never waits on one. A claim takes only the oldest message of each
 * conversation to a recipient, so a conversation still arrives in order, and no more of an agency's
 * messages than twice its workers, so a stalled agency cannot take them all.
 *
 * <p>The claimer runs when woken ({@link #WAKE}): after a message is committed to the outbox, when
 * an agency's queue runs empty, and on each poll, which remains the safety net. It claims until a
 * claim finds nothing. Also the routes every connector shares: the dead letter route (try again
 * later), the refusal route (fail now) and the expiry of messages that outlived their lifetime. The
 * core decides, signs and stores: these routes only move.
 */
public class OutboxRoutes extends RouteBuilder {

  /** The bean name under which the core's {@code Delivery} service is bound. */
  public static final String DELIVERY_BEAN = "delivery";

  public static final String POLLER = "outbox-poller";
  public static final String CLAIMER = "outbox-claimer";

  /**
   * Wakes the claimer. One wake-up at most waits while it runs: however many arrive meanwhile, one
   * more claim after the current one sees them all.
   */
  public static final String WAKE =
      "seda:outbox-wake?size=1&discardWhenFull=true&waitForTaskToComplete=Never";

  /** How many deliveries to one agency run at once on a node. */
  public static final String WORKERS_PROPERTY = "bindeledd.delivery.workers";

  /** Deliveries claimed for an agency per worker: one being delivered, one waiting its turn. */
  private static final int UNDER_WAY_PER_WORKER = 2;

  private static final String CLAIMED_SOMETHING = "BindeleddClaimedSomething";
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
      "?size=1000&blockWhenFull=false&failIfNoConsumers=true&waitForTaskToComplete=Never"
          + "&concurrentConsumers={{"
          + WORKERS_PROPERTY
          + ":1}}";

  /** The endpoint an agency's connector delivers from. */
  public static String deliveryEndpoint(String agency) {
    return "seda:deliver-" + agency + QUEUE_OPTIONS;
  }

  @Override
  public void configure() throws Exception {
    int workers =
        Integer.parseInt(
            getContext().resolvePropertyPlaceholders("{{" + WORKERS_PROPERTY + ":1}}"));
    ProducerTemplate wakeUps = getContext().createProducerTemplate();
    DeliveriesInFlight underWay =
        new DeliveriesInFlight(
            getContext(), workers * UNDER_WAY_PER_WORKER, () -> wakeUps.sendBody(WAKE, null));
    getContext().addRoutePolicyFactory(underWay);

    from("timer:outbox?delay=1000&period=" + pollInterval.toMillis()).routeId(POLLER).to(WAKE);

    from(WAKE)
        .routeId(CLAIMER)
        .setProperty(CLAIMED_SOMETHING, constant(true))
        .loopDoWhile(exchangeProperty(CLAIMED_SOMETHING).isEqualTo(true))
        .process(
            exchange -> {
              Delivery delivery =
                  exchange
                      .getContext()
                      .getRegistry()
                      .lookupByNameAndType(DELIVERY_BEAN, Delivery.class);
              List<Delivery.Due> due = delivery.claimDue(batchSize, underWay);
              exchange.setProperty(CLAIMED_SOMETHING, !due.isEmpty());
              exchange.getMessage().setBody(due);
            })
        .split(body())
        .to(DISPATCH)
        .end()
        .end();

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
