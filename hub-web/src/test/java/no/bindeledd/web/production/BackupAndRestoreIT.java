package no.bindeledd.web.production;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.verify.ExportVerifier;
import no.bindeledd.core.audit.verify.Report;
import no.bindeledd.core.audit.verify.TrustAnchors;
import no.bindeledd.core.audit.verify.TrustedCheckpoint;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.web.it.Await;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.PayaraHub;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The backup and restore of docs/operations.md, done as it says on the production profile: a hub
 * with traffic on PostgreSQL; its keys folder copied and then {@code pg_dump} of its database,
 * while it runs; more traffic after the backup; then the dump restored into a fresh database.
 * Started with the keys folder of today, whose memory names a checkpoint signed after the dump, the
 * hub sees a log cut short and says so. Started with the keys folder of the same backup, the
 * restored hub's audit log is intact and extends the checkpoint the auditor saved before the
 * backup, as her offline verifier proves from an export, and the hub carries on: new messages are
 * delivered and its new checkpoints extend the old ones.
 */
@Tag("production")
class BackupAndRestoreIT {

  private static final String KEYS = "keys";

  /**
   * The memory of Fjordvik's log, where the caseworker's work and the auditor's checkpoints are.
   */
  private static final String MEMORY = "latest-checkpoint-" + Demo.FJORDVIK + ".note";

  @Test
  void aDumpAndTheKeysFolderOfOneBackupRestoreAHubThatVerifiesAndCarriesOn() throws Exception {
    Path work =
        Files.createTempDirectory(Path.of(PayaraHub.required("hub.build.dir")), "backup-restore-");
    DumpablePostgres postgres = DumpablePostgres.start();
    TimestampingAuthority tsa = TimestampingAuthority.start(work.resolve("tsa"));
    Keycloak keycloak = Keycloak.get();
    Postgres.Database original = postgres.newDatabase();
    Path running = work.resolve("running");
    Path backup = work.resolve("backup");

    String participant;
    String delivered;
    String lost;
    String savedCheckpoint;
    VerifierKey logKey;
    String tsaCertificates;
    ProductionHub first = ProductionHub.builder(running, original, keycloak, tsa).start();
    try {
      HubClient caseworker =
          HubClient.withToken(first.base(), keycloak.accessToken(Demo.CASEWORKER));
      HubClient auditor = HubClient.withToken(first.base(), keycloak.accessToken(Demo.AUDITOR));
      HubClient anonymous = HubClient.withToken(first.base(), null);
      logKey =
          VerifierKey.parse(
              anonymous.get("/api/audit/log-key?log=" + Demo.FJORDVIK).body().strip());
      tsaCertificates = anonymous.get("/api/audit/tsa-certificates").body();
      String nationalId = Demo.adultNationalId();
      participant = register(caseworker, nationalId);
      delivered = requestDelivered(caseworker, participant);
      // The auditor's audit before the backup: she keeps the newest checkpoint herself.
      assertThat(auditor.get("/api/audit/export").status()).isEqualTo(200);
      savedCheckpoint = auditor.get("/api/audit/checkpoints/latest").json().getString("signedNote");

      // The backup, while the hub runs: the keys folder first, then the database.
      copy(first.keysDir(), backup.resolve(KEYS));
      postgres.dump(original, backup.resolve("hub.dump"));
      // Without the at-rest key store the database says nothing about the person: the dump holds
      // their row, but no name, national identity number or question in clear.
      Path plain = work.resolve("hub.sql");
      postgres.dumpPlain(original, plain);
      String dumped = Files.readString(plain, StandardCharsets.UTF_8);
      assertThat(dumped)
          .as("the dump holds the person's and the request's rows")
          .contains(participant, delivered);
      assertThat(dumped).doesNotContain("Amal", "Testesen", nationalId, "referred to hospital");
      long rememberedAtBackup = remembered(backup.resolve(KEYS), logKey);

      // After the backup: what a restore of it loses, and a checkpoint the dump does not hold.
      lost = requestDelivered(caseworker, participant);
      Await.until(
          "the hub remembers a checkpoint signed after the backup",
          () -> remembered(first.keysDir(), logKey),
          size -> size > rememberedAtBackup);
    } finally {
      first.stop();
    }

    // Restored with today's keys folder: its memory is ahead of the dump, a log cut short.
    Postgres.Database withTodaysKeys = postgres.newDatabase();
    postgres.restore(backup.resolve("hub.dump"), withTodaysKeys);
    ProductionHub mismatched =
        ProductionHub.builder(running, withTodaysKeys, keycloak, tsa).start();
    try {
      HubClient anonymous = HubClient.withToken(mismatched.base(), null);
      Reply notReady =
          Await.until(
              "the audit history alarm",
              () -> anonymous.get("/health/ready"),
              r ->
                  r.status() == 503
                      && check(r, "audit-history").getString("status").equals("DOWN"));
      assertThat(check(notReady, "audit-history").getJsonObject("data").getString("alarm"))
          .as("the log looks cut short, or changed, against what the hub remembers signing")
          .contains("the hub signed");
      assertThat(mismatched.log()).contains("Audit history alarm");
    } finally {
      mismatched.stop();
    }

    // Restored as the procedure says: a fresh database, and the keys folder of the same backup.
    Postgres.Database restored = postgres.newDatabase();
    postgres.restore(backup.resolve("hub.dump"), restored);
    Path restoredData = work.resolve("restored");
    copy(backup.resolve(KEYS), restoredData.resolve(KEYS));
    ProductionHub second = ProductionHub.builder(restoredData, restored, keycloak, tsa).start();
    try {
      HubClient caseworker =
          HubClient.withToken(second.base(), keycloak.accessToken(Demo.CASEWORKER));
      HubClient auditor = HubClient.withToken(second.base(), keycloak.accessToken(Demo.AUDITOR));
      HubClient anonymous = HubClient.withToken(second.base(), null);

      Reply ready =
          Await.until(
              "the restored hub is ready",
              () -> anonymous.get("/health/ready"),
              r -> r.status() == 200);
      assertThat(ready.body()).contains("audit-history");
      assertThat(auditor.get("/api/audit/integrity").json().getBoolean("intact")).isTrue();
      assertThat(caseworker.get("/api/participants/" + participant).status()).isEqualTo(200);
      assertThat(status(caseworker, delivered)).isEqualTo("delivered");
      assertThat(caseworker.get("/api/messages/" + lost + "/status").status())
          .as("what was sent after the backup is not in it")
          .isEqualTo(404);

      // The hub carries on: a new message is delivered, and new checkpoints extend the old ones.
      requestDelivered(caseworker, participant);
      Checkpoint saved = Checkpoint.verify(savedCheckpoint, logKey.name(), logKey);
      JsonObject later =
          Await.until(
              "a checkpoint signed after the restore",
              () -> auditor.get("/api/audit/checkpoints/latest").json(),
              c -> c.getJsonNumber("treeSize").longValue() > saved.size());
      assertThat(Checkpoint.verify(later.getString("signedNote"), logKey.name(), logKey).previous())
          .as("the chain goes on across the restore")
          .isPresent();

      // The auditor's sign-off: the restored log's export, verified offline, extends what she
      // saved before the backup.
      Reply export = auditor.get("/api/audit/export");
      assertThat(export.status()).isEqualTo(200);
      Path file = Files.write(work.resolve("restored-export.zip"), export.bytes());
      TrustAnchors anchors =
          TrustAnchors.of(logKey, List.of(Pem.certificate(tsaCertificates)))
              .withCheckpoints(List.of(new TrustedCheckpoint("saved.note", savedCheckpoint)));
      Report report =
          new ExportVerifier(
                  anchors, ExportVerifier.Options.defaults().withAllowPendingTimestamps(true))
              .verify(file);
      assertThat(report.verified()).as(report.toString()).isTrue();

      // Readiness follows the database: with the server gone, the hub is not ready, but alive.
      postgres.stop();
      Await.until(
          "readiness reports the database DOWN",
          () -> anonymous.get("/health/ready"),
          r -> r.status() == 503 && check(r, "database").getString("status").equals("DOWN"));
      assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    } finally {
      second.stop();
      tsa.stop();
      postgres.stop();
    }
  }

  private static JsonObject check(Reply health, String name) {
    return health.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
  }

  private static String register(HubClient caseworker, String nationalId) {
    Reply created = caseworker.post("/api/participants", Demo.participantJson(nationalId));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(id));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return id;
  }

  private static String requestDelivered(HubClient caseworker, String participant) {
    Reply request = caseworker.post("/api/requests", Demo.referralQuestionJson(participant));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    String id = request.json().getString("id");
    Await.until(
        "request " + id + " is delivered", () -> status(caseworker, id), "delivered"::equals);
    return id;
  }

  private static String status(HubClient caseworker, String message) {
    return caseworker.get("/api/messages/" + message + "/status").json().getString("status");
  }

  /** The size of the checkpoint the keys folder's memory names. */
  private static long remembered(Path keys, VerifierKey logKey) throws IOException {
    return Checkpoint.verify(
            Files.readString(keys.resolve(MEMORY), StandardCharsets.UTF_8), logKey.name(), logKey)
        .size();
  }

  /** Copies a folder as an operator's {@code cp -a} does. */
  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
