package no.bindeledd.web.drills;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.bindeledd.connectors.gp.format.DialogAnswer;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.web.drills.EmbeddedDatabase.StoredMessage;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.PayaraHub;
import no.bindeledd.web.it.RunningHub;
import no.bindeledd.web.it.Simulators;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The hub killed with SIGKILL under load, again and again, on the same data folder and ports. At
 * each kill every kind of work is in flight: caseworkers' requests being accepted, deliveries to
 * the GP office that reads its messages in the hub's inbox and to the GP office whose system takes
 * them over HTTP, that office's answers (Dialogmelding) coming in, and checkpoints being signed.
 * The kill comes at a random moment (from a seed the test prints). After each kill:
 *
 * <ul>
 *   <li>on disk, before the restart: every message is whole (audited as sent, in the outbox while
 *       it waits, recorded delivered at most once), and every message a client was given a 2xx for
 *       is there;
 *   <li>after the restart: each acknowledged request reaches its recipient once, counted where it
 *       arrives (the office's system by MsgId, the inbox by the list the GP sees), and each answer
 *       the office was given a receipt for is in the caseworker's inbox once;
 *   <li>the hub signs a new checkpoint, and the auditor's offline verifier proves the export
 *       extends the checkpoint she saved before the kill.
 * </ul>
 *
 * <p>{@code -Ddrills.kills=N} sets the number of kills (default 2), {@code -Ddrills.seed=S} the
 * seed; the figures are printed and written to {@code target/drills/crash-drill-figures.txt}.
 */
class CrashDrillIT {

  private static final int KILLS = Integer.getInteger("drills.kills", 2);
  private static final long SEED = Long.getLong("drills.seed", System.currentTimeMillis());

  /**
   * After this long no further kill begins ({@code -Ddrills.minutes}, default none): on a busy
   * machine the drill then reports the kills it made instead of running on past a deadline.
   */
  private static final Duration BUDGET =
      Duration.ofMinutes(Long.getLong("drills.minutes", Long.MAX_VALUE / 120));

  private static final int PARTICIPANTS = 4;
  private static final int LOAD_THREADS = 3;

  /**
   * A delivery the killed hub had claimed waits out the claim (two minutes by default) before the
   * restarted hub takes it again; a short one keeps the drill short. Requests live an hour, not the
   * test hub's 30 s, so that none expires while the hub restarts on a busy machine.
   */
  private static final List<String> HUB_PROPERTIES =
      List.of("-Dhub.outbox.claim-lease=PT15S", "-Dhub.delivery.lifetime.request=PT1H");

  /** The longest wait for the hub to recover and deliver what it owes after a restart. */
  private static final Duration RECOVERY = Duration.ofMinutes(2);

  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final AtomicInteger refusedDuringLoad = new AtomicInteger();
  private final Set<String> confirmedDelivered = new HashSet<>();
  private final List<String> figures = new ArrayList<>();
  private int kills;

  @Test
  void aHubKilledUnderLoadLosesNothingAcknowledgedDeliversNothingTwiceAndVerifies()
      throws Exception {
    Random random = new Random(SEED);
    log("crash drill: " + KILLS + " kills, seed " + SEED + " (-Ddrills.seed=" + SEED + ")");
    Path target = Path.of(PayaraHub.required("hub.build.dir"));
    Path dataDir = Files.createTempDirectory(target, "crash-drill-");
    Path work = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-notes"));
    RunningHub.Ports ports = RunningHub.Ports.free();
    RunningHub hub = RunningHub.start(dataDir, ports, HUB_PROPERTIES, List.of());
    Simulators simulators = Simulators.start(hub.base(), dataDir, ports.simulators(), ports.smtp());
    List<Duration> recoveries = new ArrayList<>();
    List<Duration> catchUps = new ArrayList<>();
    try {
      HubClient caseworker = hub.as(Demo.CASEWORKER);
      List<String> participants = new ArrayList<>();
      for (int i = 0; i < PARTICIPANTS; i++) {
        participants.add(consentingParticipant(caseworker));
      }
      Instant began = Instant.now();
      for (int kill = 1; kill <= KILLS; kill++) {
        if (kill > 1 && Duration.between(began, Instant.now()).compareTo(BUDGET) > 0) {
          log("the time budget of " + BUDGET + " is spent; " + (kill - 1) + " kills made");
          break;
        }
        kills = kill;
        HubClient auditor = hub.as(Demo.AUDITOR);
        int acknowledgedBefore = acknowledged.size();
        Set<String> checkedBefore = Set.copyOf(acknowledged.keySet());
        Set<String> answeredBefore = answeredRequests(simulators);
        int atOfficeBefore = simulators.httpOffice.requests().size();
        int answersBefore = simulators.httpOffice.answers().size();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> load = startLoad(caseworker, participants, running);
        Awaitility.await("every kind of work is in flight")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () ->
                    acknowledged.size() >= acknowledgedBefore + 6
                        && simulators.httpOffice.requests().size() > atOfficeBefore
                        && simulators.httpOffice.answers().size() > answersBefore);
        // The checkpoint the auditor saves before the crash, which the log must later extend.
        Reply latest = auditor.get("/api/audit/checkpoints/latest");
        assertThat(latest.status()).as(latest.toString()).isEqualTo(200);
        String savedCheckpoint = latest.json().getString("signedNote");
        long savedSize = latest.json().getJsonNumber("treeSize").longValue();

        int delay = random.nextInt(4000);
        Thread.sleep(delay);
        Instant killedAt = Instant.now();
        ProcessHandle process = ProcessHandle.of(hub.pid()).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        running.set(false);
        for (Thread thread : load) {
          thread.join(Duration.ofSeconds(30).toMillis());
        }
        Files.writeString(work.resolve("hub-before-kill-" + kill + ".log"), hub.log());

        // What the crash left on disk, before anything starts on it again.
        Map<String, StoredMessage> stored = EmbeddedDatabase.messages(dataDir);
        assertThat(EmbeddedDatabase.halfStored(stored))
            .as("kill " + kill + ": nothing is half-stored")
            .isEmpty();
        assertThat(stored.keySet())
            .as("kill " + kill + ": every acknowledged request was stored")
            .containsAll(acknowledged.keySet());
        Set<String> answeredRequests = answeredRequests(simulators);
        Map<String, Long> repliesOnDisk =
            stored.values().stream()
                .filter(m -> m.inReplyTo() != null)
                .collect(Collectors.groupingBy(StoredMessage::inReplyTo, Collectors.counting()));
        for (String request : answeredRequests) {
          assertThat(repliesOnDisk.get(request))
              .as(
                  "kill "
                      + kill
                      + ": the office's acknowledged answer to "
                      + request
                      + " stored once")
              .isEqualTo(1L);
        }

        hub = RunningHub.start(dataDir, ports, HUB_PROPERTIES, List.of());
        Duration recovery = Duration.between(killedAt, Instant.now());
        recoveries.add(recovery);
        caseworker = hub.as(Demo.CASEWORKER);
        auditor = hub.as(Demo.AUDITOR);
        Instant restarted = Instant.now();
        awaitEverythingDelivered(hub, simulators, answeredBefore);
        Duration catchUp = Duration.between(restarted, Instant.now());
        catchUps.add(catchUp);
        checkDeliveredOnce(hub, simulators, checkedBefore, answeredBefore);

        VerifierKey key =
            VerifierKey.parse(
                hub.anonymous().get("/api/audit/log-key?log=" + Demo.FJORDVIK).body().strip());
        HubClient auditorAfter = auditor;
        JsonObject after =
            Awaitility.await("a checkpoint signed after the restart")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                    () -> auditorAfter.get("/api/audit/checkpoints/latest").json(),
                    c -> c.getJsonNumber("treeSize").longValue() > savedSize);
        assertThat(Checkpoint.verify(after.getString("signedNote"), key.name(), key).size())
            .isGreaterThan(savedSize);
        OfflineVerifier.Verdict verdict =
            OfflineVerifier.verifyExport(
                hub.anonymous(),
                auditor,
                Demo.FJORDVIK,
                savedCheckpoint,
                work.resolve("auditor-" + kill));
        assertThat(verdict.verified())
            .as(
                "kill "
                    + kill
                    + ": the export verifies offline and extends the saved checkpoint: "
                    + verdict.output())
            .isTrue();

        int unacknowledged =
            (int)
                stored.keySet().stream()
                    .filter(
                        id -> !acknowledged.containsKey(id) && stored.get(id).inReplyTo() == null)
                    .count();
        String line =
            String.format(
                Locale.ROOT,
                "kill %d of %d: %d ms into the load; requests acknowledged %d (so far %d),"
                    + " stored though unacknowledged, whole, so far %d; answers acknowledged %d;"
                    + " answering again after %.1f s, everything owed delivered %.1f s later;"
                    + " checkpoint %d -> %d verified offline",
                kill,
                KILLS,
                delay,
                acknowledged.size() - acknowledgedBefore,
                acknowledged.size(),
                unacknowledged,
                answeredRequests.size(),
                recovery.toMillis() / 1000.0,
                catchUp.toMillis() / 1000.0,
                savedSize,
                after.getJsonNumber("treeSize").longValue());
        log(line);
        figures.add(line);
      }
    } finally {
      simulators.stop();
      hub.stop();
    }

    // After the last graceful stop: nothing half-stored, and each acknowledged request recorded
    // delivered once. (What came in at the very end may still wait in the outbox, whole.)
    Map<String, StoredMessage> stored = EmbeddedDatabase.messages(dataDir);
    assertThat(EmbeddedDatabase.halfStored(stored)).as("nothing is half-stored").isEmpty();
    List<String> notRecordedOnce =
        acknowledged.keySet().stream()
            .filter(id -> stored.get(id) == null || stored.get(id).deliveredEntries() != 1)
            .toList();
    assertThat(notRecordedOnce)
        .as("every acknowledged request recorded delivered, and once")
        .isEmpty();
    long answers = simulators.httpOffice.answers().size();
    String summary =
        String.format(
            Locale.ROOT,
            "crash drill, seed %d: %d kills made; requests acknowledged %d, answers acknowledged %d,"
                + " messages stored %d (requests stored though unacknowledged, whole: %d); lost 0, duplicated 0, half-stored 0;"
                + " answering again after a kill: median %.1f s, longest %.1f s;"
                + " everything owed delivered after the restart: median %.1f s, longest %.1f s;"
                + " requests answered other than 201 during the load: %d",
            SEED,
            kills,
            acknowledged.size(),
            answers,
            stored.size(),
            stored.values().stream()
                .filter(m -> m.inReplyTo() == null && !acknowledged.containsKey(m.id()))
                .count(),
            median(recoveries),
            longest(recoveries),
            median(catchUps),
            longest(catchUps),
            refusedDuringLoad.get());
    log(summary);
    figures.add(summary);
    Path report = Files.createDirectories(target.resolve("drills"));
    Files.write(report.resolve("crash-drill-figures.txt"), figures, StandardCharsets.UTF_8);
  }

  /** A participant with consents for both GP offices; its id. */
  private static String consentingParticipant(HubClient caseworker) {
    Reply created =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    for (String office : List.of(Demo.GP_OFFICE, Demo.HTTP_GP_OFFICE)) {
      Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(id, office));
      assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    }
    return id;
  }

  /**
   * Caseworkers asking both GP offices, as fast as the hub answers, until {@code running} ends;
   * each request the hub answers 201 is acknowledged, with the office it went to.
   */
  private List<Thread> startLoad(
      HubClient caseworker, List<String> participants, AtomicBoolean running) {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < LOAD_THREADS; t++) {
      int first = t;
      Thread thread =
          new Thread(
              () -> {
                int n = first;
                while (running.get()) {
                  String subject = participants.get(n % participants.size());
                  String office = n % 2 == 0 ? Demo.GP_OFFICE : Demo.HTTP_GP_OFFICE;
                  n++;
                  try {
                    Reply sent =
                        caseworker.post(
                            "/api/requests", Demo.referralQuestionJson(subject, office));
                    if (sent.status() == 201) {
                      acknowledged.put(
                          sent.json().getString("id").toLowerCase(Locale.ROOT), office);
                    } else if (running.get()) {
                      refusedDuringLoad.incrementAndGet();
                      log("during the load: " + sent);
                    }
                  } catch (RuntimeException e) {
                    // No answer (the hub died under the request): the client was told nothing.
                  }
                }
              },
              "drill-load-" + t);
      thread.start();
      threads.add(thread);
    }
    return threads;
  }

  /** The hub's ids of the requests whose answer the office was given a receipt for. */
  private static Set<String> answeredRequests(Simulators simulators) {
    return simulators.httpOffice.answers().stream()
        .map(DialogAnswer::inReplyTo)
        .map(id -> id.toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
  }

  /**
   * Waits until every acknowledged request, and every answer acknowledged since {@code
   * answeredBefore} (those before were awaited in their round), is delivered.
   */
  private void awaitEverythingDelivered(
      RunningHub hub, Simulators simulators, Set<String> answeredBefore) {
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    Set<String> pending = new HashSet<>(acknowledged.keySet());
    pending.removeAll(confirmedDelivered);
    Awaitility.await("every acknowledged request is delivered")
        .atMost(RECOVERY)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              pending.removeIf(
                  id -> {
                    String status =
                        caseworker
                            .get("/api/messages/" + id + "/status")
                            .json()
                            .getString("status");
                    return status.equals("delivered") || status.equals("read");
                  });
              return pending.isEmpty();
            });
    confirmedDelivered.addAll(acknowledged.keySet());
    Set<String> answered = new HashSet<>(answeredRequests(simulators));
    answered.removeAll(answeredBefore);
    Awaitility.await("every acknowledged answer is in the caseworker's inbox")
        .atMost(RECOVERY)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> inboxRepliesTo(caseworker).keySet().containsAll(answered));
  }

  /**
   * Counts, where each recipient sees them, what reached it; none may have arrived twice. The
   * office's system counts everything it was ever given; an inbox lists only its newest 200, so
   * there the drill counts what this kill's round added (earlier rounds were counted in theirs).
   */
  private void checkDeliveredOnce(
      RunningHub hub,
      Simulators simulators,
      Set<String> checkedBefore,
      Set<String> answeredBefore) {
    Map<String, Long> atOffice =
        simulators.httpOffice.requests().stream()
            .map(DialogRequest::msgId)
            .map(id -> id.toLowerCase(Locale.ROOT))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    Map<String, Long> inInbox =
        hub.as(Demo.GP).get("/api/inbox").jsonArray().stream()
            .map(JsonValue::asJsonObject)
            .map(m -> m.getString("id").toLowerCase(Locale.ROOT))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    Map<String, Long> answersInInbox = inboxRepliesTo(hub.as(Demo.CASEWORKER));
    Map<String, Long> missing = new HashMap<>();
    acknowledged.forEach(
        (id, office) -> {
          boolean inTheInbox = office.equals(Demo.GP_OFFICE);
          if (inTheInbox && checkedBefore.contains(id)) {
            return;
          }
          Map<String, Long> counts = inTheInbox ? inInbox : atOffice;
          long count = counts.getOrDefault(id, 0L);
          if (count != 1) {
            missing.put(id + " at " + office, count);
          }
        });
    assertThat(missing).as("each acknowledged request reached its recipient once").isEmpty();
    assertThat(atOffice.values())
        .as(
            "the office's system took each request once; repeats recognised: "
                + simulators.httpOffice.repeats().size())
        .allMatch(count -> count == 1);
    assertThat(inInbox.values()).as("the inbox lists each message once").allMatch(c -> c == 1);
    for (String request : answeredRequests(simulators)) {
      if (answeredBefore.contains(request)) {
        continue;
      }
      assertThat(answersInInbox.get(request))
          .as("the answer to " + request + " is in the caseworker's inbox once")
          .isEqualTo(1L);
    }
  }

  /** The caseworker's inbox, counted by the request each message answers. */
  private static Map<String, Long> inboxRepliesTo(HubClient caseworker) {
    return caseworker.get("/api/inbox").jsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(m -> m.containsKey("inReplyTo") && !m.isNull("inReplyTo"))
        .map(m -> m.getString("inReplyTo").toLowerCase(Locale.ROOT))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static double median(List<Duration> durations) {
    List<Duration> sorted = durations.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2).toMillis() / 1000.0;
  }

  private static double longest(List<Duration> durations) {
    return durations.stream().max(Duration::compareTo).orElse(Duration.ZERO).toMillis() / 1000.0;
  }

  private static void log(String line) {
    System.out.println("[crash drill] " + line);
  }
}
