package no.bindeledd.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.bindeledd.core.exchange.Delivery.Outcome;

/**
 * Puts messages in the hub's inboxes, several in one transaction when several workers deliver at
 * once (group commit). Every inbox delivery ends with audit entries, and appending them locks the
 * log's head row until commit, so with a transaction per message each delivery waits its own turn
 * for that lock against every request being taken, and delivery falls behind intake once the
 * processors are busy.
 *
 * <p>A delivery that arrives while a batch for the same agency is being delivered waits for it;
 * then the first of those waiting delivers all of them, up to {@value #MOST_PER_BATCH}, in one
 * transaction: one wait for the lock and one commit for the lot. A delivery that arrives alone is a
 * batch of one and waits for nothing, so an idle hub delivers as soon as before. Should a batch
 * fail, each of its messages is delivered alone, as before this class, so that a message that
 * cannot be delivered fails only its own delivery.
 */
@ApplicationScoped
public class InboxDeliveries {

  /** The most messages one transaction delivers. */
  static final int MOST_PER_BATCH = 32;

  private final Map<String, Batches> byRecipient = new ConcurrentHashMap<>();
  private Delivery delivery;

  protected InboxDeliveries() {}

  @Inject
  public InboxDeliveries(Delivery delivery) {
    this.delivery = delivery;
  }

  /**
   * Delivers the message to its recipient's inbox, in a batch with the recipient's other messages
   * being delivered at the same time, and returns once its batch has committed; as {@link
   * Delivery#deliverToInbox}. Only one agency's messages share a batch, so that one agency's
   * deliveries never wait for another's.
   */
  public Outcome deliver(String recipientAgency, String messageId) {
    return byRecipient.computeIfAbsent(recipientAgency, agency -> new Batches()).deliver(messageId);
  }

  /** One agency's deliveries: those waiting for a batch, and whether one is under way. */
  private final class Batches {
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private boolean batchUnderWay;

    Outcome deliver(String messageId) {
      Waiting mine = new Waiting(messageId);
      synchronized (this) {
        waiting.add(mine);
        try {
          while (batchUnderWay && !mine.done) {
            wait();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          if (waiting.remove(mine)) {
            throw new IllegalStateException("stopped before " + messageId + " was delivered", e);
          }
          // A batch under way has taken it: wait for its outcome, which is moments away.
          awaitUninterruptibly(mine);
        }
        if (mine.done) {
          return mine.outcome();
        }
        batchUnderWay = true;
      }
      try {
        while (!mine.done) {
          List<Waiting> batch = takeBatch();
          try {
            deliverAll(batch);
          } finally {
            settleUnsettled(batch);
          }
        }
      } finally {
        synchronized (this) {
          batchUnderWay = false;
          notifyAll();
        }
      }
      return mine.outcome();
    }

    private synchronized List<Waiting> takeBatch() {
      List<Waiting> batch = new ArrayList<>(Math.min(waiting.size(), MOST_PER_BATCH));
      while (!waiting.isEmpty() && batch.size() < MOST_PER_BATCH) {
        batch.add(waiting.poll());
      }
      return batch;
    }

    private void awaitUninterruptibly(Waiting mine) {
      boolean interrupted = false;
      while (!mine.done) {
        try {
          wait();
        } catch (InterruptedException again) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    private void deliverAll(List<Waiting> batch) {
      if (batch.size() > 1) {
        try {
          List<Outcome> outcomes =
              delivery.deliverAllToInbox(batch.stream().map(w -> w.messageId).toList());
          for (int i = 0; i < batch.size(); i++) {
            settle(batch.get(i), outcomes.get(i), null);
          }
          return;
        } catch (RuntimeException batchFailed) {
          // Each alone below: one that cannot be delivered fails by itself, with its own error.
        }
      }
      for (Waiting one : batch) {
        try {
          settle(one, delivery.deliverToInbox(one.messageId), null);
        } catch (RuntimeException failed) {
          settle(one, null, failed);
        }
      }
    }

    /**
     * Gives each delivery of the batch still without an outcome, should delivering have thrown what
     * nothing caught, a failure of its own, and wakes those waiting: none of them waits for ever.
     */
    private synchronized void settleUnsettled(List<Waiting> batch) {
      for (Waiting one : batch) {
        if (!one.done) {
          settle(one, null, new IllegalStateException(one.messageId + " was not delivered"));
        }
      }
      notifyAll();
    }

    private synchronized void settle(Waiting one, Outcome outcome, RuntimeException failure) {
      one.outcome = outcome;
      one.failure = failure;
      one.done = true;
    }
  }

  /**
   * A delivery waiting for its batch. Its outcome is written, and read by those waiting, holding
   * the monitor of its agency's batches.
   */
  private static final class Waiting {
    final String messageId;
    boolean done;
    Outcome outcome;
    RuntimeException failure;

    Waiting(String messageId) {
      this.messageId = messageId;
    }

    Outcome outcome() {
      if (failure != null) {
        throw failure;
      }
      return outcome;
    }
  }
}
