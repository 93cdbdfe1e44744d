package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP_OFFICE;
import static no.bindeledd.web.it.Demo.HTTP_GP_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub's metrics at {@code /metrics}, as a Prometheus scraper reads them: each moves when what
 * it counts happens, and none carries a person.
 */
class MetricsIT {

  static RunningHub hub;
  static Simulators simulators;
  static HubClient caseworker;

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})?\\s+(\\S+)", Pattern.MULTILINE);
  private static final Pattern TAG = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

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

  static String scrape() {
    Reply metrics = hub.anonymous().get("/metrics", "text/plain");
    assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
    return metrics.body();
  }

  /** The value of the sample {@code name} whose tags include {@code tags}, if there is one. */
  static Optional<Double> value(String text, String name, Map<String, String> tags) {
    Matcher sample = SAMPLE.matcher(text);
    while (sample.find()) {
      if (!sample.group(1).equals(name)) {
        continue;
      }
      Map<String, String> found = new java.util.HashMap<>();
      if (sample.group(2) != null) {
        Matcher tag = TAG.matcher(sample.group(2));
        while (tag.find()) {
          found.put(tag.group(1), tag.group(2));
        }
      }
      if (found.entrySet().containsAll(tags.entrySet())) {
        return Optional.of(Double.parseDouble(sample.group(3)));
      }
    }
    return Optional.empty();
  }

  static double metric(String name, Map<String, String> tags) {
    String text = scrape();
    return value(text, name, tags)
        .orElseThrow(() -> new AssertionError("no " + name + " " + tags + " in\n" + text));
  }

  static double metric(String name) {
    return metric(name, Map.of());
  }

  private static String sendTo(String office, String nationalId) {
    Reply participant = caseworker.post("/api/participants", Demo.participantJson(nationalId));
    String subject = participant.json().getString("id");
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(subject, office));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    Reply request = caseworker.post("/api/requests", Demo.referralQuestionJson(subject, office));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    return request.json().getString("id");
  }

  @Test
  void aDeliveredRequestMovesMessagesDeliveriesConsentDecisionsAuditAndCheckpoints() {
    double delivered = metric("bindeledd_messages", Map.of("status", "delivered"));
    double toOffice =
        metric("bindeledd_deliveries", Map.of("agency", GP_OFFICE, "status", "delivered"));
    double allowed = metric("bindeledd_consent_decisions", Map.of("outcome", "allowed"));
    double entries = metric("bindeledd_audit_entries");

    String nationalId = Demo.adultNationalId();
    String id = sendTo(GP_OFFICE, nationalId);
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + id + "/status").json().getString("status"),
        "delivered"::equals);

    Await.until(
        "the metrics count the delivery",
        MetricsIT::scrape,
        text ->
            value(text, "bindeledd_messages", Map.of("status", "delivered")).orElse(0.0)
                    >= delivered + 1
                && value(
                            text,
                            "bindeledd_deliveries",
                            Map.of("agency", GP_OFFICE, "status", "delivered"))
                        .orElse(0.0)
                    >= toOffice + 1
                && value(text, "bindeledd_consent_decisions", Map.of("outcome", "allowed"))
                        .orElse(0.0)
                    >= allowed + 2
                && value(text, "bindeledd_audit_entries", Map.of()).orElse(0.0) >= entries + 4);

    // The checkpoint that covers the new entries comes within the checkpoint interval.
    Await.until(
        "a checkpoint covers the log",
        MetricsIT::scrape,
        text ->
            value(text, "bindeledd_checkpoint_lag_entries", Map.of()).orElse(-1.0) == 0
                && value(text, "bindeledd_checkpoint_age_seconds", Map.of()).orElse(-1.0) >= 0);
    String text = scrape();
    assertThat(text).as("no person in the metrics").doesNotContain(nationalId).doesNotContain(id);
  }

  @Test
  void aDeliveryThatFailsIsCountedAsRetryingForItsConnector() {
    simulators.takeDown();
    String id = sendTo(HTTP_GP_OFFICE, Demo.adultNationalId());
    Await.until(
        "the metrics show the GP office's connector trying again",
        Duration.ofSeconds(20),
        MetricsIT::scrape,
        t ->
            value(t, "bindeledd_outbox_retrying", Map.of("agency", HTTP_GP_OFFICE)).orElse(0.0) >= 1
                && value(t, "bindeledd_outbox_most_attempts", Map.of("agency", HTTP_GP_OFFICE))
                        .orElse(0.0)
                    >= 1);
    simulators.bringBack();
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + id + "/status").json().getString("status"),
        "delivered"::equals);
    Await.until(
        "nothing waits for the GP office any more",
        () -> metric("bindeledd_outbox_waiting", Map.of("agency", HTTP_GP_OFFICE)),
        v -> v == 0);
  }
}
