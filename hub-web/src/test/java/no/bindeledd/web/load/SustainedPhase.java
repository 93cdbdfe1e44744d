package no.bindeledd.web.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sustained rate, in an open loop: requests at a fixed rate whatever the hub does, so that a
 * slow hub cannot slow the load down and hide its slowness. A pool of senders takes the requests in
 * the order of an {@link OpenLoopSchedule}; latencies count from each request's intended send time.
 * After a short warm-up at the rate, a measured window; then the drain.
 *
 * <p>A refusal by back-pressure (503, Retry-After) holds every sender back: the requests the
 * schedule puts before the end of the wait are counted as held back, not sent. A request a sender
 * could not send within {@link LoadSettings#lateSendLimit()} of its time is counted as not sent.
 */
final class SustainedPhase {

  /** What one rate came to. */
  record Rate(
      String label,
      double perSecond,
      Optional<Double> share,
      Duration measured,
      long scheduled,
      long posts,
      long heldBack,
      long notSent,
      StatusCounts inWindow,
      StatusCounts wholeRun,
      Latencies postFromIntended,
      Latencies postService,
      DeliveryLedger.Tally tally,
      long deliveredDuringWindow,
      ProcessorUse use,
      PhaseSampler.Window sampled,
      Drain drain) {

    double deliveredPerSecond() {
      return deliveredDuringWindow / (measured.toNanos() / 1e9);
    }

    Goals.OpenLoopOutcome outcome() {
      Latencies endToEnd = tally.endToEnd();
      return new Goals.OpenLoopOutcome(
          perSecond,
          scheduled,
          tally.accepted(),
          tally.undelivered(),
          sampled.backlog.grows(perSecond),
          deliveredPerSecond(),
          endToEnd.count() == 0
              ? OptionalDouble.empty()
              : OptionalDouble.of(endToEnd.percentileMillis(99)));
    }
  }

  private final RequestPoster poster;
  private final DeliveryLedger ledger;
  private final DeliveryWatch watch;
  private final PhaseSampler sampler;
  private final LoadSettings settings;

  SustainedPhase(
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

  /** Runs at {@code perSecond} requests a second; {@code share} of the sign rate, if it is one. */
  Rate run(String label, double perSecond, Optional<Double> share) {
    Duration measured = settings.sustainedMeasured();
    // A little time for the senders to start before the first request is due.
    long start = System.nanoTime() + Duration.ofMillis(200).toNanos();
    long windowStart = start + settings.sustainedWarmup().toNanos();
    long windowEnd = windowStart + measured.toNanos();
    long lateLimit = settings.lateSendLimit().toNanos();
    OpenLoopSchedule schedule = new OpenLoopSchedule(start, perSecond);
    RetryAfter.HoldOff holdOff = new RetryAfter.HoldOff();
    DeliveryLedger.Tally warmupTally = new DeliveryLedger.Tally(label + " warm-up");
    DeliveryLedger.Tally tally = new DeliveryLedger.Tally(label);
    StatusCounts inWindow = new StatusCounts();
    StatusCounts wholeRun = new StatusCounts();
    Latencies fromIntended = new Latencies();
    Latencies service = new Latencies();
    AtomicLong heldBack = new AtomicLong();
    AtomicLong notSent = new AtomicLong();
    AtomicLong posts = new AtomicLong();
    // Requests that will never be delivered because they were never accepted.
    AtomicLong unaccepted = new AtomicLong();

    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < settings.senders(); i++) {
      Thread sender =
          new Thread(
              () -> {
                while (true) {
                  long intended = schedule.take();
                  if (intended - windowEnd >= 0) {
                    return;
                  }
                  IntakePhase.waitUntil(intended);
                  boolean measuredOne = intended - windowStart >= 0;
                  if (System.nanoTime() - intended > lateLimit) {
                    unaccepted.incrementAndGet();
                    if (measuredOne) {
                      notSent.incrementAndGet();
                    }
                    continue;
                  }
                  if (holdOff.holds(intended)) {
                    unaccepted.incrementAndGet();
                    if (measuredOne) {
                      heldBack.incrementAndGet();
                    }
                    continue;
                  }
                  long sent = System.nanoTime();
                  RequestPoster.Outcome outcome = poster.post();
                  long answered = System.nanoTime();
                  posts.incrementAndGet();
                  if (outcome.accepted()) {
                    ledger.accepted(
                        outcome.messageId(), measuredOne ? tally : warmupTally, intended, answered);
                    if (measuredOne) {
                      synchronized (fromIntended) {
                        fromIntended.record(answered - intended);
                        service.record(answered - sent);
                      }
                    }
                    continue;
                  }
                  unaccepted.incrementAndGet();
                  if (outcome.refused()) {
                    holdOff.hold(answered, outcome.retryAfter().orElseThrow());
                    wholeRun.refused();
                    if (measuredOne) {
                      inWindow.refused();
                    }
                  } else {
                    wholeRun.error(outcome);
                    if (measuredOne) {
                      inWindow.error(outcome);
                    }
                  }
                }
              },
              "sender-" + i);
      sender.setDaemon(true);
      senders.add(sender);
      sender.start();
    }

    IntakePhase.waitUntil(windowStart);
    // The backlog of an open loop: requests due by now that are neither delivered nor settled
    // otherwise. It counts those waiting for a sender or for the hub's answer as well as those
    // waiting in the outbox, so it grows whichever of the two falls behind.
    PhaseSampler.Window sampled =
        sampler.open(
            label,
            () -> {
              long due = schedule.dueBefore(Math.min(System.nanoTime(), windowEnd));
              long settled =
                  warmupTally.delivered()
                      + warmupTally.notDelivered()
                      + tally.delivered()
                      + tally.notDelivered()
                      + unaccepted.get();
              return Math.max(0, due - settled);
            });
    long deliveriesAtStart = ledger.deliveries();
    ProcessorUse.Snapshot opened = ProcessorUse.Snapshot.now();
    IntakePhase.waitUntil(windowEnd);
    ProcessorUse use = ProcessorUse.between(opened, ProcessorUse.Snapshot.now());
    long deliveredDuringWindow = ledger.deliveries() - deliveriesAtStart;
    sampler.close(sampled);

    IntakePhase.join(senders, settings.lateSendLimit().plus(settings.stepTimeout()).plusSeconds(5));
    Drain drain =
        Drain.await(
            ledger, watch, poster, List.of(warmupTally, tally), windowEnd, settings.drainLimit());
    long scheduled = schedule.dueBefore(windowEnd) - schedule.dueBefore(windowStart);
    return new Rate(
        label,
        perSecond,
        share,
        measured,
        scheduled,
        posts.get(),
        heldBack.get(),
        notSent.get(),
        inWindow,
        wholeRun,
        fromIntended,
        service,
        tally,
        deliveredDuringWindow,
        use,
        sampled,
        drain);
  }
}
