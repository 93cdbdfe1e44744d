package no.bindeledd.web.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests accepted but not yet delivered, sampled once a second during a measured window. A
 * hub that keeps up holds a backlog of about its rate times its delivery latency, which stays
 * level; one that does not holds a backlog that grows by the difference of the two rates each
 * second. The slope is fitted over all samples by least squares, so a single slow second does not
 * decide it. Thread-safe.
 */
final class Backlog {

  /** One sample: seconds since the window opened, and the requests not yet delivered. */
  record Sample(double seconds, long undelivered) {}

  private final List<Sample> samples = new ArrayList<>();

  synchronized void add(double seconds, long undelivered) {
    samples.add(new Sample(seconds, undelivered));
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** Growth in requests per second, by least squares; zero with fewer than two samples. */
  synchronized double slopePerSecond() {
    int n = samples.size();
    if (n < 2) {
      return 0;
    }
    double meanX = 0;
    double meanY = 0;
    for (Sample s : samples) {
      meanX += s.seconds();
      meanY += s.undelivered();
    }
    meanX /= n;
    meanY /= n;
    double covariance = 0;
    double variance = 0;
    for (Sample s : samples) {
      covariance += (s.seconds() - meanX) * (s.undelivered() - meanY);
      variance += (s.seconds() - meanX) * (s.seconds() - meanX);
    }
    return variance == 0 ? 0 : covariance / variance;
  }

  synchronized long first() {
    return samples.isEmpty() ? 0 : samples.get(0).undelivered();
  }

  synchronized long last() {
    return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).undelivered();
  }

  /**
   * Whether the backlog grew: by more than 1 % of the offered rate per second. At that slope a
   * window of 40 s ends with 0.4 s worth of requests more in the backlog than it started with, more
   * than a delivery that keeps up leaves behind.
   */
  synchronized boolean grows(double offeredPerSecond) {
    return slopePerSecond() > 0.01 * offeredPerSecond;
  }
}
