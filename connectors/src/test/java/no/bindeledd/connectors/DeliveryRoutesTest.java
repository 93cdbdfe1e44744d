package no.bindeledd.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.bindeledd.connectors.delivery.OutboxRoutes;
import no.bindeledd.connectors.inbox.HubInboxRoutes;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.DeliveryRoom;
import no.bindeledd.core.party.AgencyKind;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The delivery pipeline against a scripted stand-in for the core's Delivery service: what the
 * routes call, how often they retry, and when they give up.
 */
class DeliveryRoutesTest extends CamelTestSupport {

  static final String AGENCY = "311000012";

  private final ScriptedDelivery delivery = new ScriptedDelivery();

  @Override
  protected void bindToRegistry(Registry registry) {
    registry.bind(OutboxRoutes.DELIVERY_BEAN, delivery);
  }

  @Override
  protected RoutesBuilder[] createRouteBuilders() {
    return new RoutesBuilder[] {
      new DeliveryErrorHandling(
          new RetryPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50))),
      new OutboxRoutes(Duration.ofMillis(20), Duration.ofHours(1), 10),
      new HubInboxRoutes(new AgencyConnection.HubInbox(AGENCY, Optional.empty()), Optional.empty())
    };
  }

  @Test
  void deliversEachClaimedMessageThroughTheCore() throws Exception {
    NotifyBuilder done =
        new NotifyBuilder(context)
            .fromCurrentRoute(HubInboxRoutes.deliverRouteId(AGENCY))
            .whenCompleted(2)
            .create();

    delivery.due("m-1", "m-2");

    assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
    Eventually.holds(
        () -> {
          assertThat(delivery.delivered).containsExactly("m-1", "m-2");
          assertThat(delivery.failed).isEmpty();
        });
  }

  @Test
  void retriesATransientFailureAndThenDelivers() throws Exception {
    delivery.failuresBeforeSuccess.put("m-3", new AtomicInteger(2));
    NotifyBuilder done =
        new NotifyBuilder(context)
            .fromCurrentRoute(HubInboxRoutes.deliverRouteId(AGENCY))
            .whenDone(2)
            .create();

    delivery.due("m-3");

    assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
    Eventually.holds(
        () -> {
          assertThat(delivery.attempts.get("m-3")).hasValue(3);
          assertThat(delivery.delivered).containsExactly("m-3");
          assertThat(delivery.failed).isEmpty();
        });
  }

  @Test
  void handsAMessageBackToTheCoreToBeTriedLaterWhenItsInPlaceRetriesAreSpent() throws Exception {
    delivery.failuresBeforeSuccess.put("m-4", new AtomicInteger(Integer.MAX_VALUE));
    NotifyBuilder done =
        new NotifyBuilder(context)
            .fromCurrentRoute("delivery-dead-letter")
            .whenCompleted(1)
            .create();

    delivery.due("m-4");

    assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
    Eventually.holds(
        () -> {
          assertThat(delivery.attempts.get("m-4")).hasValue(1 + 3);
          assertThat(delivery.delivered).isEmpty();
          assertThat(delivery.retryLater).containsEntry("m-4", "recipient unreachable");
          assertThat(delivery.failed).isEmpty();
        });
  }

  @Test
  void oneFailingMessageIsHandedBackWithoutKeepingTheOthersFromDelivery() throws Exception {
    delivery.failuresBeforeSuccess.put("bad", new AtomicInteger(Integer.MAX_VALUE));
    // Both must be settled before the assertions: the splitter takes them one after the other.
    NotifyBuilder done =
        new NotifyBuilder(context)
            .fromCurrentRoute("delivery-dead-letter")
            .whenCompleted(1)
            .and()
            .fromCurrentRoute(HubInboxRoutes.deliverRouteId(AGENCY))
            .whenDone(2)
            .create();

    delivery.due("bad", "good");

    assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
    Eventually.holds(
        () -> {
          assertThat(delivery.delivered).containsExactly("good");
          assertThat(delivery.retryLater).containsOnlyKeys("bad");
        });
  }

  @Test
  void aMessageTheRecipientRefusesFailsAtOnceWithTheRecipientsReason() throws Exception {
    delivery.refusedByRecipient.add("m-5");
    NotifyBuilder done =
        new NotifyBuilder(context).fromCurrentRoute("delivery-refused").whenCompleted(1).create();

    delivery.due("m-5");

    assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
    Eventually.holds(
        () -> {
          assertThat(delivery.attempts.get("m-5")).as("not retried").hasValue(1);
          assertThat(delivery.failed).containsEntry("m-5", "E35 the patient is not known here");
          assertThat(delivery.retryLater).isEmpty();
        });
  }

  /** Hands out the scripted messages once, and fails delivery as many times as told. */
  static class ScriptedDelivery extends Delivery {
    private final List<Due> pending = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> failuresBeforeSuccess = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> failed = new ConcurrentHashMap<>();
    final Map<String, String> retryLater = new ConcurrentHashMap<>();
    final List<String> refusedByRecipient = Collections.synchronizedList(new ArrayList<>());

    void due(String... ids) {
      for (String id : ids) {
        pending.add(new Due(id, AGENCY, AgencyKind.GP_OFFICE));
      }
    }

    @Override
    public List<Due> claimDue(int max, DeliveryRoom room) {
      synchronized (pending) {
        int taken = Math.min(Math.min(max, room.roomFor(AGENCY)), pending.size());
        List<Due> claimed = new ArrayList<>(pending.subList(0, taken));
        pending.removeAll(claimed);
        return claimed;
      }
    }

    @Override
    public Outcome deliverToInbox(String messageId) {
      attempts.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
      if (refusedByRecipient.contains(messageId)) {
        throw new RecipientRefused("E35 the patient is not known here");
      }
      AtomicInteger failures = failuresBeforeSuccess.get(messageId);
      if (failures != null && failures.getAndDecrement() > 0) {
        throw new IllegalStateException("recipient unreachable");
      }
      delivered.add(messageId);
      return Outcome.DELIVERED;
    }

    @Override
    public void markFailed(String messageId, String reason) {
      failed.put(messageId, reason);
    }

    @Override
    public void retryLater(String messageId, String reason) {
      retryLater.put(messageId, reason);
    }
  }
}
