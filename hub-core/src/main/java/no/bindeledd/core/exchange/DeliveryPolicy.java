package no.bindeledd.core.exchange;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long the hub keeps trying to deliver a message. A recipient that cannot be reached is tried
 * again after a delay that doubles each time, up to {@code maxRetryDelay}; a message not delivered
 * within its kind's lifetime expires, and its sender sees that it did. A claimed outbox entry stays
 * with the node that claimed it for {@code claimLease}; if that node dies, another takes it over
 * once the lease ran out, so the lease bounds how long a message waits for a dead node.
 */
public record DeliveryPolicy(
    Duration firstRetryDelay,
    double multiplier,
    Duration maxRetryDelay,
    int maxAttempts,
    Map<MessageKind, Duration> lifetimes,
    Duration claimLease) {

  public static final DeliveryPolicy DEFAULT =
      new DeliveryPolicy(
          Duration.ofSeconds(5),
          2.0,
          Duration.ofMinutes(10),
          200,
          Map.of(
              MessageKind.REQUEST, Duration.ofDays(14),
              MessageKind.ANSWER, Duration.ofDays(14),
              MessageKind.DECLINE, Duration.ofDays(14),
              MessageKind.PLAN, Duration.ofDays(7)));

  /** A policy with the default claim lease, {@link Delivery#CLAIM_LEASE}. */
  public DeliveryPolicy(
      Duration firstRetryDelay,
      double multiplier,
      Duration maxRetryDelay,
      int maxAttempts,
      Map<MessageKind, Duration> lifetimes) {
    this(firstRetryDelay, multiplier, maxRetryDelay, maxAttempts, lifetimes, Delivery.CLAIM_LEASE);
  }

  public DeliveryPolicy {
    Objects.requireNonNull(firstRetryDelay);
    Objects.requireNonNull(maxRetryDelay);
    Objects.requireNonNull(claimLease);
    if (claimLease.isNegative() || claimLease.isZero()) {
      throw new IllegalArgumentException("the claim lease must be positive");
    }
    if (multiplier < 1.0 || maxAttempts < 1) {
      throw new IllegalArgumentException("the multiplier must be >= 1 and attempts >= 1");
    }
    EnumMap<MessageKind, Duration> all = new EnumMap<>(MessageKind.class);
    all.putAll(lifetimes);
    for (MessageKind kind : MessageKind.values()) {
      if (all.get(kind) == null || all.get(kind).isNegative() || all.get(kind).isZero()) {
        throw new IllegalArgumentException("every kind of message needs a lifetime: " + kind);
      }
    }
    lifetimes = Map.copyOf(all);
  }

  public Duration lifetime(MessageKind kind) {
    return lifetimes.get(kind);
  }

  /** The wait before the next try, after {@code attempts} tries have failed. */
  public Duration retryDelay(int attempts) {
    double factor = Math.pow(multiplier, Math.max(0, attempts - 1));
    double millis = Math.min(maxRetryDelay.toMillis(), firstRetryDelay.toMillis() * factor);
    return Duration.ofMillis((long) millis);
  }
}
