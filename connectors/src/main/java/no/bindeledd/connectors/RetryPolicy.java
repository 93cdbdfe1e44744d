package no.bindeledd.connectors;

import java.time.Duration;

/**
 * How often a route retries in place before handing a message back to the core to be tried again
 * later: the first retry waits {@code firstDelay}, each next one {@code multiplier} times longer,
 * never longer than {@code maxDelay}. In-place retries ride out a blip; the core's durable retries
 * ride out a recipient that is down for a while.
 */
public record RetryPolicy(
    int maxRetries, Duration firstDelay, double multiplier, Duration maxDelay) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(2, Duration.ofMillis(200), 2.0, Duration.ofSeconds(2));

  public RetryPolicy {
    if (maxRetries < 0 || multiplier < 1.0) {
      throw new IllegalArgumentException("retries must be >= 0 and the multiplier >= 1");
    }
  }
}
