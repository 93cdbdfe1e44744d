package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hub as its operator sees it when its time-stamping authority cannot be reached: its log,
 * written as JSON for a log collector (the launch option the launcher's {@code
 * BINDELEDD_LOG_FORMAT=json} passes), its readiness and its metrics.
 */
class OperatorViewIT {

  static RunningHub hub;

  @BeforeAll
  static void start() throws IOException {
    Path build = Path.of(System.getProperty("hub.build.dir"));
    Path repo = Path.of(System.getProperty("hub.repo.dir"));
    Path dataDir = Files.createTempDirectory(build, "operator-view-");
    // The authority's certificate: any will do, as no token ever comes.
    Path certificate = dataDir.resolve("tsa.pem");
    Files.writeString(
        certificate,
        Pem.encode(
            DevelopmentCa.loadOrCreate(Files.createTempDirectory(build, "tsa-ca-")).certificate()));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    hub =
        RunningHub.start(
            dataDir,
            List.of(
                "-Dhub.audit.tsa-url=http://127.0.0.1:" + closedPort + "/tsa",
                "-Dhub.audit.tsa-certificates=" + certificate,
                "-Dhub.audit.timestamp-alarm-after=PT3S"),
            List.of(
                "--logproperties",
                repo.resolve("config/payara/logging-json.properties").toString()));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.stop();
    }
  }

  @Test
  void anUnreachableAuthorityMakesTheHubNotReadyAndItsFailuresAreCounted() {
    Reply notReady =
        Await.until(
            "readiness reports the timestamping alarm",
            () -> hub.anonymous().get("/health/ready"),
            r -> r.status() == 503);
    JsonObject timestamping = HealthIT.checks(notReady).get("audit-timestamping");
    assertThat(timestamping.getString("status")).as(notReady.toString()).isEqualTo("DOWN");
    assertThat(timestamping.getJsonObject("data").getString("alarm"))
        .contains("for its timestamp")
        .contains("the last attempt failed");
    assertThat(HealthIT.checks(notReady).get("database").getString("status")).isEqualTo("UP");
    assertThat(hub.anonymous().get("/health/live").status()).isEqualTo(200);

    String metrics = hub.anonymous().get("/metrics", "text/plain").body();
    assertThat(MetricsIT.value(metrics, "bindeledd_timestamping_failures", Map.of()))
        .as(metrics)
        .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
    assertThat(MetricsIT.value(metrics, "bindeledd_checkpoints_untimestamped", Map.of()))
        .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
  }

  @Test
  void theLogIsJsonLinesWithTimeLevelLoggerAndMessageAndNamesNoPerson() {
    HubClient caseworker = hub.as(CASEWORKER);
    String nationalId = Demo.adultNationalId();
    Reply participant = caseworker.post("/api/participants", Demo.participantJson(nationalId));
    assertThat(participant.status()).as(participant.toString()).isEqualTo(201);
    String subject = participant.json().getString("id");
    assertThat(caseworker.post("/api/consents", Demo.gpConsentJson(subject, GP_OFFICE)).status())
        .isEqualTo(201);
    Reply request = caseworker.post("/api/requests", Demo.referralQuestionJson(subject, GP_OFFICE));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + request.json().getString("id") + "/status"),
        r -> r.json().getString("status").equals("delivered"));
    assertThat(caseworker.get("/api/participants/" + subject).status()).isEqualTo(200);
    // A refused request is logged too, with what was refused.
    assertThat(caseworker.post("/api/participants", "{\"nationalId\":\"" + nationalId).status())
        .isEqualTo(400);

    List<String> lines = hub.log().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("the hub logged its start").hasSizeGreaterThan(3);
    for (String line : lines) {
      JsonObject record = parse(line);
      assertThat(record.keySet())
          .as(line)
          .contains("Timestamp", "Level", "LoggerName", "LogMessage");
    }
    assertThat(lines)
        .as("the hub's own records are among them")
        .anySatisfy(l -> assertThat(parse(l).getString("LoggerName")).startsWith("no.bindeledd."));
    assertThat(String.join("\n", lines))
        .as("no person's national identity number in the log")
        .doesNotContain(nationalId)
        .doesNotContain("Testesen");
  }

  private static JsonObject parse(String line) {
    try (var reader = Json.createReader(new StringReader(line))) {
      return reader.readObject();
    } catch (JsonParsingException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }
}
