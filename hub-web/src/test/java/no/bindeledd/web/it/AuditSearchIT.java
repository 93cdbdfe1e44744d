package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.AUDITOR;
import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * J7 at the API: the auditor lists every event about a person with who, which agency, what, when,
 * why and the outcome, filters and pages them, and exports them as CSV. Nobody else reads the log.
 */
class AuditSearchIT {

  static RunningHub hub;
  static HubClient auditor;
  static HubClient caseworker;
  static String amal;
  static String requestId;

  @BeforeAll
  static void aDeliveredRequestAndARefusedOne() {
    hub = RunningHub.get();
    auditor = hub.as(AUDITOR);
    caseworker = hub.as(CASEWORKER);
    amal =
        caseworker
            .post("/api/participants", Demo.participantJson(Demo.adultNationalId()))
            .json()
            .getString("id");
    caseworker.post("/api/consents", Demo.gpConsentJson(amal));
    requestId =
        caseworker.post("/api/requests", Demo.referralQuestionJson(amal)).json().getString("id");
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + requestId + "/status").json(),
        m -> "delivered".equals(m.getString("status")));
    Reply refused =
        caseworker.post(
            "/api/requests",
            """
            {"recipient":"%s","subjectId":"%s","category":"appointment-outcomes",
             "purpose":"participant-plan-sharing","question":"Any news?"}"""
                .formatted(Demo.GP_OFFICE, amal));
    assertThat(refused.status()).isEqualTo(403);
  }

  private static List<JsonObject> entries(String query) {
    Reply reply = auditor.get("/api/audit/entries?" + query);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("entries").stream().map(v -> v.asJsonObject()).toList();
  }

  @Test
  void theAuditorSeesWhoWhatWhenWhyAndTheOutcomeOfEveryEventAboutAPerson() {
    List<JsonObject> about = entries("person=" + amal);

    assertThat(about).extracting(e -> e.getString("subject")).containsOnly(amal);
    JsonObject sent =
        about.stream().filter(e -> e.getString("type").equals("message.sent")).findFirst().get();
    assertThat(sent.getJsonObject("agent").getString("who")).isEqualTo(CASEWORKER);
    assertThat(sent.getJsonObject("agent").getString("agency")).isEqualTo(Demo.REFUGEE_SERVICE);
    assertThat(sent.getJsonObject("why").getString("purposeOfEvent"))
        .isEqualTo("introduction-programme-follow-up");
    assertThat(sent.getJsonObject("why").getString("consent")).isNotBlank();
    assertThat(sent.getString("recorded")).endsWith("Z");
    List<JsonObject> decisions =
        about.stream().filter(e -> e.getString("type").equals("consent.decision")).toList();
    assertThat(decisions).extracting(e -> e.getString("decision")).contains("permit", "deny");
    assertThat(decisions)
        .filteredOn(e -> e.getString("decision").equals("permit"))
        .allMatch(e -> e.getJsonArray("entity").toString().contains("Consent/"));
  }

  @Test
  void filtersByOutcomeAgencyAndPages() {
    assertThat(entries("person=" + amal + "&outcome=refused"))
        .extracting(e -> e.getString("type"))
        .containsOnly("consent.decision");
    assertThat(entries("person=" + amal + "&agency=" + Demo.GP_OFFICE))
        .extracting(e -> e.getString("type"))
        .contains("message.delivered");
    Reply firstPage = auditor.get("/api/audit/entries?person=" + amal + "&size=2");
    assertThat(firstPage.json().getBoolean("hasMore")).isTrue();
    assertThat(firstPage.json().getJsonArray("entries")).hasSize(2);
  }

  @Test
  void theCsvExportHoldsTheSameEntries() {
    Reply csv = auditor.get("/api/audit/entries/csv?person=" + amal, "text/csv");

    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("seq,recorded,type,outcome,decision,user,agency");
    List<Long> exported =
        java.util.Arrays.stream(lines).skip(1).map(l -> Long.valueOf(l.split(",")[0])).toList();
    long lastExported = exported.get(exported.size() - 1);
    // The search below comes later, so it also finds the export's own entry: compare up to it.
    List<Long> listed =
        entries("person=" + amal).stream()
            .map(e -> e.getJsonNumber("seq").longValue())
            .filter(seq -> seq <= lastExported)
            .toList();
    assertThat(exported).isEqualTo(listed);
    assertThat(csv.body()).contains(",message.delivered,success,");
  }

  @Test
  void onlyTheAuditorReadsTheLogAndBadQueriesAreProblems() {
    assertThat(caseworker.get("/api/audit/entries?person=" + amal).status()).isEqualTo(403);
    assertThat(hub.as(GP).get("/api/audit/entries").status()).isEqualTo(403);
    assertThat(hub.anonymous().get("/api/audit/entries").status()).isEqualTo(401);
    Reply badOutcome = auditor.get("/api/audit/entries?outcome=maybe");
    assertThat(badOutcome.status()).isEqualTo(400);
    assertThat(badOutcome.isProblem()).isTrue();
    assertThat(auditor.get("/api/audit/entries?from=yesterday").status()).isEqualTo(400);
    assertThat(auditor.get("/api/audit/entries?size=100000").status()).isEqualTo(400);
  }

  @Test
  void readingTheLogIsItselfLogged() {
    Instant before = Instant.now();
    entries("person=" + amal);

    assertThat(entries("action=audit.searched&user=" + AUDITOR + "&from=" + before))
        .as("the search's terms are the entry's note, which can be erased")
        .extracting(e -> e.getJsonObject("note").getString("text"))
        .anyMatch(r -> r.contains("person=" + amal));
  }
}
