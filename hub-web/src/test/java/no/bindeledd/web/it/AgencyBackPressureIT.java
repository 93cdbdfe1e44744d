package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure per agency, through the running hub's API: while one GP office's system is down,
 * its senders see the delay to expect once the oldest waiting message is past the warning bound,
 * new requests to it are refused with 503, Retry-After and a problem detail past the refusal bound
 * with nothing stored, another agency takes requests as before, and once the office is back and its
 * outbox has drained it takes requests again. The operator sees the lag in readiness and the
 * metrics. The bounds are seconds here, so that the test need not wait minutes.
 */
class AgencyBackPressureIT {

  private static final Duration WARN_AFTER = Duration.ofSeconds(2);
  private static final Duration REFUSE_AFTER = Duration.ofSeconds(5);

  static RunningHub hub;
  static Simulators simulators;
  static HubClient caseworker;
  static HubClient auditor;
  static String participant;

  @BeforeAll
  static void startAHubWithShortLagBounds() throws Exception {
    Path data =
        Files.createTempDirectory(Path.of(PayaraHub.required("hub.build.dir")), "back-pressure-");
    RunningHub.Ports ports = RunningHub.Ports.free();
    hub =
        RunningHub.start(
            data.resolve("hub-data"),
            ports,
            List.of(
                "-Dhub.delivery.lag.warn-after=" + WARN_AFTER,
                "-Dhub.delivery.lag.refuse-after=" + REFUSE_AFTER,
                // Long enough that nothing expires, and so leaves the outbox, while the office is
                // down.
                "-Dhub.delivery.lifetime.request=PT30M"),
            List.of());
    simulators = Simulators.start(hub.base(), hub.dataDir(), ports.simulators(), ports.smtp());
    caseworker = hub.as(Demo.CASEWORKER);
    auditor = hub.as(Demo.AUDITOR);
    Reply created =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    participant = created.json().getString("id");
    for (String office : List.of(Demo.GP_OFFICE, Demo.HTTP_GP_OFFICE)) {
      Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(participant, office));
      assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stopEverything() {
    if (simulators != null) {
      simulators.stop();
    }
    if (hub != null) {
      hub.stop();
    }
  }

  private static Reply ask(String office) {
    return caseworker.post("/api/requests", Demo.referralQuestionJson(participant, office));
  }

  private static JsonObject status(String messageId) {
    return caseworker.get("/api/messages/" + messageId + "/status").json();
  }

  /**
   * The caseworker's own audit entries about the participant: consent decisions, messages sent. The
   * hub's attempts to deliver are audited too, as the hub's, and go on while the office is down.
   */
  private static long auditEntriesAboutTheParticipant() {
    Reply reply = auditor.get("/api/audit/entries?size=500&person=" + participant);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("entries").stream()
        .map(JsonObject.class::cast)
        .filter(e -> Demo.CASEWORKER.equals(e.getJsonObject("agent").getString("who")))
        .count();
  }

  private static double metric(String name, String agency) {
    String text = hub.anonymous().get("/metrics", "text/plain").body();
    return MetricsIT.value(text, name, Map.of("agency", agency)).orElse(Double.NaN);
  }

  @Test
  void anAgencyFarBehindIsRefusedNewRequestsUntilItHasCaughtUpWhileOthersGoOn() {
    Reply before = ask(Demo.HTTP_GP_OFFICE);
    assertThat(before.status()).as(before.toString()).isEqualTo(201);
    assertThat(before.json().containsKey("expectedDelay"))
        .as("no delay expected while the office keeps up")
        .isFalse();
    String first = before.json().getString("id");
    Await.until(
        "the first request is delivered",
        () -> status(first),
        m -> "delivered".equals(m.getString("status")));

    // Nothing of the office's left in the outbox, so that the lag below is the next request's age.
    Await.until(
        "the office's outbox is empty",
        () -> metric("bindeledd_outbox_waiting", Demo.HTTP_GP_OFFICE),
        count -> count == 0.0);
    // Back-pressure reads the outbox at most once a second: until its read has seen the first
    // request gone, it counts the office's lag from that request.
    Await.until(
        "back-pressure sees the office caught up",
        () -> metric("bindeledd_outbox_lag_seconds", Demo.HTTP_GP_OFFICE),
        lag -> lag == 0.0);
    simulators.takeDown();
    String waiting = ask(Demo.HTTP_GP_OFFICE).json().getString("id");

    // Past the warning bound: still taken, and its sender told the delay to expect.
    JsonObject delayed =
        Await.until(
            "the waiting request's status shows the delay",
            () -> status(waiting),
            m -> m.containsKey("expectedDelay"));
    assertThat(delayed.getString("status")).isEqualTo("created");
    assertThat(Duration.parse(delayed.getString("expectedDelay"))).isGreaterThan(WARN_AFTER);
    Reply taken = ask(Demo.HTTP_GP_OFFICE);
    List<String> waitingForTheOffice = new ArrayList<>(List.of(waiting));
    if (taken.status() == 201) {
      waitingForTheOffice.add(taken.json().getString("id"));
      assertThat(taken.json().containsKey("expectedDelay"))
          .as("%s after the status %s", taken, delayed)
          .isTrue();
      assertThat(Duration.parse(taken.json().getString("expectedDelay")))
          .as("a request taken past the warning bound says the delay it should expect")
          .isGreaterThan(WARN_AFTER);
    } else {
      // The lag had already passed the refusal bound: the refusal is checked below.
      assertThat(taken.status()).as(taken.toString()).isEqualTo(503);
    }
    Map<String, JsonObject> checks =
        HealthIT.checks(
            Await.until(
                "readiness names the office as behind",
                () -> hub.anonymous().get("/health/ready"),
                r -> HealthIT.checks(r).get("connectors").toString().contains("behind")));
    assertThat(
            checks
                .get("connectors")
                .getJsonObject("data")
                .getString(Demo.HTTP_GP_OFFICE + " behind"))
        .contains("waiting messages");

    // Past the refusal bound: refused, with nothing stored or audited.
    Reply refused =
        Await.until(
            "a new request to the office is refused",
            Duration.ofSeconds(30),
            () -> ask(Demo.HTTP_GP_OFFICE),
            r -> r.status() != 201);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
    int sentBefore = caseworker.get("/api/sent").jsonArray().size();
    long auditedBefore = auditEntriesAboutTheParticipant();
    // The lag only grows while the office is down: this one is refused too.
    refused = ask(Demo.HTTP_GP_OFFICE);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
    assertThat(refused.isProblem()).as(refused.toString()).isTrue();
    long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, Math.max(5L, REFUSE_AFTER.toSeconds()));
    JsonObject problem = refused.json();
    assertThat(problem.getString("type"))
        .isEqualTo("https://bindeledd.no/problems/recipient-behind");
    assertThat(problem.getInt("status")).isEqualTo(503);
    assertThat(problem.getString("detail"))
        .contains(Demo.HTTP_GP_OFFICE)
        .contains("send the request again in " + retryAfter + " seconds")
        .doesNotContain(participant)
        .doesNotContainIgnoringCase("exception");
    assertThat(caseworker.get("/api/sent").jsonArray().size())
        .as("nothing stored for the refused request")
        .isEqualTo(sentBefore);
    assertThat(auditEntriesAboutTheParticipant())
        .as("no consent decision or message audited for it")
        .isEqualTo(auditedBefore);
    assertThat(metric("bindeledd_requests_refused_agency_behind_total", Demo.HTTP_GP_OFFICE))
        .isGreaterThanOrEqualTo(1);
    assertThat(metric("bindeledd_outbox_lag_seconds", Demo.HTTP_GP_OFFICE))
        .isGreaterThan(REFUSE_AFTER.toSeconds());
    assertThat(metric("bindeledd_outbox_waiting", Demo.HTTP_GP_OFFICE)).isGreaterThanOrEqualTo(1);

    // Another agency, reading its messages in the hub's inbox, is not held back.
    Reply other = ask(Demo.GP_OFFICE);
    assertThat(other.status()).as(other.toString()).isEqualTo(201);
    assertThat(other.json().containsKey("expectedDelay")).isFalse();
    String otherId = other.json().getString("id");
    Await.until(
        "the other office's request is delivered",
        () -> status(otherId),
        m -> "delivered".equals(m.getString("status")));
    Await.until(
        "the other office's lag is back to nothing",
        () -> metric("bindeledd_outbox_lag_seconds", Demo.GP_OFFICE),
        lag -> lag == 0.0);

    // Back, and its outbox drained: requests to it are taken again, with no delay to expect. Every
    // request taken while it was down must be delivered first: one still waiting, younger than the
    // refusal bound but older than the warning bound, rightly gives the next request a delay.
    simulators.bringBack();
    for (String id : waitingForTheOffice) {
      Await.until(
          "the request " + id + " taken while the office was down is delivered",
          Duration.ofSeconds(60),
          () -> status(id),
          m -> "delivered".equals(m.getString("status")));
    }
    Await.until(
        "back-pressure sees the office caught up again",
        () -> metric("bindeledd_outbox_lag_seconds", Demo.HTTP_GP_OFFICE),
        lag -> lag == 0.0);
    // Back-pressure's own reading, which the metric shows, has seen the outbox empty: the next
    // request is taken at once.
    Reply again = ask(Demo.HTTP_GP_OFFICE);
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
    assertThat(again.json().containsKey("expectedDelay")).as(again.toString()).isFalse();
    String againId = again.json().getString("id");
    Await.until(
        "the new request is delivered",
        () -> status(againId),
        m -> "delivered".equals(m.getString("status")));
  }
}
