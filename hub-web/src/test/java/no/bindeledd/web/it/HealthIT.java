package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.HTTP_GP_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Liveness and readiness as an orchestrator or load balancer reads them, anonymously at {@code
 * /health/live} and {@code /health/ready}: the database, the delivery routes, each agency's
 * connector and the audit log's alarms; and readiness going DOWN, with the reason, when an agency's
 * system stops taking what the hub sends it, and UP again once it is back.
 */
class HealthIT {

  static RunningHub hub;
  static Simulators simulators;
  static HubClient caseworker;

  @BeforeAll
  static void start() {
    hub = RunningHub.get();
    simulators = Simulators.get();
    caseworker = hub.as(CASEWORKER);
  }

  @AfterEach
  void recipientIsBack() {
    simulators.bringBack();
  }

  /** The checks of a health answer by name. */
  static Map<String, JsonObject> checks(Reply health) {
    return health.json().getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
  }

  @Test
  void livenessAndReadinessAreUpAndNameWhatTheyCheck() {
    Reply live = hub.anonymous().get("/health/live");
    assertThat(live.status()).as(live.toString()).isEqualTo(200);
    assertThat(live.contentType()).startsWith("application/json");
    assertThat(live.json().getString("status")).isEqualTo("UP");
    assertThat(checks(live).get("delivery-routes").getJsonObject("data").getString("camel"))
        .isEqualTo("Started");

    Reply ready =
        Await.until(
            "the hub is ready", () -> hub.anonymous().get("/health/ready"), r -> r.status() == 200);
    Map<String, JsonObject> checks = checks(ready);
    assertThat(checks)
        .containsKeys(
            "database", "connectors", "audit-timestamping", "audit-history", "audit-witnessing");
    checks
        .values()
        .forEach(c -> assertThat(c.getString("status")).as(c.toString()).isEqualTo("UP"));
    assertThat(checks.get("database").getJsonObject("data").getString("state"))
        .isEqualTo("answered");
    assertThat(checks.get("connectors").getJsonObject("data").getString("routes"))
        .endsWith("started");

    // /health is both together, and what a probe that knows neither path asks.
    Reply both = hub.anonymous().get("/health");
    assertThat(both.status()).isEqualTo(200);
    assertThat(checks(both)).containsKeys("delivery-routes", "database", "connectors");
  }

  @Test
  void anAgencyWhoseSystemKeepsRefusingMakesTheHubNotReadyWithTheReasonAndNoPerson() {
    simulators.takeDown();
    String nationalId = Demo.adultNationalId();
    Reply participant = caseworker.post("/api/participants", Demo.participantJson(nationalId));
    String subject = participant.json().getString("id");
    assertThat(
            caseworker.post("/api/consents", Demo.gpConsentJson(subject, HTTP_GP_OFFICE)).status())
        .isEqualTo(201);
    Reply request =
        caseworker.post("/api/requests", Demo.referralQuestionJson(subject, HTTP_GP_OFFICE));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);

    Reply notReady =
        Await.until(
            "readiness reports the GP office's connector DOWN",
            Duration.ofSeconds(25),
            () -> hub.anonymous().get("/health/ready"),
            r ->
                r.status() == 503
                    && checks(r)
                        .get("connectors")
                        .getJsonObject("data")
                        .containsKey(HTTP_GP_OFFICE));
    JsonObject connectors = checks(notReady).get("connectors");
    assertThat(connectors.getString("status")).isEqualTo("DOWN");
    String reason = connectors.getJsonObject("data").getString(HTTP_GP_OFFICE);
    assertThat(reason)
        .as("why, in the connector's words")
        .contains("failed")
        .contains("last error");
    assertThat(notReady.body())
        .as("health names no person")
        .doesNotContain(nationalId)
        .doesNotContain(subject)
        .doesNotContain("Testesen");
    assertThat(checks(notReady).get("database").getString("status"))
        .as("only the connector is DOWN")
        .isEqualTo("UP");
    assertThat(hub.anonymous().get("/health/live").status())
        .as("an agency that is away is no reason to restart the hub")
        .isEqualTo(200);

    simulators.bringBack();
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + request.json().getString("id") + "/status"),
        r -> r.json().getString("status").equals("delivered"));
    Await.until(
        "readiness is UP again",
        () -> hub.anonymous().get("/health/ready"),
        r -> r.status() == 200);
  }
}
