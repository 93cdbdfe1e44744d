package no.bindeledd.web.drills;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.RunningHub;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure as the people around it meet it (ADR 0035), on a hub of its own whose retention table
 * keeps messages 20 seconds and people and audit notes 40: a caseworker's erasure on a ground the
 * law gives is refused to anyone else and while a consent is in force; a retention run erases what
 * outlived its period and nothing else; the person's access log says what was erased and when; and
 * the auditor's offline verifier still verifies the whole log against a checkpoint saved before.
 */
class RetentionAndErasureIT {

  private static final String RETENTION =
      """
      {"categories":{
        "message":{"keep":"PT20S","after":"settled","basis":"a test deployment"},
        "person":{"keep":"PT40S","after":"last-activity","basis":"a test deployment"},
        "auditNote":{"keep":"PT40S","after":"recorded","basis":"a test deployment"}}}""";

  private static RunningHub hub;
  private static Path work;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir =
        Files.createTempDirectory(Path.of(System.getProperty("hub.build.dir")), "retention-");
    work = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-notes"));
    Path table = Files.writeString(work.resolve("retention.json"), RETENTION);
    hub =
        RunningHub.start(
            dataDir, List.of("-Dhub.retention.file=" + table, "-Dhub.retention.interval=PT2S"));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.stop();
    }
  }

  private static String participant(HubClient caseworker) {
    Reply created =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  private static String consent(HubClient caseworker, String person) {
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(person, Demo.GP_OFFICE));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return consent.json().getString("id");
  }

  private static void withdraw(HubClient caseworker, String consent) {
    Reply withdrawn =
        caseworker.post(
            "/api/consents/" + consent + "/withdrawal", "{\"reason\":\"she moved to Tromsø\"}");
    assertThat(withdrawn.status()).as(withdrawn.toString()).isLessThan(300);
  }

  private static String askAndAwaitDelivery(HubClient caseworker, String person) {
    Reply sent =
        caseworker.post("/api/requests", Demo.referralQuestionJson(person, Demo.GP_OFFICE));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    String id = sent.json().getString("id");
    Awaitility.await("the request is delivered")
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                !List.of("created", "sent").contains(message(caseworker, id).getString("status")));
    return id;
  }

  private static JsonObject message(HubClient caseworker, String id) {
    Reply reply = caseworker.get("/api/messages/" + id);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private static boolean isSet(JsonObject json, String member) {
    return json.containsKey(member) && json.get(member) != JsonValue.NULL;
  }

  private static List<JsonObject> entries(HubClient auditor, String query) {
    return auditor
        .get("/api/audit/entries?size=500&" + query)
        .json()
        .getJsonArray("entries")
        .getValuesAs(JsonObject.class);
  }

  @Test
  void aCaseworkersErasureIsRefusedToOthersAndWhileAConsentIsInForceThenErasesAndIsAudited() {
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    String person = participant(caseworker);
    String consent = consent(caseworker, person);
    String erasure = "/api/participants/" + person + "/erasure";
    String objection = "{\"ground\":\"objection\"}";

    assertThat(hub.as(Demo.GP).post(erasure, objection).status()).isEqualTo(403);
    assertThat(hub.as(Demo.ELVDAL_CASEWORKER).post(erasure, objection).status()).isEqualTo(404);
    Reply badGround = caseworker.post(erasure, "{\"ground\":\"retention-ended\"}");
    assertThat(badGround.status()).isEqualTo(400);
    assertThat(badGround.isProblem()).isTrue();
    Reply inForce = caseworker.post(erasure, objection);
    assertThat(inForce.status()).as(inForce.toString()).isEqualTo(409);
    assertThat(inForce.isProblem()).isTrue();
    assertThat(inForce.json().getString("detail")).contains(consent);
    assertThat(isSet(caseworker.get("/api/participants/" + person).json(), "givenName")).isTrue();

    withdraw(caseworker, consent);
    Reply erased = caseworker.post(erasure, objection);

    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    assertThat(erased.json().getString("ground")).isEqualTo("objection");
    JsonObject after = caseworker.get("/api/participants/" + person).json();
    assertThat(isSet(after, "erasedAt")).isTrue();
    assertThat(isSet(after, "givenName")).isFalse();
    assertThat(isSet(after, "nationalId")).isFalse();
    assertThat(caseworker.post(erasure, objection).status()).isEqualTo(409);
    assertThat(entries(hub.as(Demo.AUDITOR), "action=person.erased&person=" + person))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getString("reason")).startsWith("objection:");
              assertThat(e.getJsonObject("agent").getString("who")).isEqualTo(Demo.CASEWORKER);
            });
    JsonObject log = caseworker.get("/api/participants/" + person + "/access-log").json();
    assertThat(log.getJsonArray("entries").getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("kind"))
        .contains("erased-on-request");
  }

  @Test
  void aRetentionRunErasesWhatOutlivedItsPeriodOnlyAndTheOfflineVerifierStillVerifies()
      throws Exception {
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    HubClient auditor = hub.as(Demo.AUDITOR);
    String leaving = participant(caseworker);
    String leavingConsent = consent(caseworker, leaving);
    String asked = askAndAwaitDelivery(caseworker, leaving);
    withdraw(caseworker, leavingConsent);
    String staying = participant(caseworker);
    consent(caseworker, staying);
    String stayingAsked = askAndAwaitDelivery(caseworker, staying);
    Reply latest = auditor.get("/api/audit/checkpoints/latest");
    assertThat(latest.status()).as(latest.toString()).isEqualTo(200);
    String savedCheckpoint = latest.json().getString("signedNote");

    Awaitility.await("the retention run erases the person whose consent ended")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> isSet(caseworker.get("/api/participants/" + leaving).json(), "erasedAt"));

    JsonObject message = message(caseworker, asked);
    assertThat(isSet(message, "erasedAt")).isTrue();
    assertThat(isSet(message, "body")).isFalse();
    JsonObject stayingMessage = message(caseworker, stayingAsked);
    assertThat(isSet(stayingMessage, "erasedAt"))
        .as("a message's own period ends too, but the person stays while a consent is in force")
        .isTrue();
    JsonObject stayingPerson = caseworker.get("/api/participants/" + staying).json();
    assertThat(isSet(stayingPerson, "erasedAt")).isFalse();
    assertThat(isSet(stayingPerson, "givenName")).isTrue();
    assertThat(entries(auditor, "action=person.erased&person=" + leaving))
        .singleElement()
        .satisfies(e -> assertThat(e.getString("reason")).startsWith("retention-ended:"));
    assertThat(entries(auditor, "action=message.erased&person=" + staying)).hasSize(1);
    Awaitility.await("the withdrawal's note is erased with the person")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                entries(auditor, "action=consent.withdrawn&person=" + leaving).stream()
                    .allMatch(e -> isSet(e.getJsonObject("note"), "erasedAt")));
    JsonObject log = caseworker.get("/api/participants/" + leaving + "/access-log").json();
    assertThat(log.getJsonArray("entries").getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("kind"))
        .contains("erased-after-retention", "received-question");

    OfflineVerifier.Verdict verdict =
        OfflineVerifier.verifyExport(
            hub.anonymous(), auditor, Demo.FJORDVIK, savedCheckpoint, work.resolve("verify"));
    assertThat(verdict.verified()).as(verdict.output()).isTrue();
  }
}
