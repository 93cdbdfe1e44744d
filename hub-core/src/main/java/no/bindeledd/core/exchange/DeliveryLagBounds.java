package no.bindeledd.core.exchange;

import java.time.Duration;
import java.util.Objects;

/**
 * How far behind an agency's deliveries may fall before the hub says so, and before it takes no new
 * requests to that agency. Past {@code warnAfter} a new message is accepted and its sender is told
 * the delay to expect; past {@code refuseAfter} a new request or plan to the agency is refused with
 * the time to wait before sending it again, so that one slow agency cannot fill the outbox without
 * bound.
 */
public record DeliveryLagBounds(Duration warnAfter, Duration refuseAfter) {

  /** The shortest wait a refused caller is told: as long as after a database outage. */
  public static final Duration SHORTEST_RETRY_AFTER = Duration.ofSeconds(5);

  public static final DeliveryLagBounds DEFAULT =
      new DeliveryLagBounds(Duration.ofSeconds(30), Duration.ofMinutes(2));

  public DeliveryLagBounds {
    Objects.requireNonNull(warnAfter, "warnAfter");
    Objects.requireNonNull(refuseAfter, "refuseAfter");
    if (warnAfter.isNegative() || warnAfter.isZero()) {
      throw new IllegalArgumentException("the lag to warn after must be positive: " + warnAfter);
    }
    if (refuseAfter.compareTo(warnAfter) <= 0) {
      throw new IllegalArgumentException(
          "the lag to refuse after ("
              + refuseAfter
              + ") must be longer than the lag to warn after ("
              + warnAfter
              + ")");
    }
  }

  /** Whether a message to an agency this far behind should tell its sender of the delay. */
  public boolean delays(Duration lag) {
    return lag.compareTo(warnAfter) > 0;
  }

  /** Whether a new request to an agency this far behind is refused. */
  public boolean refuses(Duration lag) {
    return lag.compareTo(refuseAfter) > 0;
  }

  /**
   * How long a refused caller should wait before sending again, in whole seconds: how far the lag
   * is past the bound, since an agency that has fallen that far behind needs at least as long to
   * catch up once it takes messages again; at least {@link #SHORTEST_RETRY_AFTER}, and at most the
   * bound itself, so that a caller looks again well before an agency that has come back would have
   * made up a backlog the hub still accepts.
   */
  public Duration retryAfter(Duration lag) {
    Duration longest =
        refuseAfter.compareTo(SHORTEST_RETRY_AFTER) > 0 ? refuseAfter : SHORTEST_RETRY_AFTER;
    Duration past = lag.minus(refuseAfter);
    Duration wait = past.compareTo(SHORTEST_RETRY_AFTER) < 0 ? SHORTEST_RETRY_AFTER : past;
    return inWholeSecondsUp(wait.compareTo(longest) > 0 ? longest : wait);
  }

  /**
   * A lag or a wait as the hub tells it, in whole seconds rounded up: a lag just past a bound is
   * never shown as the bound itself.
   */
  public static Duration inWholeSecondsUp(Duration duration) {
    return Duration.ofSeconds(duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0));
  }
}
