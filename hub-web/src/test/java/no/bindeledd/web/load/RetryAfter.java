package no.bindeledd.web.load;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a refusal by back-pressure asks of its client: a {@code 503} with {@code Retry-After}, in
 * seconds or as an HTTP date (RFC 9110, section 10.2.3). A load generator that ignored it would
 * measure how fast the hub refuses, not how fast it takes requests.
 */
final class RetryAfter {

  /** The longest wait honoured: a hub that asks for more is waited for this long. */
  static final Duration LONGEST = Duration.ofSeconds(60);

  private RetryAfter() {}

  /**
   * How long to wait, from the header's value as the hub sent it at {@code now}; empty when the
   * value is neither a number of seconds nor an HTTP date, so that the caller can tell a refusal
   * from an error.
   */
  static Optional<Duration> parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String trimmed = value.strip();
    if (trimmed.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(capped(Duration.ofSeconds(Long.parseLong(trimmed))));
      } catch (NumberFormatException e) {
        // More digits than a long holds: as long as may be.
        return Optional.of(LONGEST);
      }
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : capped(wait));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration capped(Duration wait) {
    return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
  }

  /**
   * A moment before which nobody sends, shared by the senders of an open-loop run: once the hub
   * refused with {@code Retry-After}, the requests the schedule puts before the end of that wait
   * are not sent but counted as held back. Thread-safe.
   */
  static final class HoldOff {

    private long untilNanos;
    private boolean set;

    /** Holds sending back until {@code wait} after {@code nowNanos}, unless already later. */
    synchronized void hold(long nowNanos, Duration wait) {
      long until = nowNanos + wait.toNanos();
      if (!set || until - untilNanos > 0) {
        untilNanos = until;
        set = true;
      }
    }

    /** Whether a request due at {@code nanoTime} must not be sent. */
    synchronized boolean holds(long nanoTime) {
      return set && nanoTime - untilNanos < 0;
    }
  }
}
