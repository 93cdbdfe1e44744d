package no.bindeledd.web.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a load run does, from system properties with small defaults. Every value has a ceiling, so
 * that a mistyped property cannot start a run that does not end.
 */
record LoadSettings(
    List<String> hubOptions,
    Set<Phase> phases,
    int participants,
    int questionBytes,
    Duration baselineWarmup,
    Duration baselineMeasured,
    List<Integer> intakeConnections,
    Duration intakeWarmup,
    Duration intakeMeasured,
    double fixedRate,
    boolean goalRates,
    Duration sustainedWarmup,
    Duration sustainedMeasured,
    int senders,
    Duration drainLimit,
    int users,
    Duration warmup,
    Duration measured,
    Duration statusPoll,
    Duration stepTimeout,
    double maxErrorRate) {

  /** The parts of a run, in the order they run whatever order the property names them in. */
  enum Phase {
    /** CMS sign and verify rates with the hub idle: the yardstick of the rest. */
    BASELINE,
    /** Closed loop: connections posting requests as fast as they are answered. */
    INTAKE,
    /** Open loop: requests at a fixed rate, latency until delivered. */
    SUSTAINED,
    /** Journeys J2 and J3 by virtual users, as the first measurement had them. */
    CONVERSATIONS;

    static Set<Phase> parse(String names) {
      Set<Phase> phases = EnumSet.noneOf(Phase.class);
      for (String name : names.split(",")) {
        if (name.isBlank()) {
          continue;
        }
        try {
          phases.add(Phase.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "load.phases names baseline, intake, sustained or conversations, not " + name, e);
        }
      }
      if (phases.isEmpty()) {
        throw new IllegalArgumentException("load.phases names no phase");
      }
      return phases;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  LoadSettings {
    hubOptions = List.copyOf(hubOptions);
    phases = Set.copyOf(phases);
    intakeConnections = List.copyOf(intakeConnections);
    if (phases.contains(Phase.SUSTAINED) && !goalRates && fixedRate == 0) {
      throw new IllegalArgumentException(
          "the sustained phase needs a rate: set load.rate, or load.goal-rates=true");
    }
    if (phases.contains(Phase.SUSTAINED) && goalRates && !phases.contains(Phase.BASELINE)) {
      throw new IllegalArgumentException(
          "the goal rates are shares of the baseline's sign rate: add baseline to load.phases,"
              + " or set load.goal-rates=false and load.rate");
    }
  }

  static LoadSettings fromSystemProperties() {
    return new LoadSettings(
        hubOptions(stringProperty("load.hub-options", "")),
        Phase.parse(stringProperty("load.phases", "baseline,intake,sustained,conversations")),
        intProperty("load.participants", 50, 1, 1000),
        intProperty("load.question-bytes", 1024, 16, 15_000),
        Duration.ofSeconds(intProperty("load.baseline-warmup", 3, 0, 60)),
        Duration.ofSeconds(intProperty("load.baseline-seconds", 10, 1, 120)),
        intListProperty("load.intake-connections", "8,32", 1, 256),
        Duration.ofSeconds(intProperty("load.intake-warmup", 60, 0, 600)),
        Duration.ofSeconds(intProperty("load.intake-seconds", 40, 1, 600)),
        doubleProperty("load.rate", 0, 0, 5000),
        booleanProperty("load.goal-rates", true),
        Duration.ofSeconds(intProperty("load.sustained-warmup", 5, 0, 300)),
        Duration.ofSeconds(intProperty("load.sustained-seconds", 40, 1, 600)),
        intProperty("load.senders", 64, 1, 512),
        Duration.ofSeconds(intProperty("load.drain-timeout", 60, 1, 600)),
        intProperty("load.users", 4, 1, 64),
        Duration.ofSeconds(intProperty("load.warmup", 15, 0, 300)),
        Duration.ofSeconds(intProperty("load.seconds", 60, 1, 600)),
        Duration.ofMillis(intProperty("load.poll-ms", 25, 5, 1000)),
        Duration.ofSeconds(intProperty("load.step-timeout", 30, 1, 120)),
        doubleProperty("load.max-error-rate", 0.01, 0, 1));
  }

  /**
   * Further JVM options of the hub, separated by spaces; only {@code -X} options, so that a
   * property cannot change what the hub is configured to do.
   */
  static List<String> hubOptions(String value) {
    List<String> options = new ArrayList<>();
    for (String option : value.strip().split("\\s+")) {
      if (option.isEmpty()) {
        continue;
      }
      if (!option.startsWith("-X")) {
        throw new IllegalArgumentException(
            "load.hub-options takes JVM options starting with -X, not " + option);
      }
      options.add(option);
    }
    return options;
  }

  boolean runs(Phase phase) {
    return phases.contains(phase);
  }

  /** How many open-loop rates the sustained phase runs: the two goal rates and a fixed one. */
  int sustainedRuns() {
    return (goalRates ? 2 : 0) + (fixedRate > 0 ? 1 : 0);
  }

  /** The longest a run may take after the hub has started, set-up aside. */
  Duration bound() {
    Duration bound = Duration.ZERO;
    if (runs(Phase.BASELINE)) {
      bound = bound.plus(baselineWarmup.plus(baselineMeasured).multipliedBy(4));
    }
    if (runs(Phase.INTAKE)) {
      bound = bound.plus(intakeWarmup);
      for (int ignored : intakeConnections) {
        bound = bound.plus(intakeMeasured).plus(stepTimeout).plus(drainLimit);
      }
    }
    if (runs(Phase.SUSTAINED)) {
      bound =
          bound.plus(
              sustainedWarmup
                  .plus(sustainedMeasured)
                  .plus(lateSendLimit())
                  .plus(stepTimeout)
                  .plus(drainLimit)
                  .multipliedBy(sustainedRuns()));
    }
    if (runs(Phase.CONVERSATIONS)) {
      bound = bound.plus(warmup).plus(measured).plus(conversationDrainLimit());
    }
    return bound;
  }

  /**
   * How late an open-loop sender may still send a request its schedule put in the window: a request
   * later than this is counted as not sent, so that a hub far behind cannot keep the run going.
   */
  Duration lateSendLimit() {
    return Duration.ofSeconds(10);
  }

  /** How long conversations still under way at the end may take to finish. */
  Duration conversationDrainLimit() {
    return stepTimeout.multipliedBy(3);
  }

  private static String stringProperty(String name, String defaultValue) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? defaultValue : value.strip();
  }

  private static boolean booleanProperty(String name, boolean defaultValue) {
    String value = stringProperty(name, String.valueOf(defaultValue));
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " is true or false, not " + value);
    };
  }

  private static List<Integer> intListProperty(String name, String defaultValue, int min, int max) {
    List<Integer> values = new ArrayList<>();
    for (String item : stringProperty(name, defaultValue).split(",")) {
      if (!item.isBlank()) {
        values.add(parseInt(name, item.strip(), min, max));
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + " names no value");
    }
    return values;
  }

  private static int intProperty(String name, int defaultValue, int min, int max) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    return parseInt(name, value.strip(), min, max);
  }

  private static int parseInt(String name, String value, int min, int max) {
    int parsed;
    try {
      parsed = Integer.parseInt(value);
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
