package no.bindeledd.web.load;

import java.util.Arrays;

/**
 * Latencies in microseconds, with percentiles by the nearest-rank method over the sorted values. A
 * run records at most some hundred thousand, so keeping every value is cheap and exact. Not
 * thread-safe.
 */
final class Latencies {

  private long[] micros = new long[1024];
  private int count;
  private boolean sorted = true;

  void record(long nanos) {
    if (count == micros.length) {
      micros = Arrays.copyOf(micros, count * 2);
    }
    micros[count++] = Math.max(0, nanos / 1000);
    sorted = false;
  }

  void addAll(Latencies other) {
    for (int i = 0; i < other.count; i++) {
      record(other.micros[i] * 1000);
    }
  }

  int count() {
    return count;
  }

  /** The smallest value that at least the given percentage of values do not exceed. */
  double percentileMillis(double percentage) {
    if (count == 0) {
      throw new IllegalStateException("no values");
    }
    sort();
    int rank = (int) Math.ceil(percentage / 100 * count);
    return micros[Math.max(0, Math.min(count, rank) - 1)] / 1000.0;
  }

  double maxMillis() {
    return percentileMillis(100);
  }

  private void sort() {
    if (!sorted) {
      Arrays.sort(micros, 0, count);
      sorted = true;
    }
  }
}
