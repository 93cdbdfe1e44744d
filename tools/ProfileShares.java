import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a Java Flight Recorder profile's processor time went, as shares of its execution samples:
 * by the code each sample was running in (its top frame's library), and, for each prefix given,
 * the share of samples with a frame of that class or method anywhere on their stack (the time spent
 * in it and in everything it called), and how many threads waited under it on average (in a lock,
 * a monitor or a park, from the recording's wait events, over the recording's length).
 * docs/benchmarks.md, "Where the time goes", shows how the hub's profile was recorded and read with
 * it.
 *
 * <pre>
 * java tools/ProfileShares.java hub.jfr no.bindeledd.core.exchange.MessageExchange.sendRequest \
 *     fish.payara.microprofile.jwtauth org.bouncycastle
 * </pre>
 *
 * Only the threads whose name starts with a given {@code --threads=} prefix count, if one is given
 * (the HTTP workers are {@code http-thread-pool}, the deliveries {@code Camel}). With {@code
 * --entries=<prefix>} it also shows, for the samples with a frame of that prefix, the outermost
 * such frame: which of the hub's own entry points (a resource method, a route's bean) the time
 * was spent under.
 */
public final class ProfileShares {

  /** How many packages of a top frame's class name its library is named by. */
  private static final int LIBRARY_DEPTH = 3;

  private static final int LIBRARIES_SHOWN = 25;

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println(
          "usage: java tools/ProfileShares.java <recording.jfr> [--threads=<prefix>] [prefix ...]");
      System.exit(2);
    }
    String threads = null;
    String entries = null;
    List<String> prefixes = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("--threads=")) {
        threads = args[i].substring("--threads=".length());
      } else if (args[i].startsWith("--entries=")) {
        entries = args[i].substring("--entries=".length());
      } else {
        prefixes.add(args[i]);
      }
    }
    Map<String, Integer> byLibrary = new HashMap<>();
    Map<String, Integer> byPrefix = new HashMap<>();
    Map<String, Integer> byEntry = new HashMap<>();
    Map<String, Double> waitedSeconds = new HashMap<>();
    Instant first = null;
    Instant last = null;
    int samples = 0;
    try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        String type = event.getEventType().getName();
        if (WAITS.contains(type)) {
          addWait(event, prefixes, waitedSeconds);
          continue;
        }
        if (!type.equals("jdk.ExecutionSample")) {
          continue;
        }
        first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
        last = last == null || event.getEndTime().isAfter(last) ? event.getEndTime() : last;
        String thread = event.getThread("sampledThread").getJavaName();
        if (threads != null && (thread == null || !thread.startsWith(threads))) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        byLibrary.merge(library(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        String entry = null;
        for (RecordedFrame frame : frames) {
          String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
          if (entries != null && method.startsWith(entries)) {
            entry = method;
          }
          for (String prefix : prefixes) {
            if (method.startsWith(prefix) && seen.add(prefix)) {
              byPrefix.merge(prefix, 1, Integer::sum);
            }
          }
        }
        if (entry != null) {
          byEntry.merge(entry, 1, Integer::sum);
        }
      }
    }
    System.out.printf("%,d execution samples%s%n", samples, threads == null ? "" : " of " + threads);
    if (samples == 0) {
      return;
    }
    System.out.println();
    System.out.println("| Running in (top frame) | Share |");
    System.out.println("|---|---:|");
    int total = samples;
    byLibrary.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(LIBRARIES_SHOWN)
        .forEach(e -> System.out.printf("| `%s` | %.1f %% |%n", e.getKey(), percent(e.getValue(), total)));
    if (!prefixes.isEmpty()) {
      System.out.println();
      double seconds = Duration.between(first, last).toMillis() / 1000.0;
      System.out.println("| On the stack (inclusive) | Share | Threads waiting under it |");
      System.out.println("|---|---:|---:|");
      for (String prefix : prefixes) {
        System.out.printf(
            "| `%s` | %.1f %% | %.1f |%n",
            prefix,
            percent(byPrefix.getOrDefault(prefix, 0), total),
            waitedSeconds.getOrDefault(prefix, 0.0) / seconds);
      }
    }
    if (entries != null) {
      System.out.println();
      System.out.println("| Under (outermost `" + entries + "` frame) | Share |");
      System.out.println("|---|---:|");
      byEntry.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(LIBRARIES_SHOWN)
          .forEach(
              e -> System.out.printf("| `%s` | %.1f %% |%n", e.getKey(), percent(e.getValue(), total)));
    }
  }

  /** The events of a thread that waits: for a monitor, in {@code Object.wait}, or parked. */
  private static final Set<String> WAITS =
      Set.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark");

  private static void addWait(
      RecordedEvent event, List<String> prefixes, Map<String, Double> waitedSeconds) {
    RecordedStackTrace stack = event.getStackTrace();
    if (stack == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (RecordedFrame frame : stack.getFrames()) {
      String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
      for (String prefix : prefixes) {
        if (method.startsWith(prefix) && seen.add(prefix)) {
          waitedSeconds.merge(prefix, event.getDuration().toMillis() / 1000.0, Double::sum);
        }
      }
    }
  }

  private static String library(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    String[] parts = type.split("\\.");
    if (parts.length <= LIBRARY_DEPTH) {
      return type;
    }
    return String.join(".", List.of(parts).subList(0, LIBRARY_DEPTH));
  }

  private static double percent(int part, int whole) {
    return 100.0 * part / whole;
  }
}
