package no.bindeledd.web.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BacklogTest {

  @Test
  void aLevelBacklogHasNoSlope() {
    Backlog backlog = new Backlog();
    for (int s = 0; s <= 40; s++) {
      backlog.add(s, 50 + (s % 2 == 0 ? 3 : -3));
    }

    assertThat(backlog.slopePerSecond()).isCloseTo(0, within(0.5));
    assertThat(backlog.grows(1000)).isFalse();
  }

  @Test
  void aBacklogGrowingByTheRatesDifferenceHasThatSlope() {
    Backlog backlog = new Backlog();
    for (int s = 0; s <= 30; s++) {
      backlog.add(s, 100 + 200L * s);
    }

    assertThat(backlog.slopePerSecond()).isCloseTo(200, within(1e-9));
    assertThat(backlog.first()).isEqualTo(100);
    assertThat(backlog.last()).isEqualTo(6100);
    assertThat(backlog.grows(1000)).isTrue();
  }

  @Test
  void growthWithinOnePercentOfTheRateIsNotGrowth() {
    Backlog backlog = new Backlog();
    for (int s = 0; s <= 30; s++) {
      backlog.add(s, 9L * s);
    }

    assertThat(backlog.grows(1000)).isFalse();
    assertThat(backlog.grows(800)).isTrue();
  }

  @Test
  void oneSlowSecondDoesNotMakeAGrowingBacklog() {
    Backlog backlog = new Backlog();
    for (int s = 0; s <= 40; s++) {
      backlog.add(s, s == 20 ? 400 : 20);
    }

    assertThat(backlog.grows(1000)).isFalse();
  }

  @Test
  void fewerThanTwoSamplesHaveNoSlope() {
    Backlog backlog = new Backlog();
    assertThat(backlog.slopePerSecond()).isZero();
    backlog.add(0, 10);
    assertThat(backlog.slopePerSecond()).isZero();
    assertThat(backlog.first()).isEqualTo(10);
  }
}
