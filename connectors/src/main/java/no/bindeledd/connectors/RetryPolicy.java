package no.bindeledd.connectors;

import java.time.Duration;

/**
 * How hard a route tries before it gives up on a message: the first retry waits {@code firstDelay},
 * each next one {@code multiplier} times longer, never longer than {@code maxDelay}.
 */
public record RetryPolicy(
    int maxRetries, Duration firstDelay, double multiplier, Duration maxDelay) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));

  public RetryPolicy {
    if (maxRetries < 0 || multiplier < 1.0) {
      throw new IllegalArgumentException("retries must be >= 0 and the multiplier >= 1");
    }
  }
}
