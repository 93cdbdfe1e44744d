package no.bindeledd.web.load;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The performance issue's goals, checked against one run: a sustained end-to-end rate of at least
 * 40 % of the hub's own CMS signing rate on two threads, a p99 from request to delivery under 100
 * ms at half that rate, and resident memory of at most 768 MiB under load. Each is read against the
 * baseline of the same run, so that a slower machine moves the target with it. A missed goal is
 * reported, never a failed run.
 */
final class Goals {

  /** The sustained rate, as a share of the two-thread sign rate. */
  static final double RATE_SHARE = 0.40;

  /** Where the latency goal is checked: half the sustained rate. */
  static final double LATENCY_SHARE = RATE_SHARE / 2;

  static final double P99_LIMIT_MILLIS = 100;

  static final long MEMORY_LIMIT_BYTES = 768L << 20;

  /**
   * Requests that may go unaccepted (refused, held back, failed or not sent in time) at a rate that
   * still counts as carried.
   */
  static final double UNACCEPTED_SHARE = 0.01;

  private Goals() {}

  /** What an open-loop run at one rate came to, as far as the goals care. */
  record OpenLoopOutcome(
      double offeredPerSecond,
      long scheduled,
      long accepted,
      long undeliveredAfterDrain,
      boolean backlogGrows,
      double deliveredPerSecond,
      OptionalDouble p99Millis) {

    /**
     * Whether delivery kept up with what was accepted: the backlog did not grow in the window, and
     * everything accepted was delivered by the end of the drain.
     */
    boolean deliveryKeptUp() {
      return !backlogGrows && undeliveredAfterDrain == 0;
    }

    /** Whether the hub carried the rate: it accepted nearly all of it, and delivered it all. */
    boolean carried() {
      return deliveryKeptUp() && accepted >= (1 - UNACCEPTED_SHARE) * scheduled;
    }
  }

  /** One goal: what it asks, what the run measured, and whether it was met (empty: not run). */
  record Verdict(String goal, String measured, Optional<Boolean> met) {
    String outcome() {
      return met.map(m -> m ? "met" : "not met").orElse("not measured");
    }
  }

  static Verdict sustainedRate(Optional<OpenLoopOutcome> atRateShare, double signPerSecond) {
    String goal =
        String.format(
            Locale.ROOT,
            "sustained end to end ≥ %.0f %% of the two-thread sign rate%s",
            RATE_SHARE * 100,
            rate(RATE_SHARE, signPerSecond));
    if (atRateShare.isEmpty() || !(signPerSecond > 0)) {
      return new Verdict(goal, "not run", Optional.empty());
    }
    OpenLoopOutcome run = atRateShare.get();
    String measured =
        String.format(
            Locale.ROOT,
            "offered %.1f/s (%.2f of the sign rate), delivered %.1f/s (%.2f); %s",
            run.offeredPerSecond(),
            run.offeredPerSecond() / signPerSecond,
            run.deliveredPerSecond(),
            run.deliveredPerSecond() / signPerSecond,
            run.carried() ? "carried" : "not carried");
    return new Verdict(goal, measured, Optional.of(run.carried()));
  }

  static Verdict latency(Optional<OpenLoopOutcome> atLatencyShare, double signPerSecond) {
    String goal =
        String.format(
            Locale.ROOT,
            "p99 request to delivery < %.0f ms at %.0f %% of the sign rate%s",
            P99_LIMIT_MILLIS,
            LATENCY_SHARE * 100,
            rate(LATENCY_SHARE, signPerSecond));
    if (atLatencyShare.isEmpty()) {
      return new Verdict(goal, "not run", Optional.empty());
    }
    OpenLoopOutcome run = atLatencyShare.get();
    if (run.p99Millis().isEmpty()) {
      return new Verdict(goal, "nothing delivered", Optional.of(false));
    }
    double p99 = run.p99Millis().getAsDouble();
    // A request never delivered is slower than any that was: the p99 of the delivered ones alone
    // would flatter a hub that lost some.
    boolean met = p99 < P99_LIMIT_MILLIS && run.carried();
    String measured =
        String.format(
            Locale.ROOT,
            "p99 %.1f ms%s",
            p99,
            run.carried() ? "" : "; the rate was not carried, so the goal is not met");
    return new Verdict(goal, measured, Optional.of(met));
  }

  /** The goal's rate in requests per second, where the run measured the sign rate. */
  private static String rate(double share, double signPerSecond) {
    return signPerSecond > 0
        ? String.format(Locale.ROOT, " (%.1f/s)", share * signPerSecond)
        : " (sign rate not measured)";
  }

  static Verdict memory(Optional<Long> peakResidentBytes) {
    String goal = "resident memory ≤ " + (MEMORY_LIMIT_BYTES >> 20) + " MiB under load";
    if (peakResidentBytes.isEmpty()) {
      return new Verdict(goal, "not measured (no /proc)", Optional.empty());
    }
    long peak = peakResidentBytes.get();
    return new Verdict(
        goal, "peak (VmHWM) " + (peak >> 20) + " MiB", Optional.of(peak <= MEMORY_LIMIT_BYTES));
  }
}
