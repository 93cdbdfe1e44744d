package no.bindeledd.core.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far one recipient agency's deliveries are behind: how many of its messages wait in the
 * outbox, and since when the oldest of them has waited. Counts and times only, never a message or a
 * person.
 *
 * @param recipientAgency the agency's organisation number
 * @param waiting its outbox entries, whether due, being tried or waiting to be tried again
 * @param oldestSince when the oldest of them was written
 */
public record RecipientLag(String recipientAgency, long waiting, Instant oldestSince) {

  public RecipientLag {
    Objects.requireNonNull(recipientAgency);
    Objects.requireNonNull(oldestSince);
    if (waiting < 1) {
      throw new IllegalArgumentException("an agency with a lag has at least one message waiting");
    }
  }

  /** How long the oldest waiting message has waited at {@code now}; never negative. */
  public Duration lagAt(Instant now) {
    Duration lag = Duration.between(oldestSince, now);
    return lag.isNegative() ? Duration.ZERO : lag;
  }
}
