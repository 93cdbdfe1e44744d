package no.bindeledd.web.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  private static final long START = 1_000_000_000L;

  @Test
  void requestsAreDueAtEvenIntervalsFromTheStart() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 200);

    assertThat(schedule.take()).isEqualTo(START);
    assertThat(schedule.take()).isEqualTo(START + 5_000_000);
    assertThat(schedule.take()).isEqualTo(START + 10_000_000);
  }

  @Test
  void aLateTakerStillGetsTheIntendedTimeNotTheTimeItAsked() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 10);
    schedule.take();

    // However late the second request is taken, it was due 100 ms after the first: latency is
    // counted from there, so a slow hub is charged for the senders it kept busy.
    assertThat(schedule.take()).isEqualTo(START + 100_000_000);
  }

  @Test
  void aRateThatDoesNotDivideASecondDoesNotDrift() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3);

    assertThat(schedule.intendedNanos(1)).isEqualTo(333_333_333);
    assertThat(schedule.intendedNanos(2)).isEqualTo(666_666_667);
    assertThat(schedule.intendedNanos(3_000)).isEqualTo(1_000_000_000_000L);
  }

  @Test
  void countsTheRequestsDueBeforeAMoment() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 100);

    assertThat(schedule.dueBefore(START - 1)).isZero();
    assertThat(schedule.dueBefore(START)).isZero();
    assertThat(schedule.dueBefore(START + 1)).isEqualTo(1);
    assertThat(schedule.dueBefore(START + 10_000_000)).isEqualTo(1);
    assertThat(schedule.dueBefore(START + 10_000_001)).isEqualTo(2);
    assertThat(schedule.dueBefore(START + 1_000_000_000)).isEqualTo(100);
  }

  @Test
  void aWindowOfTenSecondsAtFortyAndAThirdPerSecondHoldsItsShare() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 40.333);
    long from = START + 5_000_000_000L;
    long to = from + 10_000_000_000L;

    long inWindow = schedule.dueBefore(to) - schedule.dueBefore(from);

    assertThat(inWindow).isBetween(403L, 404L);
  }

  @Test
  void dueBeforeAgreesWithTheIntendedTimes() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 977.7);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      times.add(schedule.intendedNanos(i));
    }
    for (int i = 1; i < times.size(); i++) {
      long t = times.get(i);
      assertThat(schedule.dueBefore(t)).isEqualTo(i);
      assertThat(schedule.dueBefore(t + 1)).isEqualTo(i + 1);
    }
  }

  @Test
  void takersShareOneSchedule() throws InterruptedException {
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 1000);
    List<Long> taken = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 250; i++) {
                  taken.add(schedule.take());
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(taken).doesNotHaveDuplicates().hasSize(1000);
    assertThat(taken.stream().mapToLong(Long::longValue).max().orElseThrow())
        .isEqualTo(999_000_000L);
  }

  @Test
  void aRateMustBeAboveZero() {
    assertThatThrownBy(() -> new OpenLoopSchedule(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
