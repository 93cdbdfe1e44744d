package no.bindeledd.connectors.delivery;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.bindeledd.core.exchange.DeliveryRoom;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Counts each agency's deliveries under way on this node (waiting in its queue or being delivered)
 * so that a claim takes no more for it than {@code limit}, and wakes the claim when an agency's
 * queue runs empty. An agency that has stopped answering thus holds at most {@code limit} of its
 * own messages here, and the rest of its outbox waits in the database, where another node or a
 * later claim can take it.
 */
final class DeliveriesInFlight implements DeliveryRoom, RoutePolicyFactory {

  private static final String QUEUE_PREFIX = "deliver-";

  private final CamelContext camel;
  private final int limit;
  private final Runnable wakeClaim;

  /**
   * The route that consumes each agency's queue, by id: its endpoint is asked for each count, since
   * a route that is rebuilt (advised in a test, restarted by an operator) comes with a new one.
   */
  private final Map<String, String> queueRoutes = new ConcurrentHashMap<>();

  DeliveriesInFlight(CamelContext camel, int limit, Runnable wakeClaim) {
    this.camel = camel;
    this.limit = limit;
    this.wakeClaim = wakeClaim;
  }

  @Override
  public int roomFor(String recipientAgency) {
    return Math.max(0, limit - underWay(recipientAgency));
  }

  /**
   * The agencies already known to be full. It runs on every claim, so it looks at the queues found
   * so far without scanning the routes: an agency whose queue it does not know yet is counted by
   * {@link #roomFor}, which looks it up.
   */
  @Override
  public Set<String> full() {
    Set<String> full = new HashSet<>();
    for (String agency : queueRoutes.keySet()) {
      if (underWay(agency) >= limit) {
        full.add(agency);
      }
    }
    return full;
  }

  int underWay(String agency) {
    Route route = queueRoute(agency);
    if (route == null) {
      findQueueRoutes();
      route = queueRoute(agency);
    }
    if (route == null || !(route.getEndpoint() instanceof SedaEndpoint queue)) {
      return 0;
    }
    return queue.getCurrentQueueSize() + camel.getInflightRepository().size(route.getRouteId());
  }

  private Route queueRoute(String agency) {
    String routeId = queueRoutes.get(agency);
    return routeId == null ? null : camel.getRoute(routeId);
  }

  /**
   * Looks up the agencies' queues by their consuming routes. Only a queue with a route is kept, so
   * an agency asked about before its connector started is looked up again later.
   */
  private void findQueueRoutes() {
    for (Route route : camel.getRoutes()) {
      if (route.getEndpoint() instanceof SedaEndpoint seda
          && seda.getName().startsWith(QUEUE_PREFIX)) {
        queueRoutes.put(seda.getName().substring(QUEUE_PREFIX.length()), route.getRouteId());
      }
    }
  }

  @Override
  public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
    if (!(route instanceof RouteDefinition definition)
        || !definition.getInput().getEndpointUri().startsWith("seda:" + QUEUE_PREFIX)) {
      return null;
    }
    return new RoutePolicySupport() {
      @Override
      public void onExchangeDone(Route done, Exchange exchange) {
        if (done.getEndpoint() instanceof SedaEndpoint seda && seda.getCurrentQueueSize() == 0) {
          wakeClaim.run();
        }
      }
    };
  }
}
