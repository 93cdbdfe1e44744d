package no.bindeledd.connectors.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.bindeledd.connectors.AgencyConnection;
import no.bindeledd.connectors.DeliveryErrorHandling;
import no.bindeledd.connectors.Eventually;
import no.bindeledd.connectors.RetryPolicy;
import no.bindeledd.connectors.inbox.HubInboxRoutes;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.DeliveryRoom;
import no.bindeledd.core.party.AgencyKind;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several workers per agency, against a stand-in for the core's Delivery service whose deliveries
 * to one agency can be made to hang. The poll runs hourly here: what is delivered was claimed
 * because the claimer was woken, by the test as the hub does after a commit, or by a queue running
 * empty.
 */
class ParallelDeliveryRoutesTest extends CamelTestSupport {

  private static final int WORKERS = 4;
  private static final int BATCH = 10;
  private static final String SLOW = "311000012";
  private static final String QUICK = "311000020";

  private final GatedDelivery delivery = new GatedDelivery();

  @Override
  public void configureContext(CamelContextConfiguration configuration) {
    super.configureContext(configuration);
    Properties workers = new Properties();
    workers.setProperty(OutboxRoutes.WORKERS_PROPERTY, String.valueOf(WORKERS));
    configuration.withUseOverridePropertiesWithPropertiesComponent(workers);
  }

  @Override
  protected void bindToRegistry(Registry registry) {
    registry.bind(OutboxRoutes.DELIVERY_BEAN, delivery);
  }

  @Override
  protected RoutesBuilder[] createRouteBuilders() {
    return new RoutesBuilder[] {
      new DeliveryErrorHandling(
          new RetryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50))),
      new OutboxRoutes(Duration.ofHours(1), Duration.ofHours(1), BATCH),
      new HubInboxRoutes(new AgencyConnection.HubInbox(SLOW, Optional.empty()), Optional.empty()),
      new HubInboxRoutes(new AgencyConnection.HubInbox(QUICK, Optional.empty()), Optional.empty())
    };
  }

  @AfterEach
  void letHangingDeliveriesEnd() {
    delivery.gate.countDown();
  }

  @Test
  void deliversToOneAgencyOnAllItsWorkersAtOnceAndOnNoMore() throws Exception {
    delivery.due(SLOW, 12);

    wake();

    // All its workers hang while more of its messages wait in its queue: a further consumer would
    // have taken one of them.
    Eventually.holds(
        () -> {
          assertThat(delivery.delivering.get()).isEqualTo(WORKERS);
          assertThat(waitingInQueue(SLOW)).isPositive();
        });
    assertThat(delivery.mostAtOnce.get()).as("never more than its workers").isEqualTo(WORKERS);
    delivery.gate.countDown();
    Eventually.holds(() -> assertThat(delivery.delivered).hasSize(12));
    assertThat(delivery.mostAtOnce.get()).isEqualTo(WORKERS);
  }

  @Test
  void anAgencyThatHangsHoldsOnlyItsOwnRoomWhileAnotherAgencysMessagesAreAllDelivered()
      throws Exception {
    delivery.due(SLOW, 30);
    delivery.due(QUICK, 30);

    wake();

    Eventually.holds(() -> assertThat(delivery.deliveredTo(QUICK)).isEqualTo(30));
    // Its room is twice its workers: four hanging, four waiting their turn. A claim counts what is
    // under way at that moment, and a message being handed from the queue to a worker is briefly
    // in neither, so a claim racing a hand-over may take a few more; never the whole outbox.
    assertThat(delivery.claimedFor(SLOW)).isBetween(2 * WORKERS, 3 * WORKERS);
    assertThat(delivery.deliveredTo(SLOW)).isZero();
  }

  @Test
  void anAgencyWhoseDeliveryRouteWasRebuiltHasItsRoomCountedOnTheNewRoute() throws Exception {
    delivery.due(QUICK, 5);
    wake();
    Eventually.holds(() -> assertThat(delivery.deliveredTo(QUICK)).isEqualTo(5));
    AdviceWith.adviceWith(
        context, HubInboxRoutes.deliverRouteId(SLOW), route -> route.weaveAddLast().log("rebuilt"));
    delivery.due(SLOW, 30);
    delivery.due(QUICK, 10);

    wake();

    Eventually.holds(() -> assertThat(delivery.deliveredTo(QUICK)).isEqualTo(15));
    assertThat(delivery.claimedFor(SLOW)).isBetween(2 * WORKERS, 3 * WORKERS);
  }

  @Test
  void oneWakeUpClaimsRoundAfterRoundUntilTheOutboxIsEmpty() throws Exception {
    delivery.gate.countDown();
    delivery.due(QUICK, 100);

    wake();

    Eventually.holds(() -> assertThat(delivery.deliveredTo(QUICK)).isEqualTo(100));
    assertThat(delivery.rounds.get())
        .as("no round takes more than the agency's room")
        .isGreaterThanOrEqualTo(100 / (2 * WORKERS));
  }

  private int waitingInQueue(String agency) {
    return context.getEndpoints().stream()
        .filter(SedaEndpoint.class::isInstance)
        .map(SedaEndpoint.class::cast)
        .filter(queue -> queue.getName().equals("deliver-" + agency))
        .mapToInt(SedaEndpoint::getCurrentQueueSize)
        .max()
        .orElse(0);
  }

  private void wake() {
    template.sendBody(OutboxRoutes.WAKE, null);
  }

  /** Hands out what is due as the room allows; deliveries to SLOW wait for the gate to open. */
  static class GatedDelivery extends Delivery {
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger delivering = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger rounds = new AtomicInteger();
    final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private final List<Due> pending = new ArrayList<>();
    private final Map<String, AtomicInteger> claimed = new ConcurrentHashMap<>();
    private int next;

    synchronized void due(String agency, int count) {
      for (int i = 0; i < count; i++) {
        pending.add(new Due(agency + "-" + next++, agency, AgencyKind.SCHOOL));
      }
    }

    int claimedFor(String agency) {
      return claimed.getOrDefault(agency, new AtomicInteger()).get();
    }

    long deliveredTo(String agency) {
      return delivered.stream().filter(id -> id.startsWith(agency)).count();
    }

    @Override
    public synchronized List<Due> claimDue(int max, DeliveryRoom room) {
      List<Due> due = new ArrayList<>();
      Map<String, Integer> taken = new HashMap<>();
      for (Due candidate : List.copyOf(pending)) {
        if (due.size() == max) {
          break;
        }
        int forAgency = taken.getOrDefault(candidate.recipientAgency(), 0);
        if (forAgency < room.roomFor(candidate.recipientAgency())) {
          taken.put(candidate.recipientAgency(), forAgency + 1);
          pending.remove(candidate);
          due.add(candidate);
          claimed
              .computeIfAbsent(candidate.recipientAgency(), agency -> new AtomicInteger())
              .incrementAndGet();
        }
      }
      if (!due.isEmpty()) {
        rounds.incrementAndGet();
      }
      return due;
    }

    @Override
    public Outcome deliverToInbox(String messageId) {
      int now = delivering.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      try {
        if (messageId.startsWith(SLOW) && !gate.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the gate never opened");
        }
        if (!delivered.add(messageId)) {
          throw new AssertionError(messageId + " was delivered twice");
        }
        return Outcome.DELIVERED;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        delivering.decrementAndGet();
      }
    }

    @Override
    public void retryLater(String messageId, String reason) {}

    @Override
    public void markFailed(String messageId, String reason) {}
  }
}
