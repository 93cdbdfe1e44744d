package no.bindeledd.web.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When each request of an open-loop run is meant to be sent: request {@code i} at {@code start + i
 * / rate}, whatever became of the ones before it. Senders take the next request from here and send
 * it at its time or, when they are all busy, as soon as one is free; latency is counted from the
 * intended time, so that a hub that makes the senders wait is charged for the wait (no coordinated
 * omission). Thread-safe.
 */
final class OpenLoopSchedule {

  private final long startNanos;
  private final double nanosPerRequest;
  private final AtomicLong next = new AtomicLong();

  /**
   * @param startNanos when the first request is due, on the {@link System#nanoTime()} clock
   * @param perSecond requests per second, above zero
   */
  OpenLoopSchedule(long startNanos, double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("the rate must be above zero, not " + perSecond);
    }
    this.startNanos = startNanos;
    this.nanosPerRequest = 1e9 / perSecond;
  }

  /** The intended send time of request {@code index}, counting from zero. */
  long intendedNanos(long index) {
    return startNanos + Math.round(index * nanosPerRequest);
  }

  /** How many requests are due strictly before {@code nanoTime}. */
  long dueBefore(long nanoTime) {
    long elapsed = nanoTime - startNanos;
    if (elapsed <= 0) {
      return 0;
    }
    // The smallest index whose intended time is not before nanoTime; rounding is settled by
    // stepping, as at most one step either way is needed.
    long index = (long) Math.ceil(elapsed / nanosPerRequest);
    while (index > 0 && intendedNanos(index - 1) >= nanoTime) {
      index--;
    }
    while (intendedNanos(index) < nanoTime) {
      index++;
    }
    return index;
  }

  /** Takes the next request: its intended send time. */
  long take() {
    return intendedNanos(next.getAndIncrement());
  }
}
