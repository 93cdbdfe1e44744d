package no.bindeledd.web.load;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * How long the hub took, after the senders of a level or rate stopped, to deliver everything it had
 * accepted: the backlog left behind by the load.
 *
 * @param emptyAfter from the end of the window until the last accepted request was delivered; empty
 *     if some were still waiting when the limit came
 * @param undeliveredAtLimit requests still waiting at the limit
 * @param statusReads statuses read because the event stream may have missed a delivery
 */
record Drain(Optional<Duration> emptyAfter, long undeliveredAtLimit, int statusReads) {

  private static final long CHECK_NANOS = Duration.ofMillis(5).toNanos();

  /**
   * Waits until the ledger holds nothing undelivered, or until {@code limit} after {@code
   * windowEndNanos}. When the stream may have missed events, reads the status of the requests of
   * {@code tallies} still waiting, once a second at most.
   */
  static Drain await(
      DeliveryLedger ledger,
      DeliveryWatch watch,
      RequestPoster poster,
      List<DeliveryLedger.Tally> tallies,
      long windowEndNanos,
      Duration limit) {
    long deadline = windowEndNanos + limit.toNanos();
    long gapsRead = 0;
    long nextRead = System.nanoTime();
    int reads = 0;
    while (ledger.undelivered() > 0) {
      long now = System.nanoTime();
      boolean last = now - deadline >= 0;
      if (watch.gaps() > gapsRead && (now - nextRead >= 0 || last)) {
        gapsRead = watch.gaps();
        nextRead = now + Duration.ofSeconds(1).toNanos();
        for (DeliveryLedger.Tally tally : tallies) {
          reads += watch.readStatusOnce(tally, poster);
        }
        continue;
      }
      if (last) {
        return new Drain(Optional.empty(), ledger.undelivered(), reads);
      }
      LockSupport.parkNanos(CHECK_NANOS);
    }
    long emptied = Math.max(0, ledger.lastSettledNanos() - windowEndNanos);
    return new Drain(Optional.of(Duration.ofNanos(emptied)), 0, reads);
  }
}
