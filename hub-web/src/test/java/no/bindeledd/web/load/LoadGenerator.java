package no.bindeledd.web.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.RunningHub;
import no.bindeledd.web.load.LoadSettings.Phase;

/**
 * The load run of the hub: the packaged hub on Payara Micro and, in one run, the phases the
 * settings name. A baseline of what its CMS signing and verifying can do on this machine; intake in
 * a closed loop at a few numbers of connections, with the drain after each; the sustained
 * end-to-end rate in an open loop, at rates derived from the baseline and at a fixed one; and
 * journeys J2 and J3 by virtual users, as the first measurement had them. Deliveries are seen on
 * the sending agency's live stream. Prints the figures as Markdown tables, with the goals beside
 * them, and exits non-zero when it could not measure; a missed goal is reported, not a failure. Run
 * through Maven: {@code ./mvnw -B -pl hub-web -am -Pload verify}; see docs/benchmarks.md.
 */
public final class LoadGenerator {

  /** Exit status when more requests or conversations failed than the settings allow. */
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

  /** What the run measured, phase by phase; a phase not run is empty. */
  private static final class Results {
    Optional<CryptoBaseline.Result> baseline = Optional.empty();
    final List<PhaseUse> uses = new ArrayList<>();
    final List<IntakePhase.Level> levels = new ArrayList<>();
    final List<SustainedPhase.Rate> rates = new ArrayList<>();
    Optional<Conversations> conversations = Optional.empty();
    long streamEvents;
    long streamGaps;
    int questionBytes;
    double loadAtEnd;
  }

  /** Processor use and resident memory of one phase's window. */
  private record PhaseUse(String phase, ProcessorUse use, PhaseSampler.Window sampled) {}

  /** What the virtual users saw, and the processor time spent in the measured window. */
  private record Conversations(Measurements seen, ProcessorUse use) {}

  private int run() {
    Instant started = Instant.now();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    out.printf(
        Locale.ROOT,
        "Starting the hub; the phases (%s) then take at most %d s.%n",
        phaseNames(),
        settings.bound().toSeconds());
    long booting = System.nanoTime();
    RunningHub hub = startHub();
    try (PhaseSampler sampler = new PhaseSampler(hub.pid())) {
      out.printf(Locale.ROOT, "Hub up in %.1f s at %s.%n", seconds(booting), hub.base());
      HubClient caseworker = hub.as(Demo.CASEWORKER);
      HubClient gp = hub.as(Demo.GP);

      long preparing = System.nanoTime();
      List<String> participants = prepareParticipants(caseworker);
      out.printf(
          Locale.ROOT,
          "Prepared %d participants with the GP office's consent in %.1f s.%n",
          participants.size(),
          seconds(preparing));

      Results results = new Results();
      if (settings.runs(Phase.BASELINE)) {
        baseline(sampler, results);
      }
      if (settings.runs(Phase.INTAKE) || settings.runs(Phase.SUSTAINED)) {
        requests(hub, caseworker, participants, sampler, results);
      }
      if (settings.runs(Phase.CONVERSATIONS)) {
        out.printf(
            Locale.ROOT,
            "Conversations: %d users, %d s warm-up, %d s measured.%n",
            settings.users(),
            settings.warmup().toSeconds(),
            settings.measured().toSeconds());
        results.conversations =
            Optional.of(converse(caseworker, gp, participants, sampler, results));
      }
      results.loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

      report(hub, started, loadBefore, results);
      int status = verdict(results);
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

  /**
   * The hub as the system tests start it, with the further JVM options the settings give; stopped
   * when the run ends, or when this JVM is stopped.
   */
  /**
   * The delivery settings as a deployed hub has them by default. The system tests' hub shortens
   * them so that a test can watch a request expire or a retry come round; under load that would
   * expire requests still waiting in a backlog instead of delivering them, and poll the outbox more
   * often than a deployed hub does.
   */
  private static final List<String> AS_DEPLOYED =
      List.of(
          "-Dhub.delivery.lifetime.request=P14D",
          "-Dhub.delivery.expiry-check-interval=PT30S",
          "-Dhub.delivery.first-retry-delay=PT0.5S",
          "-Dhub.delivery.retry.first-delay=PT5S",
          "-Dhub.delivery.retry.max-delay=PT10M",
          "-Dhub.outbox.poll-interval=PT0.25S");

  private RunningHub startHub() {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory(buildDir, "it-hub-data-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("no data folder for the hub", e);
    }
    List<String> options = new ArrayList<>(AS_DEPLOYED);
    options.addAll(settings.hubOptions());
    RunningHub hub = RunningHub.start(dataDir, options);
    Runtime.getRuntime().addShutdownHook(new Thread(hub::stop, "stop-hub"));
    return hub;
  }

  private void baseline(PhaseSampler sampler, Results results) {
    out.printf(
        Locale.ROOT,
        "Baseline: CMS sign and verify, %d s warm-up and %d s measured, 1 and 2 threads.%n",
        settings.baselineWarmup().toSeconds(),
        settings.baselineMeasured().toSeconds());
    PhaseSampler.Window sampled = sampler.open("baseline (hub idle)", null);
    ProcessorUse.Snapshot before = ProcessorUse.Snapshot.now();
    results.baseline =
        Optional.of(
            CryptoBaseline.measure(
                buildDir, settings.baselineWarmup(), settings.baselineMeasured()));
    results.uses.add(
        new PhaseUse(
            "baseline (hub idle)",
            ProcessorUse.between(before, ProcessorUse.Snapshot.now()),
            sampled));
    sampler.close(sampled);
  }

  /** The intake and sustained phases: both post requests and see them delivered on the stream. */
  private void requests(
      RunningHub hub,
      HubClient caseworker,
      List<String> participants,
      PhaseSampler sampler,
      Results results) {
    DeliveryLedger ledger = new DeliveryLedger();
    RequestPoster poster =
        new RequestPoster(
            hub.base(),
            caseworker.token(),
            participants,
            settings.questionBytes(),
            settings.stepTimeout());
    results.questionBytes = poster.questionBytes();
    try (DeliveryWatch watch = DeliveryWatch.open(hub.base(), caseworker.token(), ledger)) {
      if (settings.runs(Phase.INTAKE)) {
        IntakePhase intake = new IntakePhase(poster, ledger, watch, sampler, settings);
        boolean first = true;
        for (int connections : settings.intakeConnections()) {
          Duration warmup = first ? settings.intakeWarmup() : Duration.ZERO;
          first = false;
          out.printf(
              Locale.ROOT,
              "Intake: %d connections, %d s warm-up, %d s measured, then the drain.%n",
              connections,
              warmup.toSeconds(),
              settings.intakeMeasured().toSeconds());
          IntakePhase.Level level = intake.run(connections, warmup);
          results.levels.add(level);
          results.uses.add(new PhaseUse(level.sampled().name, level.use(), level.sampled()));
        }
      }
      if (settings.runs(Phase.SUSTAINED)) {
        SustainedPhase sustained = new SustainedPhase(poster, ledger, watch, sampler, settings);
        for (RateToRun rate : ratesToRun(results.baseline)) {
          out.printf(
              Locale.ROOT,
              "Sustained: %.1f requests/s (%s), %d s warm-up, %d s measured, then the drain.%n",
              rate.perSecond(),
              rate.label(),
              settings.sustainedWarmup().toSeconds(),
              settings.sustainedMeasured().toSeconds());
          SustainedPhase.Rate run = sustained.run(rate.label(), rate.perSecond(), rate.share());
          results.rates.add(run);
          results.uses.add(new PhaseUse(run.label(), run.use(), run.sampled()));
        }
      }
      results.streamEvents = watch.events();
      results.streamGaps = watch.gaps();
    }
    ledger.forgetUntracked();
  }

  private record RateToRun(String label, double perSecond, Optional<Double> share) {}

  private List<RateToRun> ratesToRun(Optional<CryptoBaseline.Result> baseline) {
    List<RateToRun> rates = new ArrayList<>();
    if (settings.goalRates()) {
      double sign2 = baseline.orElseThrow().sign2();
      for (double share : List.of(Goals.RATE_SHARE, Goals.LATENCY_SHARE)) {
        rates.add(
            new RateToRun(
                String.format(Locale.ROOT, "sustained, %.0f %% of sign rate", share * 100),
                share * sign2,
                Optional.of(share)));
      }
    }
    if (settings.fixedRate() > 0) {
      rates.add(
          new RateToRun(
              String.format(Locale.ROOT, "sustained, %.1f/s", settings.fixedRate()),
              settings.fixedRate(),
              Optional.empty()));
    }
    return rates;
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

  private Conversations converse(
      HubClient caseworker,
      HubClient gp,
      List<String> participants,
      PhaseSampler sampler,
      Results results) {
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

    IntakePhase.waitUntil(measureStart);
    PhaseSampler.Window sampled = sampler.open("conversations, users: " + settings.users(), null);
    ProcessorUse.Snapshot windowOpened = ProcessorUse.Snapshot.now();
    IntakePhase.waitUntil(measureEnd);
    ProcessorUse use = ProcessorUse.between(windowOpened, ProcessorUse.Snapshot.now());
    sampler.close(sampled);
    results.uses.add(new PhaseUse(sampled.name, use, sampled));

    Measurements seen = new Measurements();
    try {
      if (!pool.awaitTermination(
          settings.conversationDrainLimit().toNanos(), TimeUnit.NANOSECONDS)) {
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
    return new Conversations(seen, use);
  }

  /**
   * Whether the run measured: not too many errors other than refusals in any phase, and something
   * delivered in every phase that posts. Goals do not count here.
   */
  private int verdict(Results results) {
    List<String> failures = new ArrayList<>();
    double limit = settings.maxErrorRate();
    for (IntakePhase.Level level : results.levels) {
      String name = "intake at " + level.connections() + " connections";
      if (level.wholeLevel().errorCount() > limit * level.attempts()) {
        failures.add(
            name + ": " + level.wholeLevel().errorCount() + " errors in " + level.attempts());
      }
      if (level.tally().delivered() == 0) {
        failures.add(name + ": nothing delivered");
      }
    }
    for (SustainedPhase.Rate rate : results.rates) {
      if (rate.wholeRun().errorCount() > limit * rate.posts()) {
        failures.add(
            rate.label() + ": " + rate.wholeRun().errorCount() + " errors in " + rate.posts());
      }
      if (rate.tally().delivered() == 0) {
        failures.add(rate.label() + ": nothing delivered");
      }
    }
    results.conversations.ifPresent(
        c -> {
          Measurements seen = c.seen();
          if (seen.conversations == 0
              || seen.usersStopped > 0
              || seen.errors > limit * seen.attempts) {
            failures.add(
                "conversations: "
                    + seen.errors
                    + " errors in "
                    + seen.attempts
                    + (seen.usersStopped > 0 ? ", " + seen.usersStopped + " users stopped" : ""));
          }
        });
    if (failures.isEmpty()) {
      return 0;
    }
    out.printf(
        Locale.ROOT,
        "FAILED to measure (at most %.1f %% errors other than refusals allowed):%n",
        limit * 100);
    failures.forEach(f -> out.println("  " + f));
    return TOO_MANY_ERRORS;
  }

  private void report(RunningHub hub, Instant started, double loadBefore, Results results) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    Runtime runtime = Runtime.getRuntime();

    out.println();
    out.println("## Load run, " + started.truncatedTo(ChronoUnit.SECONDS));
    out.println();
    out.println("### Machine and settings");
    out.println();
    MarkdownTable machine = MarkdownTable.ofText("Item", "Value");
    machine.row("processors", String.valueOf(runtime.availableProcessors()));
    cpuModel().ifPresent(model -> machine.row("processor model", model));
    physicalMemory(os).ifPresent(bytes -> machine.row("memory", mebibytes(bytes)));
    machine.row("operating system", os.getName() + " " + os.getVersion() + " " + os.getArch());
    machine.row(
        "Java",
        System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ", "
            + System.getProperty("java.vm.vendor")
            + ")");
    machine.row(
        "hub",
        "JVM options "
            + hubJvmOptions().orElse("unknown")
            + ", on the same machine; delivery settings as deployed (outbox poll PT0.25S, requests live P14D)");
    machine.row("generator max heap", mebibytes(runtime.maxMemory()));
    machine.row(
        "load average, 1 min",
        String.format(
            Locale.ROOT, "%.2f before the run, %.2f at the end", loadBefore, results.loadAtEnd));
    machine.row("phases", phaseNames());
    machine.row("properties given", givenProperties());
    machine.row("participants (round robin, each with a consent)", "" + settings.participants());
    if (!results.levels.isEmpty() || !results.rates.isEmpty()) {
      machine.row(
          "request",
          "POST /api/requests to the GP office's in-hub inbox, question of "
              + results.questionBytes
              + " bytes");
      machine.row(
          "deliveries seen",
          "on the caseworker's live stream: "
              + results.streamEvents
              + " message events, "
              + results.streamGaps
              + " gaps (snapshots or reconnects)");
    }
    machine.print(out);

    results.baseline.ifPresent(this::reportBaseline);
    if (!results.levels.isEmpty()) {
      reportIntake(results.levels);
    }
    if (!results.rates.isEmpty()) {
      reportSustained(results.rates);
    }
    reportGoals(results);
    reportUse(results.uses);
    results.conversations.ifPresent(this::reportConversations);
    hubLogCounts(hub).ifPresent(counts -> out.println("The hub's log: " + counts + "."));
    out.println();
  }

  private void reportBaseline(CryptoBaseline.Result baseline) {
    out.printf(
        Locale.ROOT,
        "### Baseline: CMS SignedData, SHA256withRSA, RSA-2048 agency key, %d-byte envelope,"
            + " %d-byte signed message, %d s after %d s of warm-up%n%n",
        baseline.envelopeBytes(),
        baseline.signedBytes(),
        settings.baselineMeasured().toSeconds(),
        settings.baselineWarmup().toSeconds());
    MarkdownTable.ofFigures("Figure", "Value")
        .row("CMS sign, 1 thread", perSecond(baseline.sign1()))
        .row("CMS sign, 2 threads", perSecond(baseline.sign2()))
        .row("CMS verify, 1 thread", perSecond(baseline.verify1()))
        .row("CMS verify, 2 threads", perSecond(baseline.verify2()))
        .print(out);
  }

  private void reportIntake(List<IntakePhase.Level> levels) {
    IntakePhase.Level first = levels.get(0);
    out.printf(
        Locale.ROOT,
        "### Intake, closed loop: %d s warm-up before the first level, %d s measured at each%n%n",
        first.warmup().toSeconds(),
        first.measured().toSeconds());
    MarkdownTable table =
        MarkdownTable.ofFigures(
            "Connections",
            "Accepted/s",
            "POST p50 (ms)",
            "POST p99 (ms)",
            "POST max (ms)",
            "Refused (503)",
            "Errors by status",
            "Drain (s)",
            "Newcomer delivered after (ms)");
    for (IntakePhase.Level level : levels) {
      Latencies post = level.acceptedPost();
      table.row(
          String.valueOf(level.connections()),
          oneDecimal(level.acceptedPerSecond()),
          millis(post, 50),
          millis(post, 99),
          millis(post, 100),
          String.valueOf(level.inWindow().refusedCount()),
          level.inWindow().errorsByStatus(),
          drain(level.drain()),
          level
              .probe()
              .delivery()
              .map(d -> oneDecimal(d.toNanos() / 1e6))
              .orElse(level.probe().note()));
    }
    table.print(out);
    out.println(
        "Accepted/s and the POST latencies count the requests answered 201 in the window;"
            + " refusals and errors those answered in it. Drain: from the end of the window until"
            + " every request accepted so far was delivered. Newcomer: one request sent as the"
            + " window closed, from its POST to its delivery.");
    for (IntakePhase.Level level : levels) {
      if (level.drain().statusReads() > 0 || level.tally().byStatusRead() > 0) {
        out.printf(
            Locale.ROOT,
            "At %d connections %d statuses were read after gaps in the stream; %d deliveries"
                + " were timed from them.%n",
            level.connections(),
            level.drain().statusReads(),
            level.tally().byStatusRead());
      }
      level.wholeLevel().samples().forEach(s -> out.println("Error at intake: " + s));
    }
    out.println();
  }

  private void reportSustained(List<SustainedPhase.Rate> rates) {
    out.printf(
        Locale.ROOT,
        "### Sustained, open loop: %d s at the rate before %d s measured, %d senders%n%n",
        settings.sustainedWarmup().toSeconds(),
        settings.sustainedMeasured().toSeconds(),
        settings.senders());
    MarkdownTable volume =
        MarkdownTable.ofFigures(
            "Rate",
            "Offered/s",
            "Scheduled",
            "Accepted",
            "Refused (503)",
            "Held back",
            "Not sent",
            "Errors by status",
            "Delivered",
            "Delivered/s in window",
            "Backlog first → last (slope/s)",
            "Delivery kept up");
    MarkdownTable latency =
        MarkdownTable.ofFigures(
            "Rate",
            "Request to delivery p50 (ms)",
            "p99 (ms)",
            "max (ms)",
            "POST from intended p50 (ms)",
            "p99 (ms)",
            "POST service p99 (ms)",
            "Drain (s)");
    for (SustainedPhase.Rate rate : rates) {
      Goals.OpenLoopOutcome outcome = rate.outcome();
      Backlog backlog = rate.sampled().backlog;
      volume.row(
          rate.label(),
          oneDecimal(rate.perSecond()),
          String.valueOf(rate.scheduled()),
          String.valueOf(rate.tally().accepted()),
          String.valueOf(rate.inWindow().refusedCount()),
          String.valueOf(rate.heldBack()),
          String.valueOf(rate.notSent()),
          rate.inWindow().errorsByStatus(),
          String.valueOf(rate.tally().delivered()),
          oneDecimal(rate.deliveredPerSecond()),
          String.format(
              Locale.ROOT,
              "%d → %d (%+.1f)",
              backlog.first(),
              backlog.last(),
              backlog.slopePerSecond()),
          outcome.deliveryKeptUp() ? "yes" : "no");
      Latencies endToEnd = rate.tally().endToEnd();
      latency.row(
          rate.label(),
          millis(endToEnd, 50),
          millis(endToEnd, 99),
          millis(endToEnd, 100),
          millis(rate.postFromIntended(), 50),
          millis(rate.postFromIntended(), 99),
          millis(rate.postService(), 99),
          drain(rate.drain()));
    }
    volume.print(out);
    latency.print(out);
    out.println(
        "Scheduled, accepted and the latencies count the requests whose intended send time fell"
            + " in the window; delivered, those of them delivered by the end of the drain."
            + " Latencies count from the intended send time. Held back: not sent because the hub"
            + " had asked to wait (Retry-After); not sent: no sender free within "
            + settings.lateSendLimit().toSeconds()
            + " s of the intended time. Backlog: requests due and not yet delivered, sampled each"
            + " second; delivery kept up when its slope stayed within 1 % of the rate and"
            + " everything accepted was delivered by the end of the drain.");
    for (SustainedPhase.Rate rate : rates) {
      out.printf(
          Locale.ROOT,
          "Delivered kept up with accepted at %s: %s (backlog slope %+.1f/s, %.1f/s allowed;"
              + " %d accepted, %d delivered by the end of the drain).%n",
          rate.label(),
          rate.outcome().deliveryKeptUp() ? "yes" : "no",
          rate.sampled().backlog.slopePerSecond(),
          0.01 * rate.perSecond(),
          rate.tally().accepted(),
          rate.tally().delivered());
      rate.wholeRun().samples().forEach(s -> out.println("Error, " + rate.label() + ": " + s));
    }
    out.println();
  }

  private void reportGoals(Results results) {
    double sign2 = results.baseline.map(CryptoBaseline.Result::sign2).orElse(0.0);
    Optional<Goals.OpenLoopOutcome> atRate = outcomeAtShare(results, Goals.RATE_SHARE);
    Optional<Goals.OpenLoopOutcome> atLatency = outcomeAtShare(results, Goals.LATENCY_SHARE);
    Optional<Long> peak =
        results.uses.stream()
            .filter(u -> !u.phase().startsWith("baseline"))
            .map(u -> u.sampled().memory)
            .filter(m -> m.count() > 0)
            .map(ResidentMemory.Samples::highWaterBytes)
            .max(Long::compare);
    out.println("### Goals");
    out.println();
    MarkdownTable table = MarkdownTable.ofText("Goal", "Measured", "Outcome");
    for (Goals.Verdict verdict :
        List.of(
            Goals.sustainedRate(atRate, sign2),
            Goals.latency(atLatency, sign2),
            Goals.memory(peak))) {
      table.row(verdict.goal(), verdict.measured(), verdict.outcome());
    }
    table.print(out);
    out.println(
        "A rate is carried when at least "
            + Math.round((1 - Goals.UNACCEPTED_SHARE) * 100)
            + " % of the requests scheduled in the window were accepted and delivery kept up.");
    out.println();
  }

  private static Optional<Goals.OpenLoopOutcome> outcomeAtShare(Results results, double share) {
    return results.rates.stream()
        .filter(r -> r.share().isPresent() && r.share().get() == share)
        .map(SustainedPhase.Rate::outcome)
        .findFirst();
  }

  private void reportUse(List<PhaseUse> uses) {
    if (uses.isEmpty()) {
      return;
    }
    out.println("### Processor use and resident memory of the hub, by measured window");
    out.println();
    MarkdownTable table =
        MarkdownTable.ofFigures(
            "Window",
            "Hub processors",
            "of which JIT",
            "Generator",
            "Other processes",
            "Hub RSS mean (MiB)",
            "RSS peak (MiB)",
            "VmHWM (MiB)");
    for (PhaseUse use : uses) {
      ResidentMemory.Samples memory = use.sampled().memory;
      boolean sampled = memory.count() > 0;
      table.row(
          use.phase(),
          use.use().hub().map(LoadGenerator::twoDecimals).orElse("n/a"),
          use.use().hubCompiler().map(LoadGenerator::twoDecimals).orElse("n/a"),
          twoDecimals(use.use().generator()),
          use.use().others().map(LoadGenerator::twoDecimals).orElse("n/a"),
          sampled ? String.valueOf(memory.meanBytes() >> 20) : "n/a",
          sampled ? String.valueOf(memory.peakBytes() >> 20) : "n/a",
          sampled ? String.valueOf(memory.highWaterBytes() >> 20) : "n/a");
    }
    table.print(out);
    out.println(
        "Processors of "
            + ProcessorUse.processors()
            + "; RSS sampled once a second from /proc in each window; VmHWM is the hub's peak"
            + " resident memory since it started, as of the window's end.");
    out.println();
  }

  private void reportConversations(Conversations conversations) {
    Measurements seen = conversations.seen();
    double window = settings.measured().toNanos() / 1e9;
    out.printf(
        Locale.ROOT,
        "### Conversations (J2 request and J3 answer): users: %d, %d s warm-up, %d s measured,"
            + " status polled every %d ms%n%n",
        settings.users(),
        settings.warmup().toSeconds(),
        settings.measured().toSeconds(),
        settings.statusPoll().toMillis());
    MarkdownTable.ofFigures("Figure", "Value")
        .row(
            "Conversations completed in the window",
            String.format(
                Locale.ROOT, "%d (%s)", seen.conversations, perSecond(seen.conversations / window)))
        .row("Messages end to end", perSecond(2 * seen.conversations / window))
        .row("Status polls by the users", perSecond(seen.statusPolls / window))
        .row("Failed conversations", seen.errors + " of " + seen.attempts + " attempted")
        .print(out);
    MarkdownTable latency = MarkdownTable.ofFigures("Step", "count", "p50", "p90", "p99", "max");
    latencyRow(latency, "Request POST", seen.requestPost);
    latencyRow(latency, "Request delivered (GP office sees it)", seen.requestDelivered);
    latencyRow(latency, "Answer POST", seen.answerPost);
    latencyRow(latency, "Answer delivered (caseworker sees it)", seen.answerDelivered);
    latencyRow(latency, "Answer GET", seen.answerGet);
    latencyRow(latency, "Conversation end to end", seen.conversation);
    out.println("Latency, milliseconds:");
    out.println();
    latency.print(out);
    for (String sample : seen.errorSamples) {
      out.println("Error in a conversation: " + sample);
    }
    if (seen.usersStopped > 0) {
      out.println(seen.usersStopped + " virtual users stopped after repeated failures.");
    }
  }

  private static void latencyRow(MarkdownTable table, String name, Latencies latencies) {
    table.row(
        name,
        String.valueOf(latencies.count()),
        millis(latencies, 50),
        millis(latencies, 90),
        millis(latencies, 99),
        millis(latencies, 100));
  }

  private static String millis(Latencies latencies, double percentage) {
    if (latencies.count() == 0) {
      return "–";
    }
    return oneDecimal(latencies.percentileMillis(percentage));
  }

  private String drain(Drain drain) {
    return drain
        .emptyAfter()
        .map(d -> String.format(Locale.ROOT, "%.2f", d.toNanos() / 1e9))
        .orElse(
            "not empty after "
                + settings.drainLimit().toSeconds()
                + " s: "
                + drain.undeliveredAtLimit()
                + " waiting");
  }

  private String phaseNames() {
    return settings.phases().stream().sorted().map(Phase::label).collect(Collectors.joining(", "));
  }

  /** The load properties this run was given, as the command line gave them to Maven. */
  private static String givenProperties() {
    TreeMap<String, String> given = new TreeMap<>();
    System.getProperties()
        .forEach(
            (key, value) -> {
              String name = String.valueOf(key);
              if (name.startsWith("load.")) {
                given.put(name, String.valueOf(value));
              }
            });
    return given.entrySet().stream()
        .map(e -> "`-D" + e.getKey() + "=" + e.getValue() + "`")
        .collect(Collectors.joining(" "));
  }

  private static String perSecond(double perSecond) {
    return String.format(Locale.ROOT, "%,.1f per second", perSecond);
  }

  private static String oneDecimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String twoDecimals(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String mebibytes(long bytes) {
    return (bytes >> 20) + " MiB";
  }

  private static double seconds(long sinceNanoTime) {
    return (System.nanoTime() - sinceNanoTime) / 1e9;
  }

  /** The hub's {@code -X} options (heap, collector, compilers) as its process was started. */
  private static Optional<String> hubJvmOptions() {
    return ProcessorUse.hubProcess()
        .flatMap(hub -> hub.info().arguments())
        .map(
            arguments ->
                Stream.of(arguments)
                    .filter(a -> a.startsWith("-X"))
                    .map(a -> "`" + a + "`")
                    .collect(Collectors.joining(" ")));
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
  private static Optional<String> hubLogCounts(RunningHub hub) {
    String log;
    try {
      log = hub.log();
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
    long[] counts = new long[2];
    log.lines()
        .forEach(
            line -> {
              if (line.contains("SEVERE")) {
                counts[0]++;
              } else if (line.contains("WARNING")) {
                counts[1]++;
              }
            });
    return Optional.of(counts[0] + " SEVERE, " + counts[1] + " WARNING lines");
  }
}
