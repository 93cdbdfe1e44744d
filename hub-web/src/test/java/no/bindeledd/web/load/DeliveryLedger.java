package no.bindeledd.web.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepted requests waiting to be seen delivered, and how long each took. Two threads tell it of a
 * request: the sender when the hub answers its POST, and the reader of the event stream when the
 * hub says the request was delivered. Delivery starts as soon as the request commits, so the second
 * may come first; whichever comes second completes the request. Thread-safe.
 */
final class DeliveryLedger {

  /** The requests of one part of a run, counted apart from the others. */
  static final class Tally {

    private final String name;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong byStatusRead = new AtomicLong();
    private final AtomicLong notDelivered = new AtomicLong();
    private final Latencies endToEnd = new Latencies();

    Tally(String name) {
      this.name = name;
    }

    String name() {
      return name;
    }

    long accepted() {
      return accepted.get();
    }

    long delivered() {
      return delivered.get();
    }

    /** Delivered requests whose time came from reading their status after the fact. */
    long byStatusRead() {
      return byStatusRead.get();
    }

    /** Requests that ended without delivery: failed, expired or held. */
    long notDelivered() {
      return notDelivered.get();
    }

    long undelivered() {
      return accepted() - delivered() - notDelivered();
    }

    /** From the intended send to delivery; a copy, safe to read while the run goes on. */
    Latencies endToEnd() {
      synchronized (endToEnd) {
        Latencies copy = new Latencies();
        copy.addAll(endToEnd);
        return copy;
      }
    }

    private void delivered(long nanos, boolean fromStatus) {
      synchronized (endToEnd) {
        endToEnd.record(nanos);
      }
      delivered.incrementAndGet();
      if (fromStatus) {
        byStatusRead.incrementAndGet();
      }
    }
  }

  /** What is known of one request: who sent it when, or when it was delivered, or both. */
  private static final class Entry {
    Tally tally;
    long intendedNanos;
    long deliveredNanos;
    boolean deliveredSeen;
    boolean ended;
  }

  private final ConcurrentHashMap<String, Entry> waiting = new ConcurrentHashMap<>();
  private final AtomicLong undelivered = new AtomicLong();
  private final AtomicLong deliveries = new AtomicLong();
  private final AtomicLong lastSettledNanos = new AtomicLong(Long.MIN_VALUE);

  /**
   * The hub accepted request {@code id} of {@code tally}, meant to be sent at {@code
   * intendedNanos}, and answered at {@code answeredNanos}.
   */
  void accepted(String id, Tally tally, long intendedNanos, long answeredNanos) {
    tally.accepted.incrementAndGet();
    settledAt(answeredNanos);
    waiting.compute(
        id,
        (key, known) -> {
          if (known != null && known.tally == null) {
            if (known.deliveredSeen) {
              tally.delivered(known.deliveredNanos - intendedNanos, false);
              deliveries.incrementAndGet();
            } else {
              tally.notDelivered.incrementAndGet();
            }
            return null;
          }
          Entry entry = new Entry();
          entry.tally = tally;
          entry.intendedNanos = intendedNanos;
          undelivered.incrementAndGet();
          return entry;
        });
  }

  /** The hub says request {@code id} was delivered at {@code nanoTime}. */
  void delivered(String id, long nanoTime) {
    delivered(id, nanoTime, false);
  }

  /**
   * As {@link #delivered(String, long)}; {@code fromStatus} when the time was read from the
   * request's status rather than seen as it happened.
   */
  void delivered(String id, long nanoTime, boolean fromStatus) {
    settle(id, nanoTime, true, fromStatus);
  }

  /** The hub says request {@code id} will not be delivered (failed, expired, held). */
  void ended(String id, long nanoTime) {
    settle(id, nanoTime, false, false);
  }

  private void settle(String id, long nanoTime, boolean delivered, boolean fromStatus) {
    waiting.compute(
        id,
        (key, known) -> {
          if (known == null) {
            // Told before the sender was answered, or of a message this ledger never tracked.
            Entry early = new Entry();
            early.deliveredSeen = delivered;
            early.ended = !delivered;
            early.deliveredNanos = nanoTime;
            return early;
          }
          if (known.tally == null) {
            return known;
          }
          if (delivered) {
            known.tally.delivered(nanoTime - known.intendedNanos, fromStatus);
            deliveries.incrementAndGet();
          } else {
            known.tally.notDelivered.incrementAndGet();
          }
          undelivered.decrementAndGet();
          settledAt(nanoTime);
          return null;
        });
  }

  private void settledAt(long nanoTime) {
    lastSettledNanos.accumulateAndGet(nanoTime, Math::max);
  }

  /** Accepted requests not yet seen delivered or ended, of every tally. */
  long undelivered() {
    return undelivered.get();
  }

  /** Deliveries seen so far, of every tally. */
  long deliveries() {
    return deliveries.get();
  }

  /**
   * The last moment a request was accepted, delivered or ended: once nothing is undelivered, when
   * the backlog ran empty.
   */
  long lastSettledNanos() {
    return lastSettledNanos.get();
  }

  /** The requests of {@code tally} still waiting, to read their status once. */
  List<String> waitingOf(Tally tally) {
    List<String> ids = new ArrayList<>();
    waiting.forEach(
        (id, entry) -> {
          if (entry.tally == tally) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** Forgets what was told of messages no sender tracked: the event stream tells of all. */
  void forgetUntracked() {
    waiting.values().removeIf(entry -> entry.tally == null);
  }
}
