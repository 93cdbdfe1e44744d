package no.bindeledd.web.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.RunningHub;

/**
 * The first performance measurement of the hub: the packaged hub on Payara Micro, a baseline of
 * what its CMS signing and verifying can do on this machine, then journeys J2 and J3 end to end
 * over HTTP with a few concurrent virtual users for a fixed time. Prints a report and exits
 * non-zero when too many conversations failed. Run through Maven: {@code ./mvnw -B -pl hub-web
 * -Pload verify}; see docs/benchmarks.md.
 */
public final class LoadGenerator {

  /** Exit status when more conversations failed than the settings allow. */
  static final int TOO_MANY_ERRORS = 1;

  /** Exit status when the run could not be made at all. */
  static final int RUN_FAILED = 2;

  private final PrintStream out;
  private final LoadSettings settings;
  private final Path buildDir;

  private LoadGenerator(PrintStream out, LoadSettings settings, Path buildDir) {
    this.out = out;
    this.settings = settings;
    this.buildDir = buildDir;
  }

  public static void main(String[] args) {
    // The report is this program's output, so it goes to standard output, not to a log.
    PrintStream out = System.out;
    int status;
    try {
      String buildDir = System.getProperty("hub.build.dir");
      if (buildDir == null) {
        throw new IllegalStateException("hub.build.dir is not set: run the load profile of Maven");
      }
      status = new LoadGenerator(out, LoadSettings.fromSystemProperties(), Path.of(buildDir)).run();
    } catch (RuntimeException e) {
      out.println("The load run failed: " + e);
      java.util.logging.Logger.getLogger(LoadGenerator.class.getName())
          .log(java.util.logging.Level.SEVERE, "the load run failed", e);
      status = RUN_FAILED;
    }
    out.flush();
    System.exit(status);
  }

  private int run() {
    Instant started = Instant.now();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    out.printf(
        Locale.ROOT,
        "Starting the hub; the run then takes at most %d s.%n",
        settings.bound().toSeconds());
    long booting = System.nanoTime();
    RunningHub hub = RunningHub.get();
    try {
      out.printf(Locale.ROOT, "Hub up in %.1f s at %s.%n", seconds(booting), hub.base());
      HubClient caseworker = hub.as(Demo.CASEWORKER);
      HubClient gp = hub.as(Demo.GP);

      long preparing = System.nanoTime();
      List<String> participants = prepareParticipants(caseworker);
      out.printf(
          Locale.ROOT,
          "Prepared %d participants with consent in %.1f s.%n",
          participants.size(),
          seconds(preparing));

      out.printf(
          Locale.ROOT,
          "Baseline: CMS sign and verify, %d s warm-up and %d s measured, 1 and 2 threads.%n",
          settings.baselineWarmup().toSeconds(),
          settings.baselineMeasured().toSeconds());
      ProcessorUse.Snapshot beforeBaseline = ProcessorUse.Snapshot.now();
      CryptoBaseline.Result baseline =
          CryptoBaseline.measure(buildDir, settings.baselineWarmup(), settings.baselineMeasured());
      ProcessorUse baselineUse = ProcessorUse.between(beforeBaseline, ProcessorUse.Snapshot.now());

      out.printf(
          Locale.ROOT,
          "End to end: %d users, %d s warm-up, %d s measured.%n",
          settings.users(),
          settings.warmup().toSeconds(),
          settings.measured().toSeconds());
      Run run = converse(caseworker, gp, participants);

      report(started, loadBefore, baseline, baselineUse, run);
      int status = verdict(run.seen());
      hub.stop();
      if (status == 0) {
        // Tens of megabytes a run; a failed run keeps its database to look into.
        try {
          CryptoBaseline.delete(hub.dataDir());
        } catch (java.io.UncheckedIOException e) {
          out.println("The hub's data folder stays: " + e.getMessage());
        }
      }
      return status;
    } finally {
      hub.stop();
    }
  }

  /** Registers the participants and records the GP office's consent for each: set-up only. */
  private List<String> prepareParticipants(HubClient caseworker) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < settings.participants(); i++) {
      Reply participant =
          caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
      if (participant.status() != 201) {
        throw new IllegalStateException("could not register a participant: " + participant);
      }
      String id = participant.json().getString("id");
      Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(id));
      if (consent.status() != 201) {
        throw new IllegalStateException("could not record a consent: " + consent);
      }
      ids.add(id);
    }
    return List.copyOf(ids);
  }

  /** What the virtual users saw, and the processor time spent in the measured window. */
  private record Run(Measurements seen, ProcessorUse use, double loadAtEnd) {}

  private Run converse(HubClient caseworker, HubClient gp, List<String> participants) {
    long measureStart = System.nanoTime() + settings.warmup().toNanos();
    long measureEnd = measureStart + settings.measured().toNanos();
    AtomicInteger nextParticipant = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(settings.users());
    List<Future<Measurements>> users = new ArrayList<>();
    for (int i = 0; i < settings.users(); i++) {
      users.add(
          pool.submit(
              new VirtualUser(
                  caseworker,
                  gp,
                  participants,
                  nextParticipant,
                  measureStart,
                  measureEnd,
                  settings)));
    }
    pool.shutdown();

    waitUntil(measureStart);
    ProcessorUse.Snapshot windowOpened = ProcessorUse.Snapshot.now();
    out.println("Warm-up done; measuring.");
    waitUntil(measureEnd);
    ProcessorUse use = ProcessorUse.between(windowOpened, ProcessorUse.Snapshot.now());
    double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    out.println("Measured window closed; letting conversations under way finish.");

    Measurements seen = new Measurements();
    try {
      if (!pool.awaitTermination(settings.drainLimit().toNanos(), TimeUnit.NANOSECONDS)) {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
    for (Future<Measurements> user : users) {
      if (!user.isDone() || user.isCancelled()) {
        seen.error("a virtual user did not finish in time", VirtualUser.MAX_ERROR_SAMPLES);
        continue;
      }
      try {
        seen.add(user.get(), VirtualUser.MAX_ERROR_SAMPLES);
      } catch (ExecutionException e) {
        seen.error("a virtual user failed: " + e.getCause(), VirtualUser.MAX_ERROR_SAMPLES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        seen.error("interrupted while collecting results", VirtualUser.MAX_ERROR_SAMPLES);
      }
    }
    return new Run(seen, use, loadAtEnd);
  }

  private int verdict(Measurements seen) {
    boolean tooMany =
        seen.conversations == 0
            || seen.usersStopped > 0
            || seen.errors > settings.maxErrorRate() * seen.attempts;
    if (tooMany) {
      out.printf(
          Locale.ROOT,
          "FAILED: %d errors in %d conversations (at most %.1f %% allowed).%n",
          seen.errors,
          seen.attempts,
          settings.maxErrorRate() * 100);
      return TOO_MANY_ERRORS;
    }
    return 0;
  }

  private void report(
      Instant started,
      double loadBefore,
      CryptoBaseline.Result baseline,
      ProcessorUse baselineUse,
      Run run) {
    Measurements seen = run.seen();
    double window = settings.measured().toNanos() / 1e9;
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    Runtime runtime = Runtime.getRuntime();

    out.println();
    out.println("=== Bindeledd load run, " + started.truncatedTo(ChronoUnit.SECONDS) + " ===");
    out.println();
    out.println("Machine");
    row("processors", String.valueOf(runtime.availableProcessors()));
    cpuModel().ifPresent(model -> row("processor model", model));
    physicalMemory(os).ifPresent(bytes -> row("memory", mebibytes(bytes)));
    row("operating system", os.getName() + " " + os.getVersion() + " " + os.getArch());
    row(
        "Java",
        System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ", "
            + System.getProperty("java.vm.vendor")
            + ")");
    row("generator max heap", mebibytes(runtime.maxMemory()));
    row("hub JVM options", hubHeapOption().orElse("unknown") + ", on the same machine");
    row(
        "load average, 1 min",
        String.format(
            Locale.ROOT,
            "%.2f before the run, %.2f at the end of the window",
            loadBefore,
            run.loadAtEnd()));

    out.println();
    out.println("Configuration");
    row("virtual users", String.valueOf(settings.users()));
    row(
        "warm-up / measured",
        settings.warmup().toSeconds() + " s / " + settings.measured().toSeconds() + " s");
    row("participants (round robin)", String.valueOf(settings.participants()));
    row("status poll by the users", settings.statusPoll().toMillis() + " ms");
    row("hub outbox poll interval", "100 ms (hub.outbox.poll-interval=PT0.1S)");
    row("step timeout", settings.stepTimeout().toSeconds() + " s");

    out.println();
    out.printf(
        Locale.ROOT,
        "Baseline: CMS SignedData, SHA256withRSA, RSA-2048 agency key, %d-byte envelope,"
            + " %d-byte signed message%n",
        baseline.envelopeBytes(),
        baseline.signedBytes());
    row("sign, 1 thread", rate(baseline.sign1()));
    row("sign, 2 threads", rate(baseline.sign2()));
    row("verify, 1 thread", rate(baseline.verify1()));
    row("verify, 2 threads", rate(baseline.verify2()));
    baselineUse
        .others()
        .ifPresent(others -> row("other processes, idle hub included", ProcessorUse.cores(others)));

    out.println();
    out.println("End to end: J2 request and J3 answer over HTTP");
    row(
        "conversations completed",
        seen.conversations + " (" + rate(seen.conversations / window) + ")");
    row("messages (2 per conversation)", rate(2 * seen.conversations / window));
    row("status polls", rate(seen.statusPolls / window));
    row("conversations attempted, whole run", String.valueOf(seen.attempts));
    row("errors, whole run", String.valueOf(seen.errors));
    run.use().hub().ifPresent(hub -> row("hub processor use", ProcessorUse.cores(hub)));
    run.use()
        .hubCompiler()
        .ifPresent(
            compiler -> row("  of which JIT compiler threads", ProcessorUse.cores(compiler)));
    row("generator processor use", ProcessorUse.cores(run.use().generator()));
    run.use()
        .others()
        .ifPresent(others -> row("other processes on the machine", ProcessorUse.cores(others)));

    out.println();
    out.printf(
        Locale.ROOT,
        "  %-40s %8s %9s %9s %9s %9s%n",
        "latency (ms)",
        "count",
        "p50",
        "p90",
        "p99",
        "max");
    latency("request POST", seen.requestPost);
    latency("request delivered (GP office sees it)", seen.requestDelivered);
    latency("answer POST", seen.answerPost);
    latency("answer delivered (caseworker sees it)", seen.answerDelivered);
    latency("answer GET", seen.answerGet);
    latency("conversation, end to end", seen.conversation);

    out.println();
    out.println(
        "Delivery waits include up to 100 ms of the hub's outbox polling and up to "
            + settings.statusPoll().toMillis()
            + " ms of the users' status polling; the end-to-end time holds two of each.");
    hubLogCounts().ifPresent(counts -> row("hub log (target/it-hub.log)", counts));
    for (String sample : seen.errorSamples) {
      out.println("  error: " + sample);
    }
    if (seen.usersStopped > 0) {
      out.println("  " + seen.usersStopped + " virtual users stopped after repeated failures");
    }
    out.println();
  }

  private void row(String name, String value) {
    out.printf(Locale.ROOT, "  %-40s %s%n", name, value);
  }

  private void latency(String name, Latencies latencies) {
    if (latencies.count() == 0) {
      out.printf(Locale.ROOT, "  %-40s %8d%n", name, 0);
      return;
    }
    out.printf(
        Locale.ROOT,
        "  %-40s %8d %9.1f %9.1f %9.1f %9.1f%n",
        name,
        latencies.count(),
        latencies.percentileMillis(50),
        latencies.percentileMillis(90),
        latencies.percentileMillis(99),
        latencies.maxMillis());
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.1f/s", perSecond);
  }

  private static String mebibytes(long bytes) {
    return (bytes >> 20) + " MiB";
  }

  private static double seconds(long sinceNanoTime) {
    return (System.nanoTime() - sinceNanoTime) / 1e9;
  }

  /** Waits for a moment on the {@link System#nanoTime()} clock; the users run meanwhile. */
  private static void waitUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private static Optional<String> hubHeapOption() {
    return ProcessorUse.hubProcess()
        .flatMap(hub -> hub.info().arguments())
        .flatMap(arguments -> Stream.of(arguments).filter(a -> a.startsWith("-Xmx")).findFirst());
  }

  private static Optional<Long> physicalMemory(OperatingSystemMXBean os) {
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return Optional.of(sun.getTotalMemorySize());
    }
    return Optional.empty();
  }

  private static Optional<String> cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return Optional.empty();
    }
    try (BufferedReader reader = Files.newBufferedReader(cpuinfo, StandardCharsets.UTF_8)) {
      return reader
          .lines()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** How many warnings and severe errors the hub logged during the run. */
  private Optional<String> hubLogCounts() {
    Path log = buildDir.resolve("it-hub.log");
    if (!Files.isReadable(log)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      long[] counts = new long[2];
      lines.forEach(
          line -> {
            if (line.contains("SEVERE")) {
              counts[0]++;
            } else if (line.contains("WARNING")) {
              counts[1]++;
            }
          });
      return Optional.of(counts[0] + " SEVERE, " + counts[1] + " WARNING lines");
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
