package no.bindeledd.web.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Answers other than an acceptance, by status: refusals by back-pressure (503 with Retry-After)
 * apart from errors, since a refusal is the hub doing what it should. Thread-safe.
 */
final class StatusCounts {

  private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder refused = new LongAdder();
  private final Map<String, Boolean> samples = new ConcurrentHashMap<>();

  void refused() {
    refused.increment();
  }

  void error(RequestPoster.Outcome outcome) {
    errors.computeIfAbsent(outcome.status(), s -> new LongAdder()).increment();
    if (samples.size() < 3) {
      String problem = outcome.problem() == null ? "" : outcome.problem();
      samples.putIfAbsent(
          statusName(outcome.status())
              + " "
              + (problem.length() > 200 ? problem.substring(0, 200) : problem),
          Boolean.TRUE);
    }
  }

  long refusedCount() {
    return refused.sum();
  }

  long errorCount() {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** The errors by status, as {@code 500: 3, no answer: 1}, or {@code none}. */
  String errorsByStatus() {
    if (errors.isEmpty()) {
      return "none";
    }
    return new TreeMap<>(errors)
        .entrySet().stream()
            .map(e -> statusName(e.getKey()) + ": " + e.getValue().sum())
            .collect(Collectors.joining(", "));
  }

  Iterable<String> samples() {
    return samples.keySet();
  }

  private static String statusName(int status) {
    return status == RequestPoster.Outcome.NO_ANSWER ? "no answer" : String.valueOf(status);
  }
}
