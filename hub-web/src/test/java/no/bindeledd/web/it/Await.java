package no.bindeledd.web.it;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Waits for the hub's asynchronous delivery to reach a state, polling its API. */
public final class Await {

  private Await() {}

  public static <T> T until(String what, Callable<T> probe, Predicate<T> done) {
    return until(what, Duration.ofSeconds(30), probe, done);
  }

  public static <T> T until(String what, Duration atMost, Callable<T> probe, Predicate<T> done) {
    return Awaitility.await(what)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(probe, done::test);
  }
}
