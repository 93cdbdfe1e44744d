package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.witness.WitnessState;
import no.bindeledd.web.platform.DevelopmentWitness;
import org.junit.jupiter.api.Test;

/**
 * The embedded profile's development witness, with the running hub: it cosigns the hub's
 * checkpoints, the auditor's export verifies with its key, and after an insider rewrote the log
 * behind the stopped hub's back (an entry changed, every later link recomputed, the old checkpoints
 * deleted) with the README's own tool, the restarted hub's new checkpoint is refused by the witness
 * and the hub's readiness goes DOWN.
 */
class WitnessIT {

  /** The log of Fjordvik, where the demo agencies and the auditor aud.auditor are. */
  static final String FJORDVIKS_LOG = Demo.FJORDVIK;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject developmentWitness(RunningHub hub) {
    JsonArray witnesses = hub.anonymous().get("/api/audit/witnesses").jsonArray();
    assertThat(witnesses).hasSize(1);
    JsonObject witness = witnesses.getJsonObject(0);
    assertThat(witness.getBoolean("development")).isTrue();
    return witness;
  }

  /** The checkpoint the witness says it cosigned last, as a monitor reads it from the witness. */
  private static HttpResponse<String> witnessed(JsonObject witness, String origin)
      throws Exception {
    return get(
        URI.create(witness.getString("url"))
            .resolve(WitnessState.originHash(origin) + "/checkpoint"));
  }

  private static JsonObject readiness(RunningHub hub) throws Exception {
    HttpResponse<String> ready = get(hub.base().resolve("/health/ready"));
    try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(ready.body()))) {
      JsonObject health = reader.readObject();
      for (var check : health.getJsonArray("checks")) {
        if ("audit-witnessing".equals(check.asJsonObject().getString("name"))) {
          return check.asJsonObject();
        }
      }
    }
    throw new AssertionError("no audit-witnessing check in " + ready.body());
  }

  @Test
  void theDevelopmentWitnessCosignsAndThenRefusesAHistoryRewrittenBehindTheHubsBack()
      throws Exception {
    Path dataDir =
        Files.createTempDirectory(Path.of(System.getProperty("hub.build.dir")), "witness-data-");
    VerifierKey logKey;
    VerifierKey witnessKey;
    long cosigned;
    RunningHub first = RunningHub.start(dataDir);
    try {
      logKey =
          VerifierKey.parse(
              first.anonymous().get("/api/audit/log-key?log=" + FJORDVIKS_LOG).body().strip());
      JsonObject witness = developmentWitness(first);
      witnessKey = VerifierKey.parse(witness.getString("verifierKey"));
      assertThat(witnessKey.type()).isEqualTo(VerifierKey.Type.COSIGNATURE_V1);
      assertThat(witnessKey).isNotEqualTo(logKey);
      assertThat(witness.getString("url")).startsWith("http://127.0.0.1:");
      HubClient caseworker = first.as(Demo.CASEWORKER);
      for (int i = 0; i < 3; i++) {
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
      }
      HubClient auditor = first.as(Demo.AUDITOR);

      String note =
          Await.until(
              "the witness has cosigned the hub's newest checkpoint",
              () -> {
                HubClient.Reply latest = auditor.get("/api/audit/checkpoints/latest");
                if (latest.status() != 200) {
                  return null; // no checkpoint signed yet
                }
                long newest = latest.json().getJsonNumber("treeSize").longValue();
                HttpResponse<String> seen = witnessed(witness, logKey.name());
                return seen.statusCode() == 200
                        && Checkpoint.verify(seen.body(), logKey.name(), logKey).size() == newest
                    ? seen.body()
                    : null;
              },
              found -> found != null);
      cosigned = Checkpoint.verify(note, logKey.name(), logKey).size();
      assertThat(SignedNote.verify(note, witnessKey))
          .as("the witness's cosignature, checked with the key the hub publishes")
          .startsWith(logKey.name() + "\n" + cosigned + "\n");
      String verified = verifyExport(first, auditor, witnessKey, dataDir, 0);
      assertThat(verified)
          .contains("Witnesses      1 of 1 given cosigned the newest checkpoint (1 required)")
          .contains("Result         VERIFIED");
      // The export signed a checkpoint of its own and had the witness cosign it too.
      cosigned =
          Checkpoint.verify(witnessed(witness, logKey.name()).body(), logKey.name(), logKey).size();
      JsonObject check = readiness(first);
      assertThat(check.getString("status")).as(check.toString()).isEqualTo("UP");
      assertThat(Files.readString(dataDir.resolve("dev-witness/witness.vkey")).strip())
          .isEqualTo(witnessKey.encoded());
    } finally {
      first.stop();
    }

    // The hub's own memory would catch a rewrite of the database alone (RestartIT); an insider
    // who can write the data folder too makes it forget, and the witness remains.
    assertThat(RewriteTool.rewrite(dataDir, FJORDVIKS_LOG, 2, true))
        .contains("Deleted the checkpoint the hub remembers");

    RunningHub second = RunningHub.start(dataDir);
    try {
      JsonObject witness = developmentWitness(second);
      assertThat(VerifierKey.parse(witness.getString("verifierKey"))).isEqualTo(witnessKey);
      JsonObject alarm =
          Await.until(
              "the witness refuses the rewritten history and readiness goes DOWN",
              Duration.ofSeconds(60),
              () -> readiness(second),
              c -> "DOWN".equals(c.getString("status")));
      assertThat(alarm.getJsonObject("data").getString("alarm"))
          .contains("witness " + DevelopmentWitness.NAME + "+" + witnessKey.keyIdHex())
          .contains("as inconsistent with the checkpoint it cosigned before")
          .contains("does not extend the one of " + cosigned + " entries");
      assertThat(get(second.base().resolve("/health/ready")).statusCode()).isEqualTo(503);
      assertThat(second.log())
          .contains("Audit witnessing alarm: witness " + DevelopmentWitness.NAME);
      assertThat(verifyExport(second, second.as(Demo.AUDITOR), witnessKey, dataDir, 1))
          .as("the rewritten history's export, with the witness required")
          .contains("witnesses given, but 1 are required")
          .contains("Result         FAILED");
      HttpResponse<String> kept = witnessed(witness, logKey.name());
      assertThat(Checkpoint.verify(kept.body(), logKey.name(), logKey).size())
          .as("the witness still holds the history it cosigned")
          .isEqualTo(cosigned);
    } finally {
      second.stop();
    }
  }

  /**
   * The auditor's export, checked by the verifier jar as the README runs it, with the development
   * witness's published key; the verifier must end with the exit code expected.
   */
  private static String verifyExport(
      RunningHub hub, HubClient auditor, VerifierKey witnessKey, Path dataDir, int exitCode)
      throws Exception {
    Path auditorDir =
        Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-auditor"));
    Path key =
        Files.writeString(
            auditorDir.resolve("log-key.vkey"),
            hub.anonymous().get("/api/audit/log-key?log=" + FJORDVIKS_LOG).body());
    Path tsa =
        Files.writeString(
            auditorDir.resolve("tsa.pem"),
            hub.anonymous().get("/api/audit/tsa-certificates").body());
    Path export =
        Files.write(
            auditorDir.resolve("audit-export.zip"), auditor.get("/api/audit/export").bytes());
    Path jar;
    try (var jars =
        Files.newDirectoryStream(
            Path.of(System.getProperty("hub.repo.dir"), "hub-core", "target"),
            "hub-core-*-verifier.jar")) {
      jar = jars.iterator().next();
    }
    Process verify =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--key",
                key.toString(),
                "--tsa-cert",
                tsa.toString(),
                "--witness",
                witnessKey.encoded(),
                "--allow-pending-timestamp",
                export.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(verify.exitValue()).as(output).isEqualTo(exitCode);
    return output;
  }
}
