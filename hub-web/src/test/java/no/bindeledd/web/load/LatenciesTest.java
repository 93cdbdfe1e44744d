package no.bindeledd.web.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  private static Latencies ofMillis(long... millis) {
    Latencies latencies = new Latencies();
    for (long m : millis) {
      latencies.record(m * 1_000_000);
    }
    return latencies;
  }

  @Test
  void percentilesAreTheNearestRankOfTheSortedValues() {
    Latencies latencies = ofMillis(50, 10, 40, 20, 30, 60, 70, 80, 90, 100);

    assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
    assertThat(latencies.percentileMillis(90)).isEqualTo(90.0);
    assertThat(latencies.percentileMillis(99)).isEqualTo(100.0);
    assertThat(latencies.percentileMillis(10)).isEqualTo(10.0);
    assertThat(latencies.percentileMillis(11)).isEqualTo(20.0);
    assertThat(latencies.maxMillis()).isEqualTo(100.0);
  }

  @Test
  void theP99OfAHundredValuesIsTheNinetyNinthNotTheLast() {
    Latencies latencies = new Latencies();
    for (int i = 1; i <= 100; i++) {
      latencies.record(i * 1_000_000L);
    }

    assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
    assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
  }

  @Test
  void oneValueIsEveryPercentile() {
    Latencies latencies = ofMillis(7);

    assertThat(latencies.percentileMillis(1)).isEqualTo(7.0);
    assertThat(latencies.percentileMillis(50)).isEqualTo(7.0);
    assertThat(latencies.percentileMillis(99)).isEqualTo(7.0);
  }

  @Test
  void keepsMicrosecondsAndGrowsPastItsFirstArray() {
    Latencies latencies = new Latencies();
    for (int i = 0; i < 5000; i++) {
      latencies.record(1_500_000);
    }
    latencies.record(2_250_000);

    assertThat(latencies.count()).isEqualTo(5001);
    assertThat(latencies.percentileMillis(50)).isEqualTo(1.5);
    assertThat(latencies.maxMillis()).isEqualTo(2.25);
  }

  @Test
  void recordingAfterAPercentileSortsAgain() {
    Latencies latencies = ofMillis(30, 10);
    assertThat(latencies.maxMillis()).isEqualTo(30.0);

    latencies.record(5_000_000);

    assertThat(latencies.percentileMillis(1)).isEqualTo(5.0);
  }

  @Test
  void addingAnotherKeepsAllItsValues() {
    Latencies all = ofMillis(1, 2);
    all.addAll(ofMillis(3, 4));

    assertThat(all.count()).isEqualTo(4);
    assertThat(all.percentileMillis(75)).isEqualTo(3.0);
  }

  @Test
  void noValuesHaveNoPercentile() {
    assertThatThrownBy(() -> new Latencies().percentileMillis(50))
        .isInstanceOf(IllegalStateException.class);
  }
}
