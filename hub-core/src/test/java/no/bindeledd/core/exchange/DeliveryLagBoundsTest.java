package no.bindeledd.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When an agency's lag delays a message, when it refuses a request, and how long to wait. */
class DeliveryLagBoundsTest {

  private final DeliveryLagBounds bounds =
      new DeliveryLagBounds(Duration.ofSeconds(30), Duration.ofMinutes(2));

  @Test
  void aLagUpToTheWarningBoundDelaysNothingAndOnlyOnePastItIsReported() {
    assertThat(bounds.delays(Duration.ZERO)).isFalse();
    assertThat(bounds.delays(Duration.ofSeconds(30))).isFalse();
    assertThat(bounds.delays(Duration.ofSeconds(30).plusMillis(1))).isTrue();
    assertThat(bounds.refuses(Duration.ofSeconds(31))).isFalse();
  }

  @Test
  void onlyALagPastTheRefusalBoundRefuses() {
    assertThat(bounds.refuses(Duration.ofMinutes(2))).isFalse();
    assertThat(bounds.refuses(Duration.ofMinutes(2).plusMillis(1))).isTrue();
    assertThat(bounds.delays(Duration.ofMinutes(3))).isTrue();
  }

  @Test
  void retryAfterIsHowFarTheLagIsPastTheBoundInWholeSecondsRoundedUp() {
    assertThat(bounds.retryAfter(Duration.ofSeconds(120 + 42))).isEqualTo(Duration.ofSeconds(42));
    assertThat(bounds.retryAfter(Duration.ofSeconds(120 + 42).plusMillis(300)))
        .isEqualTo(Duration.ofSeconds(43));
  }

  @Test
  void retryAfterIsNeverShorterThanFiveSecondsNorLongerThanTheBound() {
    assertThat(bounds.retryAfter(Duration.ofMinutes(2).plusMillis(1)))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(bounds.retryAfter(Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(2));
    DeliveryLagBounds tight = new DeliveryLagBounds(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(tight.retryAfter(Duration.ofMinutes(10)))
        .as("a bound shorter than the shortest wait")
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theRefusalBoundMustBeLongerThanTheWarningBoundAndBothPositive() {
    assertThatThrownBy(() -> new DeliveryLagBounds(Duration.ofMinutes(2), Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be longer than the lag to warn after");
    assertThatThrownBy(() -> new DeliveryLagBounds(Duration.ofMinutes(2), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeliveryLagBounds(Duration.ZERO, Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> new DeliveryLagBounds(Duration.ofSeconds(-1), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
