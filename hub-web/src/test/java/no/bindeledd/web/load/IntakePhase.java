package no.bindeledd.web.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Intake in a closed loop: a number of connections, each a thread that posts a request, waits for
 * the answer and posts the next, so the rate is what the hub answers. A refusal by back-pressure is
 * honoured: the connection waits as long as the hub asked before it posts again. After the window,
 * one more request shows how long a newcomer waits behind the backlog, and the drain how long the
 * backlog takes to empty.
 */
final class IntakePhase {

  /** What one level came to. */
  record Level(
      int connections,
      Duration warmup,
      Duration measured,
      long acceptedInWindow,
      Latencies acceptedPost,
      StatusCounts inWindow,
      StatusCounts wholeLevel,
      long attempts,
      ProcessorUse use,
      PhaseSampler.Window sampled,
      DeliveryLedger.Tally tally,
      Drain drain,
      Probe probe) {

    double acceptedPerSecond() {
      return acceptedInWindow / (measured.toNanos() / 1e9);
    }
  }

  /**
   * The request sent right after the window: how long it took to be delivered, or why not.
   *
   * @param delivery from its POST to its delivery
   */
  record Probe(Optional<Duration> delivery, String note) {}

  /** How long a connection pauses after an answer that is neither acceptance nor refusal. */
  private static final Duration PAUSE_AFTER_ERROR = Duration.ofMillis(100);

  private final RequestPoster poster;
  private final DeliveryLedger ledger;
  private final DeliveryWatch watch;
  private final PhaseSampler sampler;
  private final LoadSettings settings;

  IntakePhase(
      RequestPoster poster,
      DeliveryLedger ledger,
      DeliveryWatch watch,
      PhaseSampler sampler,
      LoadSettings settings) {
    this.poster = poster;
    this.ledger = ledger;
    this.watch = watch;
    this.sampler = sampler;
    this.settings = settings;
  }

  /** Runs one level, with a warm-up of its own before the window (none if zero). */
  Level run(int connections, Duration warmup) {
    Duration measured = settings.intakeMeasured();
    long started = System.nanoTime();
    long windowStart = started + warmup.toNanos();
    long windowEnd = windowStart + measured.toNanos();
    DeliveryLedger.Tally warmupTally = new DeliveryLedger.Tally("intake warm-up");
    DeliveryLedger.Tally tally = new DeliveryLedger.Tally("intake, " + connections);
    Latencies acceptedPost = new Latencies();
    StatusCounts inWindow = new StatusCounts();
    StatusCounts wholeLevel = new StatusCounts();
    AtomicLong acceptedInWindow = new AtomicLong();
    AtomicLong attempts = new AtomicLong();

    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread thread =
          new Thread(
              () -> {
                while (System.nanoTime() - windowEnd < 0) {
                  long sent = System.nanoTime();
                  RequestPoster.Outcome outcome = poster.post();
                  long answered = System.nanoTime();
                  attempts.incrementAndGet();
                  boolean measuredNow = answered - windowStart >= 0 && answered - windowEnd < 0;
                  if (outcome.accepted()) {
                    ledger.accepted(
                        outcome.messageId(),
                        answered - windowStart < 0 ? warmupTally : tally,
                        sent,
                        answered);
                    if (measuredNow) {
                      acceptedInWindow.incrementAndGet();
                      synchronized (acceptedPost) {
                        acceptedPost.record(answered - sent);
                      }
                    }
                  } else if (outcome.refused()) {
                    wholeLevel.refused();
                    if (measuredNow) {
                      inWindow.refused();
                    }
                    pause(outcome.retryAfter().orElseThrow(), windowEnd);
                  } else {
                    wholeLevel.error(outcome);
                    if (measuredNow) {
                      inWindow.error(outcome);
                    }
                    pause(PAUSE_AFTER_ERROR, windowEnd);
                  }
                }
              },
              "intake-" + connections + "-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }

    waitUntil(windowStart);
    PhaseSampler.Window sampled =
        sampler.open("intake, " + connections + " connections", ledger::undelivered);
    ProcessorUse.Snapshot opened = ProcessorUse.Snapshot.now();
    waitUntil(windowEnd);
    ProcessorUse use = ProcessorUse.between(opened, ProcessorUse.Snapshot.now());
    sampler.close(sampled);

    // The newcomer: sent as the connections stop, while what they left is still in the outbox.
    DeliveryLedger.Tally probeTally = new DeliveryLedger.Tally("intake probe");
    long probeSent = System.nanoTime();
    RequestPoster.Outcome probe = poster.post();
    if (probe.accepted()) {
      ledger.accepted(probe.messageId(), probeTally, probeSent, System.nanoTime());
    }

    join(threads, settings.stepTimeout().plusSeconds(5));
    Drain drain =
        Drain.await(
            ledger,
            watch,
            poster,
            List.of(warmupTally, tally, probeTally),
            windowEnd,
            settings.drainLimit());
    return new Level(
        connections,
        warmup,
        measured,
        acceptedInWindow.get(),
        acceptedPost,
        inWindow,
        wholeLevel,
        attempts.get(),
        use,
        sampled,
        tally,
        drain,
        probeOutcome(probe, probeTally));
  }

  private static Probe probeOutcome(RequestPoster.Outcome probe, DeliveryLedger.Tally tally) {
    if (probe.refused()) {
      return new Probe(
          Optional.empty(),
          "refused, Retry-After " + probe.retryAfter().orElseThrow().toSeconds() + " s");
    }
    if (!probe.accepted()) {
      return new Probe(Optional.empty(), "answered " + probe.status());
    }
    if (tally.delivered() == 0) {
      return new Probe(Optional.empty(), "not delivered by the end of the drain");
    }
    long micros = Math.round(tally.endToEnd().maxMillis() * 1000);
    return new Probe(Optional.of(Duration.ofNanos(micros * 1000)), "");
  }

  /** Waits {@code wait}, but not past {@code limitNanos}. */
  static void pause(Duration wait, long limitNanos) {
    long until = System.nanoTime() + wait.toNanos();
    waitUntil(until - limitNanos > 0 ? limitNanos : until);
  }

  /** Waits for a moment on the {@link System#nanoTime()} clock. */
  static void waitUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  /** Waits for the threads to end, each at most until the limit; returns how many did not. */
  static int join(List<Thread> threads, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    int left = 0;
    for (Thread thread : threads) {
      try {
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        left++;
        thread.interrupt();
      }
    }
    return left;
  }
}
