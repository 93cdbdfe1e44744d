package no.bindeledd.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.bindeledd.core.exchange.Delivery.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Inbox deliveries that arrive together share a transaction, against a stand-in for the core's
 * Delivery service that records each transaction it is asked for and can be made to hang.
 */
class InboxDeliveriesTest {

  private static final String SCHOOL = "311000020";
  private static final String KINDERGARTEN = "311000039";

  private final RecordingDelivery delivery = new RecordingDelivery();
  private final InboxDeliveries inbox = new InboxDeliveries(delivery);
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final Map<String, Thread> workerThreads = new ConcurrentHashMap<>();

  @AfterEach
  void stopWorkers() throws InterruptedException {
    delivery.gate.countDown();
    workers.shutdownNow();
    assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aDeliveryAloneIsATransactionOfItsOwn() {
    assertThat(inbox.deliver(SCHOOL, "school-1")).isEqualTo(Outcome.DELIVERED);

    assertThat(delivery.transactions).containsExactly(List.of("school-1"));
  }

  @Test
  void deliveriesThatArriveWhileOneIsUnderWayAreDeliveredTogetherEachWithItsOwnOutcome()
      throws Exception {
    delivery.hangOn("school-0");
    Future<Outcome> first = deliverMeanwhile(SCHOOL, "school-0");
    await().until(() -> delivery.hanging.contains("school-0"));
    delivery.outcomes.put("school-3", Outcome.HELD);
    List<Future<Outcome>> later = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      later.add(deliverMeanwhile(SCHOOL, "school-" + i));
    }
    awaitWaiting("school-1", "school-2", "school-3", "school-4", "school-5");

    delivery.gate.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.DELIVERED);
    for (int i = 1; i <= 5; i++) {
      assertThat(later.get(i - 1).get(10, TimeUnit.SECONDS))
          .as("school-" + i)
          .isEqualTo(i == 3 ? Outcome.HELD : Outcome.DELIVERED);
    }
    assertThat(delivery.transactions).hasSize(2);
    assertThat(delivery.transactions.get(0)).containsExactly("school-0");
    assertThat(delivery.transactions.get(1))
        .containsExactlyInAnyOrder("school-1", "school-2", "school-3", "school-4", "school-5");
  }

  @Test
  void aBatchThatFailsIsDeliveredOneByOneSoThatOnlyTheMessageThatCannotBeFailsItsDelivery()
      throws Exception {
    delivery.hangOn("school-0");
    Future<Outcome> first = deliverMeanwhile(SCHOOL, "school-0");
    await().until(() -> delivery.hanging.contains("school-0"));
    delivery.failing.add("school-bad");
    Future<Outcome> good = deliverMeanwhile(SCHOOL, "school-good");
    Future<Outcome> bad = deliverMeanwhile(SCHOOL, "school-bad");
    awaitWaiting("school-good", "school-bad");

    delivery.gate.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.DELIVERED);
    assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.DELIVERED);
    assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
        .hasRootCauseMessage("school-bad cannot be delivered");
    assertThat(delivery.committed).containsExactlyInAnyOrder("school-0", "school-good");
    assertThat(delivery.transactions)
        .contains(List.of("school-good"), List.of("school-bad"))
        .anySatisfy(batch -> assertThat(batch).hasSize(2));
  }

  @Test
  void anAgencysDeliveriesDoNotWaitForAnotherAgencysBatch() throws Exception {
    delivery.hangOn("school-0");
    Future<Outcome> hanging = deliverMeanwhile(SCHOOL, "school-0");
    await().until(() -> delivery.hanging.contains("school-0"));

    assertThat(deliverMeanwhile(KINDERGARTEN, "kindergarten-1").get(10, TimeUnit.SECONDS))
        .isEqualTo(Outcome.DELIVERED);

    assertThat(hanging).isNotDone();
  }

  @Test
  void noTransactionDeliversMoreThanTheMostABatchHolds() throws Exception {
    delivery.hangOn("school-0");
    Future<Outcome> first = deliverMeanwhile(SCHOOL, "school-0");
    await().until(() -> delivery.hanging.contains("school-0"));
    int waiting = InboxDeliveries.MOST_PER_BATCH + 8;
    List<Future<Outcome>> later = new ArrayList<>();
    String[] ids = new String[waiting];
    for (int i = 0; i < waiting; i++) {
      ids[i] = "school-" + (i + 1);
      later.add(deliverMeanwhile(SCHOOL, ids[i]));
    }
    awaitWaiting(ids);

    delivery.gate.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (Future<Outcome> each : later) {
      assertThat(each.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.DELIVERED);
    }
    assertThat(delivery.transactions)
        .allSatisfy(
            batch -> assertThat(batch).hasSizeLessThanOrEqualTo(InboxDeliveries.MOST_PER_BATCH));
    assertThat(delivery.transactions.stream().mapToInt(List::size).sum()).isEqualTo(waiting + 1);
    assertThat(delivery.transactions)
        .as("the one hanging alone, then those waiting in as few transactions as the most allows")
        .hasSize(3);
  }

  private Future<Outcome> deliverMeanwhile(String agency, String messageId) {
    return workers.submit(
        () -> {
          workerThreads.put(messageId, Thread.currentThread());
          return inbox.deliver(agency, messageId);
        });
  }

  /** Until each of these deliveries waits for the batch under way. */
  private void awaitWaiting(String... messageIds) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              for (String id : messageIds) {
                Thread thread = workerThreads.get(id);
                if (thread == null || thread.getState() != Thread.State.WAITING) {
                  return false;
                }
              }
              return true;
            });
  }

  /** Records each transaction it is asked for; a message can be made to hang or to fail. */
  static class RecordingDelivery extends Delivery {
    final CountDownLatch gate = new CountDownLatch(1);
    final List<List<String>> transactions = new CopyOnWriteArrayList<>();
    final Collection<String> committed = new CopyOnWriteArrayList<>();
    final Set<String> hanging = ConcurrentHashMap.newKeySet();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Set<String> hangOn = new HashSet<>();

    synchronized void hangOn(String messageId) {
      hangOn.add(messageId);
    }

    @Override
    public Outcome deliverToInbox(String messageId) {
      return deliverAllToInbox(List.of(messageId)).get(0);
    }

    @Override
    public List<Outcome> deliverAllToInbox(List<String> messageIds) {
      transactions.add(List.copyOf(messageIds));
      for (String id : messageIds) {
        if (failing.contains(id)) {
          throw new IllegalStateException(id + " cannot be delivered");
        }
        if (isHung(id)) {
          hanging.add(id);
          try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the gate never opened");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
      }
      committed.addAll(messageIds);
      return messageIds.stream().map(id -> outcomes.getOrDefault(id, Outcome.DELIVERED)).toList();
    }

    private synchronized boolean isHung(String messageId) {
      return hangOn.contains(messageId);
    }
  }
}
