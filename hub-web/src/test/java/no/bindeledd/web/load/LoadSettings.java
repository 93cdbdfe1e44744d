package no.bindeledd.web.load;

import java.time.Duration;

/**
 * What a load run does, from system properties with small defaults. Every value has a ceiling, so
 * that a mistyped property cannot start a run that does not end.
 */
record LoadSettings(
    int users,
    Duration warmup,
    Duration measured,
    int participants,
    Duration statusPoll,
    Duration stepTimeout,
    Duration baselineWarmup,
    Duration baselineMeasured,
    double maxErrorRate) {

  static LoadSettings fromSystemProperties() {
    return new LoadSettings(
        intProperty("load.users", 4, 1, 64),
        Duration.ofSeconds(intProperty("load.warmup", 15, 0, 300)),
        Duration.ofSeconds(intProperty("load.seconds", 60, 1, 600)),
        intProperty("load.participants", 20, 1, 1000),
        Duration.ofMillis(intProperty("load.poll-ms", 25, 5, 1000)),
        Duration.ofSeconds(intProperty("load.step-timeout", 30, 1, 120)),
        Duration.ofSeconds(intProperty("load.baseline-warmup", 3, 0, 60)),
        Duration.ofSeconds(intProperty("load.baseline-seconds", 10, 1, 120)),
        doubleProperty("load.max-error-rate", 0.01, 0, 1));
  }

  /** The longest a run may take after the hub has started, set-up aside. */
  Duration bound() {
    return baselineWarmup
        .plus(baselineMeasured)
        .multipliedBy(4)
        .plus(warmup)
        .plus(measured)
        .plus(drainLimit());
  }

  /** How long conversations still under way at the end may take to finish. */
  Duration drainLimit() {
    return stepTimeout.multipliedBy(3);
  }

  private static int intProperty(String name, int defaultValue, int min, int max) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not " + value, e);
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
    return parsed;
  }

  private static double doubleProperty(String name, double defaultValue, double min, double max) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not " + value, e);
    }
    if (!(parsed >= min && parsed <= max)) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
    return parsed;
  }
}
