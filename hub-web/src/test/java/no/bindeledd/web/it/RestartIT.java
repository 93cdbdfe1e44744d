package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.verify.ExportVerifier;
import no.bindeledd.core.audit.verify.Report;
import no.bindeledd.core.audit.verify.TrustAnchors;
import no.bindeledd.core.audit.verify.TrustedCheckpoint;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Restarting the hub keeps its data, its keys, its demo users' passwords and the memory of what its
 * audit log signed. A restart on the untouched log raises no alarm; a restart on a history that an
 * insider rewrote in the database while the hub was down (an entry changed, every later link made
 * anew, the stored checkpoints deleted) signs nothing more, says so, and the auditor's verifier,
 * given a checkpoint she saved before, refuses the hub's export.
 */
class RestartIT {

  /** The log of Fjordvik, where the demo agencies and the auditor aud.auditor are. */
  static final String FJORDVIKS_LOG = Demo.FJORDVIK;

  @Test
  void aRestartedHubKeepsItsDataAndCatchesAHistoryRewrittenWhileItWasDown() throws Exception {
    Path dataDir =
        Files.createTempDirectory(Path.of(System.getProperty("hub.build.dir")), "restart-data-");
    String participantId;
    String consentId;
    String gpCertificate;
    String password;
    String savedCheckpoint;
    VerifierKey logKey;
    RunningHub first = RunningHub.start(dataDir);
    try {
      HubClient caseworker = first.as(Demo.CASEWORKER);
      participantId =
          caseworker
              .post("/api/participants", Demo.participantJson(Demo.adultNationalId()))
              .json()
              .getString("id");
      consentId =
          caseworker
              .post("/api/consents", Demo.gpConsentJson(participantId))
              .json()
              .getString("id");
      gpCertificate =
          first.anonymous().get("/api/agencies/" + Demo.GP_OFFICE + "/certificate").body();
      password = first.passwordOf(Demo.CASEWORKER);
      logKey =
          VerifierKey.parse(
              first.anonymous().get("/api/audit/log-key?log=" + FJORDVIKS_LOG).body().strip());
      // The auditor's audit: an export has a checkpoint signed over everything so far, and she
      // keeps the newest checkpoint where the hub's operators cannot write.
      HubClient auditor = first.as(Demo.AUDITOR);
      assertThat(auditor.get("/api/audit/export").status()).isEqualTo(200);
      savedCheckpoint = auditor.get("/api/audit/checkpoints/latest").json().getString("signedNote");
    } finally {
      first.stop();
    }

    RunningHub second = RunningHub.start(dataDir);
    try {
      assertThat(second.passwordOf(Demo.CASEWORKER)).isEqualTo(password);
      HubClient caseworker = second.as(Demo.CASEWORKER);
      Reply participant = caseworker.get("/api/participants/" + participantId);
      assertThat(participant.status()).as(participant.toString()).isEqualTo(200);
      Reply consent = caseworker.get("/api/consents/" + consentId);
      assertThat(consent.json().getString("status")).isEqualTo("active");
      assertThat(second.anonymous().get("/api/agencies/" + Demo.GP_OFFICE + "/certificate").body())
          .as("the agencies keep their keys and certificates")
          .isEqualTo(gpCertificate);
      assertThat(
              caseworker.post("/api/requests", Demo.referralQuestionJson(participantId)).status())
          .as("the consent still covers requests after the restart")
          .isEqualTo(201);
      HubClient auditor = second.as(Demo.AUDITOR);
      Checkpoint saved = Checkpoint.verify(savedCheckpoint, logKey.name(), logKey);
      JsonObject later =
          Await.until(
              "a checkpoint signed after the restart",
              () -> auditor.get("/api/audit/checkpoints/latest").json(),
              c -> c.getJsonNumber("treeSize").longValue() > saved.size());
      assertThat(Checkpoint.verify(later.getString("signedNote"), logKey.name(), logKey).previous())
          .as("the chain goes on across the restart")
          .isPresent();
      assertThat(auditor.get("/api/audit/integrity").json().getBoolean("intact")).isTrue();
      Reply ready = second.anonymous().get("/health/ready");
      assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
      assertThat(ready.body()).contains("audit-history");
    } finally {
      second.stop();
    }

    long remembered =
        Checkpoint.verify(
                Files.readString(
                    dataDir.resolve("keys/latest-checkpoint-" + FJORDVIKS_LOG + ".note"),
                    StandardCharsets.UTF_8),
                logKey.name(),
                logKey)
            .size();
    RewriteTool.rewrite(dataDir, FJORDVIKS_LOG, 2, false);

    RunningHub third = RunningHub.start(dataDir);
    try {
      String range = "entries 1 to " + remembered + " no longer match what the hub signed";
      Reply ready =
          Await.until(
              "the audit history alarm",
              () -> third.anonymous().get("/health/ready"),
              reply -> reply.body().contains(range));
      assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
      assertThat(ready.body()).contains("audit-history").contains("DOWN");

      HubClient auditor = third.as(Demo.AUDITOR);
      JsonObject integrity = auditor.get("/api/audit/integrity").json();
      assertThat(integrity.getBoolean("intact")).isFalse();
      assertThat(integrity.getString("problem")).contains(range);

      assertThat(
              third
                  .as(Demo.CASEWORKER)
                  .post("/api/participants", Demo.participantJson(Demo.adultNationalId()))
                  .status())
          .as("the hub still serves, and still audits")
          .isEqualTo(201);
      Reply export = auditor.get("/api/audit/export");
      assertThat(export.status()).isEqualTo(200);
      Path file = Files.write(dataDir.resolve("export-after-the-rewrite.zip"), export.bytes());
      TrustAnchors anchors =
          TrustAnchors.of(
                  logKey,
                  List.of(
                      Pem.certificate(third.anonymous().get("/api/audit/tsa-certificates").body())))
              .withCheckpoints(List.of(new TrustedCheckpoint("saved.note", savedCheckpoint)));
      Report report =
          new ExportVerifier(
                  anchors, ExportVerifier.Options.defaults().withAllowPendingTimestamps(true))
              .verify(file);
      assertThat(report.verified()).as("the auditor's verifier refuses the hub's export").isFalse();

      assertThat(auditor.get("/api/audit/checkpoints/latest").status())
          .as("no checkpoint was signed since, not even for the export")
          .isEqualTo(404);
      assertThat(third.log().split("Audit history alarm", -1)).as("one SEVERE line").hasSize(2);
    } finally {
      third.stop();
    }
  }
}
