package no.bindeledd.core.exchange;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long the hub keeps trying to deliver a message. A recipient that cannot be reached is tried
 * again after a delay that doubles each time, up to {@code maxRetryDelay}; a message not delivered
 * within its kind's lifetime expires, and its sender sees that it did.
 */
public record DeliveryPolicy(
    Duration firstRetryDelay,
    double multiplier,
    Duration maxRetryDelay,
    int maxAttempts,
    Map<MessageKind, Duration> lifetimes) {

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

  public DeliveryPolicy {
    Objects.requireNonNull(firstRetryDelay);
    Objects.requireNonNull(maxRetryDelay);
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
