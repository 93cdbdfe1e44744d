package no.bindeledd.web.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GoalsTest {

  private static final double SIGN_RATE = 2500;

  private static Goals.OpenLoopOutcome carriedAt(double rate, double p99) {
    return new Goals.OpenLoopOutcome(rate, 40_000, 40_000, 0, false, rate, OptionalDouble.of(p99));
  }

  @Test
  void theGoalRatesAreFortyAndTwentyPercentOfTheSignRate() {
    assertThat(Goals.RATE_SHARE * SIGN_RATE).isEqualTo(1000.0);
    assertThat(Goals.LATENCY_SHARE * SIGN_RATE).isEqualTo(500.0);
  }

  @Test
  void aCarriedRateMeetsTheRateGoalAndSaysItsRatio() {
    Goals.Verdict verdict = Goals.sustainedRate(Optional.of(carriedAt(1000, 40)), SIGN_RATE);

    assertThat(verdict.met()).contains(true);
    assertThat(verdict.outcome()).isEqualTo("met");
    assertThat(verdict.measured()).contains("0.40 of the sign rate").contains("carried");
  }

  @Test
  void aGrowingBacklogMissesTheRateGoal() {
    Goals.OpenLoopOutcome growing =
        new Goals.OpenLoopOutcome(1000, 40_000, 40_000, 0, true, 800, OptionalDouble.of(40));

    assertThat(growing.deliveryKeptUp()).isFalse();
    assertThat(Goals.sustainedRate(Optional.of(growing), SIGN_RATE).met()).contains(false);
  }

  @Test
  void requestsLeftUndeliveredMissTheRateGoal() {
    Goals.OpenLoopOutcome lost =
        new Goals.OpenLoopOutcome(1000, 40_000, 40_000, 3, false, 1000, OptionalDouble.of(40));

    assertThat(lost.deliveryKeptUp()).isFalse();
    assertThat(Goals.sustainedRate(Optional.of(lost), SIGN_RATE).outcome()).isEqualTo("not met");
  }

  @Test
  void refusingMoreThanOnePercentIsNotCarryingTheRate() {
    Goals.OpenLoopOutcome justSo =
        new Goals.OpenLoopOutcome(1000, 40_000, 39_600, 0, false, 990, OptionalDouble.of(40));
    Goals.OpenLoopOutcome tooFew =
        new Goals.OpenLoopOutcome(1000, 40_000, 39_599, 0, false, 990, OptionalDouble.of(40));

    assertThat(justSo.carried()).isTrue();
    assertThat(tooFew.carried()).isFalse();
    assertThat(tooFew.deliveryKeptUp()).isTrue();
  }

  @Test
  void theLatencyGoalWantsAP99UnderAHundredMilliseconds() {
    assertThat(Goals.latency(Optional.of(carriedAt(500, 99.9)), SIGN_RATE).met()).contains(true);
    assertThat(Goals.latency(Optional.of(carriedAt(500, 100.0)), SIGN_RATE).met()).contains(false);
  }

  @Test
  void aFastP99OfARateNotCarriedDoesNotMeetTheLatencyGoal() {
    Goals.OpenLoopOutcome lost =
        new Goals.OpenLoopOutcome(500, 20_000, 20_000, 500, false, 480, OptionalDouble.of(20));

    Goals.Verdict verdict = Goals.latency(Optional.of(lost), SIGN_RATE);

    assertThat(verdict.met()).contains(false);
    assertThat(verdict.measured()).contains("not carried");
  }

  @Test
  void nothingDeliveredMissesTheLatencyGoal() {
    Goals.OpenLoopOutcome none =
        new Goals.OpenLoopOutcome(500, 20_000, 20_000, 20_000, true, 0, OptionalDouble.empty());

    assertThat(Goals.latency(Optional.of(none), SIGN_RATE).met()).contains(false);
  }

  @Test
  void aGoalWhoseRateDidNotRunIsNotMeasured() {
    assertThat(Goals.sustainedRate(Optional.empty(), SIGN_RATE).outcome())
        .isEqualTo("not measured");
    assertThat(Goals.latency(Optional.empty(), SIGN_RATE).met()).isEmpty();
    assertThat(Goals.memory(Optional.empty()).met()).isEmpty();
  }

  @Test
  void aGoalNamesItsRateOnlyWhereTheSignRateWasMeasured() {
    assertThat(Goals.sustainedRate(Optional.empty(), SIGN_RATE).goal()).endsWith("(1000.0/s)");
    assertThat(Goals.latency(Optional.empty(), 0).goal()).endsWith("(sign rate not measured)");
  }

  @Test
  void residentMemoryUpTo768MebibytesMeetsTheMemoryGoal() {
    assertThat(Goals.memory(Optional.of(768L << 20)).met()).contains(true);
    assertThat(Goals.memory(Optional.of((768L << 20) + 1)).met()).contains(false);
    assertThat(Goals.memory(Optional.of(500L << 20)).measured()).isEqualTo("peak (VmHWM) 500 MiB");
  }
}
