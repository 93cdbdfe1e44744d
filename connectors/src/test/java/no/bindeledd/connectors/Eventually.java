package no.bindeledd.connectors;

import java.time.Duration;
import java.time.Instant;

/**
 * Each agency's deliveries run on a queue and thread of their own, so a route reported done may
 * still be finishing its last step: assertions about what it did hold within a moment.
 */
public final class Eventually {

  /** Assertions that may throw. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  private Eventually() {}

  /** Runs {@code check} until it passes, for up to ten seconds; then fails as it last did. */
  public static void holds(Check check) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }
}
