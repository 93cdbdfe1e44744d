package no.bindeledd.web.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void readsSeconds() {
    assertThat(RetryAfter.parse("5", NOW)).contains(Duration.ofSeconds(5));
    assertThat(RetryAfter.parse(" 12 ", NOW)).contains(Duration.ofSeconds(12));
    assertThat(RetryAfter.parse("0", NOW)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateAsTheTimeUntilIt() {
    assertThat(RetryAfter.parse("Thu, 03 Dec 2026 10:00:07 GMT", NOW))
        .contains(Duration.ofSeconds(7));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertThat(RetryAfter.parse("Thu, 03 Dec 2026 09:59:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void aLongWaitIsCapped() {
    assertThat(RetryAfter.parse("86400", NOW)).contains(RetryAfter.LONGEST);
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(RetryAfter.LONGEST);
  }

  @Test
  void anythingElseIsNoRetryAfter() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    assertThat(RetryAfter.parse("", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("5.5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
  }

  @Test
  void aRefusalIsA503WithAWait() {
    RequestPoster.Outcome refused =
        new RequestPoster.Outcome(503, null, RetryAfter.parse("5", NOW), "behind");
    RequestPoster.Outcome unavailable =
        new RequestPoster.Outcome(503, null, RetryAfter.parse(null, NOW), "down");
    RequestPoster.Outcome tooMany =
        new RequestPoster.Outcome(429, null, RetryAfter.parse("5", NOW), "slow down");

    assertThat(refused.refused()).isTrue();
    assertThat(unavailable.refused()).isFalse();
    assertThat(tooMany.refused()).isFalse();
  }

  @Test
  void aHoldOffHoldsBackWhatIsDueBeforeItEnds() {
    RetryAfter.HoldOff holdOff = new RetryAfter.HoldOff();
    assertThat(holdOff.holds(0)).isFalse();

    holdOff.hold(1_000, Duration.ofNanos(500));

    assertThat(holdOff.holds(1_000)).isTrue();
    assertThat(holdOff.holds(1_499)).isTrue();
    assertThat(holdOff.holds(1_500)).isFalse();
  }

  @Test
  void aShorterWaitDoesNotCutALongerOneShort() {
    RetryAfter.HoldOff holdOff = new RetryAfter.HoldOff();
    holdOff.hold(0, Duration.ofNanos(1_000));

    holdOff.hold(100, Duration.ofNanos(10));

    assertThat(holdOff.holds(999)).isTrue();
  }

  @Test
  void aConnectionPausesNoLongerThanItsLevelLasts() {
    long limit = System.nanoTime() + Duration.ofMillis(20).toNanos();
    long before = System.nanoTime();

    IntakePhase.pause(Duration.ofSeconds(30), limit);

    assertThat(System.nanoTime() - before).isLessThan(Duration.ofSeconds(5).toNanos());
    assertThat(System.nanoTime()).isGreaterThanOrEqualTo(limit);
  }
}
