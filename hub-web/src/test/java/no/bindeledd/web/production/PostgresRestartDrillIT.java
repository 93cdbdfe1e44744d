package no.bindeledd.web.production;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.web.drills.EmbeddedDatabase;
import no.bindeledd.web.drills.EmbeddedDatabase.StoredMessage;
import no.bindeledd.web.drills.OfflineVerifier;
import no.bindeledd.web.it.Await;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.PayaraHub;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database stops under load and comes back, and the hub rides it out without a restart: the
 * packaged hub on the production profile against a PostgreSQL server of the test's own, a
 * caseworker sending requests to the GP office that reads its messages in the hub's inbox, the hub
 * delivering them and signing a checkpoint every second. The server is stopped twice, once as
 * {@code pg_ctl stop -m fast} does and once as {@code -m immediate} does (SIGQUIT to the
 * postmaster: no checkpoint, crash recovery on the next start), kept down for some seconds, and
 * started again on the same port and data directory.
 *
 * <p>While it is down, every request the hub cannot store is answered within seconds with a 503
 * problem detail and {@code Retry-After}, readiness says not ready and liveness stays up. Once it
 * is back, the hub accepts requests again (the drill measures how soon), every request it
 * acknowledged with a 201 is stored whole and delivered once, nothing else is half-stored, the
 * hub's checkpoints go on, and the auditor's export verifies offline against the checkpoint she
 * saved before the first stop.
 */
@Tag("production")
class PostgresRestartDrillIT {

  private static final Logger LOG = Logger.getLogger(PostgresRestartDrillIT.class.getName());

  private static final Duration DOWN = Duration.ofSeconds(8);

  /**
   * How long a request may take while the database is down. The first runs measured 10.2 s, the JPA
   * provider's retries of a read on a lost connection; without them, a few milliseconds
   * (docs/reliability.md).
   */
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(5);

  /** How soon after the database is back the hub must accept requests again. */
  private static final Duration ACCEPT_AGAIN_BOUND = Duration.ofSeconds(30);

  @Test
  void theHubRidesOutADatabaseRestartAndLosesNothingItAcknowledged() throws Exception {
    Path target = Path.of(PayaraHub.required("hub.build.dir"));
    Path work = Files.createTempDirectory(target, "postgres-restart-");
    Postgres postgres = Postgres.restartable(work.resolve("postgres-data"), PayaraHub.freePort());
    Keycloak keycloak = Keycloak.get();
    TimestampingAuthority tsa = TimestampingAuthority.start(work.resolve("tsa"));
    Postgres.Database database = postgres.newDatabase();
    ProductionHub hub =
        ProductionHub.builder(work.resolve("hub-data"), database, keycloak, tsa).start();
    List<String> figures = new ArrayList<>();
    try {
      HubClient caseworker = hub.as(keycloak, Demo.CASEWORKER);
      HubClient auditor = hub.as(keycloak, Demo.AUDITOR);
      HubClient anonymous = hub.anonymous();
      VerifierKey logKey =
          VerifierKey.parse(
              anonymous.get("/api/audit/log-key?log=" + Demo.FJORDVIK).body().strip());
      String participant = register(caseworker);

      Load load = new Load(caseworker, participant);
      long began = System.nanoTime();
      load.start();
      Await.until("requests are accepted under load", load::acknowledged, n -> n.size() >= 10);
      Reply latest = auditor.get("/api/audit/checkpoints/latest");
      assertThat(latest.status()).as(latest.toString()).isEqualTo(200);
      String savedCheckpoint = latest.json().getString("signedNote");
      long savedSize = Checkpoint.verify(savedCheckpoint, logKey.name(), logKey).size();

      long lastBack = began;
      for (String mode : List.of("fast", "immediate")) {
        int acknowledgedBefore = load.acknowledged().size();
        long stopped = System.nanoTime();
        figures.add(
            String.format(
                Locale.ROOT, "%s stop %.1f s into the load", mode, (stopped - began) / 1e9));
        if (mode.equals("fast")) {
          postgres.stopFast();
        } else {
          postgres.stopImmediately();
        }
        Reply notReady =
            Await.until(
                "readiness says not ready while the database is down",
                () -> anonymous.get("/health/ready"),
                r -> r.status() == 503);
        assertThat(notReady.body()).contains("database");
        Duration stillDown = DOWN.minusNanos(System.nanoTime() - stopped);
        if (!stillDown.isNegative()) {
          Awaitility.await("the hub stays alive while the database is down")
              .during(stillDown)
              .atMost(stillDown.plusSeconds(30))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> anonymous.get("/health/live").status() == 200);
        }
        long restarted = System.nanoTime();
        postgres.start();
        long back = System.nanoTime();
        Await.until(
            "a request is accepted again after the " + mode + " stop",
            Duration.ofSeconds(60),
            () -> load.acceptedAfter(back),
            accepted -> accepted > 0);
        double acceptAgain = load.firstAcceptedAfter(back) / 1e9;
        Await.until(
            "readiness says ready again",
            () -> anonymous.get("/health/ready"),
            r -> r.status() == 200);
        String line =
            String.format(
                Locale.ROOT,
                "%s stop: down %.1f s (server started again in %.1f s); accepted again %.1f s"
                    + " after the server was back; %d requests acknowledged before, %d refused"
                    + " with 503 so far, slowest answer while down %.1f s",
                mode,
                (restarted - stopped) / 1e9,
                (back - restarted) / 1e9,
                acceptAgain,
                acknowledgedBefore,
                load.refused(),
                load.slowestRefusal() / 1e9);
        log(line);
        figures.add(line);
        assertThat(acceptAgain).isLessThan(ACCEPT_AGAIN_BOUND.toSeconds());
        lastBack = back;
      }
      long recovered = lastBack;
      Await.until(
          "the load runs on after the last restart",
          () -> load.acceptedAfter(recovered),
          accepted -> accepted >= 10);
      load.stop();

      // Everything acknowledged is delivered, once; nothing is half-stored. What is not, after two
      // minutes, is named with when its 201 came, to be set against the stops.
      Set<String> acknowledged = new HashSet<>(load.acknowledged());
      Map<String, StoredMessage> stored = storedOnceDelivered(acknowledged, database);
      List<String> undelivered =
          undelivered(acknowledged, stored).stream()
              .map(
                  id ->
                      id
                          + " ("
                          + load.answeredAt(id, began)
                          + ", "
                          + (stored.containsKey(id) ? stored.get(id).status() : "not stored")
                          + ")")
              .toList();
      figures.add("acknowledged but not delivered once: " + undelivered);
      log("not delivered once: " + undelivered);
      long lost = acknowledged.stream().filter(id -> !stored.containsKey(id)).count();
      long duplicated =
          stored.values().stream()
              .filter(s -> s.deliveredEntries() > 1 || s.sentEntries() > 1)
              .count();
      List<StoredMessage> halfStored = EmbeddedDatabase.halfStored(stored);
      long storedWithout201 =
          stored.values().stream()
              .filter(s -> s.kind().equalsIgnoreCase("request"))
              .filter(s -> !acknowledged.contains(s.id()))
              .count();
      Map<String, Integer> inInbox = new HashMap<>();
      for (JsonObject m :
          hub.as(keycloak, Demo.GP).get("/api/inbox").jsonArray().getValuesAs(JsonObject.class)) {
        inInbox.merge(m.getString("id").toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
      long listedTwice = inInbox.values().stream().filter(n -> n > 1).count();

      // Checkpoints go on: one signed after the last restart extends the one saved before.
      long sizeNow =
          Checkpoint.verify(
                  auditor.get("/api/audit/checkpoints/latest").json().getString("signedNote"),
                  logKey.name(),
                  logKey)
              .size();
      String another =
          caseworker
              .post("/api/requests", Demo.referralQuestionJson(participant))
              .json()
              .getString("id");
      Await.until(
          "a request sent after the drill is delivered",
          () -> caseworker.get("/api/messages/" + another + "/status").json().getString("status"),
          "delivered"::equals);
      JsonObject later =
          Await.until(
              "a checkpoint signed after the restarts",
              () -> auditor.get("/api/audit/checkpoints/latest").json(),
              c -> c.getJsonNumber("treeSize").longValue() > sizeNow);
      OfflineVerifier.Verdict verdict =
          OfflineVerifier.verifyExport(
              anonymous, auditor, Demo.FJORDVIK, savedCheckpoint, work.resolve("audit"));

      String totals =
          String.format(
              Locale.ROOT,
              "totals: %d requests acknowledged, %d refused with 503, slowest refusal %.1f s;"
                  + " lost %d, duplicated %d, half-stored %d; %d stored without their 201;"
                  + " checkpoint saved %d -> %d, verified offline: %s",
              acknowledged.size(),
              load.refused(),
              load.slowestRefusal() / 1e9,
              lost,
              duplicated + listedTwice,
              halfStored.size(),
              storedWithout201,
              savedSize,
              later.getJsonNumber("treeSize").longValue(),
              verdict.verified());
      log(totals);
      figures.add(totals);

      assertThat(load.unexpected())
          .as("every answer is a 201, or a 503 problem detail with Retry-After")
          .isEmpty();
      assertThat(load.refused())
          .as("requests were refused while the database was down")
          .isPositive();
      assertThat(lost).as("acknowledged requests missing from the database").isZero();
      assertThat(undelivered).as("acknowledged requests not delivered once").isEmpty();
      assertThat(duplicated).as("messages recorded as sent or delivered twice").isZero();
      assertThat(listedTwice).as("messages listed twice in the GP's inbox").isZero();
      assertThat(halfStored).as("half-stored messages").isEmpty();
      assertThat(verdict.verified()).as(verdict.output()).isTrue();
      assertThat(hub.isAlive()).as("the hub was never restarted").isTrue();
      assertThat(load.slowestRefusal())
          .as("no request hangs while the database is down")
          .isLessThan(ANSWER_BOUND.toNanos());
    } finally {
      Path file = target.resolve("drills").resolve("postgres-restart-drill-figures.txt");
      Files.createDirectories(file.getParent());
      Files.write(file, figures, StandardCharsets.UTF_8);
      hub.stop();
      tsa.stop();
      postgres.stopFast();
    }
  }

  private static void log(String line) {
    LOG.info(() -> "[postgres restart drill] " + line);
  }

  private static String register(HubClient caseworker) {
    Reply created =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(id));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return id;
  }

  /**
   * One caseworker sending requests to the inbox GP office, each a tenth of a second after the hub
   * answered the one before.
   */
  private static final class Load {
    private final HubClient caseworker;
    private final String participant;
    private final List<String> acknowledged = new ArrayList<>();
    private final List<long[]> acceptedAt = new ArrayList<>();
    private final Map<String, long[]> timesOf = new HashMap<>();
    private final List<String> unexpected = new ArrayList<>();
    private int refused;
    private long slowestRefusal;
    private final ScheduledExecutorService sender =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "caseworker-load"));

    Load(HubClient caseworker, String participant) {
      this.caseworker = caseworker;
      this.participant = participant;
    }

    void start() {
      sender.scheduleWithFixedDelay(this::sendOne, 0, 100, TimeUnit.MILLISECONDS);
    }

    void stop() throws InterruptedException {
      sender.shutdown();
      assertThat(sender.awaitTermination(1, TimeUnit.MINUTES)).as("the load stopped").isTrue();
    }

    private void sendOne() {
      long sent = System.nanoTime();
      try {
        record(
            sent, caseworker.post("/api/requests", Demo.referralQuestionJson(participant)), null);
      } catch (IllegalStateException e) {
        record(sent, null, e.toString());
      }
    }

    private synchronized void record(long sent, Reply reply, String failure) {
      long answered = System.nanoTime();
      if (reply != null && reply.status() == 201) {
        String id = reply.json().getString("id").toLowerCase(Locale.ROOT);
        acknowledged.add(id);
        acceptedAt.add(new long[] {sent, answered});
        timesOf.put(id, new long[] {sent, answered});
      } else if (reply != null
          && reply.status() == 503
          && reply.isProblem()
          && reply.header("Retry-After").isPresent()) {
        refused++;
        slowestRefusal = Math.max(slowestRefusal, answered - sent);
      } else {
        unexpected.add(failure != null ? failure : reply.toString());
      }
    }

    synchronized List<String> acknowledged() {
      return List.copyOf(acknowledged);
    }

    /** When the request with {@code id} was sent and answered, in seconds from {@code began}. */
    synchronized String answeredAt(String id, long began) {
      long[] times = timesOf.get(id);
      return String.format(
          Locale.ROOT,
          "sent %.2f s, answered %.2f s",
          (times[0] - began) / 1e9,
          (times[1] - began) / 1e9);
    }

    synchronized List<String> unexpected() {
      return List.copyOf(unexpected);
    }

    synchronized int refused() {
      return refused;
    }

    synchronized long slowestRefusal() {
      return slowestRefusal;
    }

    synchronized long acceptedAfter(long instant) {
      return acceptedAt.stream().filter(a -> a[0] >= instant).count();
    }

    /** Nanoseconds from {@code instant} to the first 201 to a request sent after it. */
    synchronized long firstAcceptedAfter(long instant) {
      return acceptedAt.stream()
          .filter(a -> a[0] >= instant)
          .mapToLong(a -> a[1] - instant)
          .min()
          .orElseThrow();
    }
  }

  /**
   * What is stored, once everything acknowledged is delivered, or after two minutes as it is then:
   * not a failure yet, since the figures name what is missing and the assertions fail on it.
   */
  private static Map<String, StoredMessage> storedOnceDelivered(
      Set<String> acknowledged, Postgres.Database database) throws SQLException {
    try {
      return Awaitility.await("everything acknowledged is delivered")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> messages(database), read -> undelivered(acknowledged, read).isEmpty());
    } catch (ConditionTimeoutException e) {
      return messages(database);
    }
  }

  private static List<String> undelivered(Set<String> ids, Map<String, StoredMessage> stored) {
    return ids.stream()
        .filter(id -> !stored.containsKey(id) || stored.get(id).deliveredEntries() != 1)
        .sorted()
        .toList();
  }

  /** Every message of the hub's database, read in one snapshot while the hub runs. */
  private static Map<String, StoredMessage> messages(Postgres.Database database)
      throws SQLException {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        return EmbeddedDatabase.messages(connection);
      } finally {
        connection.rollback();
      }
    }
  }
}
