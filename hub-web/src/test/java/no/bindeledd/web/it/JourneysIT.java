package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Journeys J1 to J4 against the running hub over HTTP, as the caseworker and the GP office with
 * their own tokens.
 */
class JourneysIT {

  static RunningHub hub;
  static HubClient caseworker;
  static HubClient gp;

  @BeforeAll
  static void signIn() {
    hub = RunningHub.get();
    caseworker = hub.as(CASEWORKER);
    gp = hub.as(GP);
  }

  private static String registerParticipant() {
    Reply created =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  private static JsonObject recordConsent(String participantId) {
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(participantId));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return consent.json();
  }

  private static String askReferral(String participantId) {
    Reply request = caseworker.post("/api/requests", Demo.referralQuestionJson(participantId));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    return request.json().getString("id");
  }

  private static JsonObject awaitStatus(HubClient client, String messageId, String status) {
    return Await.until(
        "message " + messageId + " is " + status,
        () -> client.get("/api/messages/" + messageId + "/status").json(),
        m -> status.equals(m.getString("status")));
  }

  @Test
  void j1TheCaseworkerRecordsAConsentGivenThroughAnInterpreterAndPrintsTheReceipt() {
    String amal = registerParticipant();

    JsonObject consent = recordConsent(amal);

    assertThat(consent.getString("status")).isEqualTo("active");
    assertThat(consent.getJsonObject("evidence").getJsonObject("interpreter").getString("language"))
        .isEqualTo("ar");
    String id = consent.getString("id");
    Reply receipt = caseworker.get("/api/consents/" + id + "/receipt", "text/html");
    assertThat(receipt.status()).isEqualTo(200);
    assertThat(receipt.body())
        .contains("dir=\"rtl\"")
        .contains("lang=\"ar\"")
        .contains("lang=\"nb\"");
    Reply fhir = caseworker.get("/api/consents/" + id + "/fhir");
    assertThat(fhir.status()).isEqualTo(200);
    assertThat(fhir.contentType()).startsWith("application/fhir+json");
    assertThat(fhir.json().getString("resourceType")).isEqualTo("Consent");
    assertThat(fhir.body()).contains("consent-interpreter");
  }

  @Test
  void j2AndJ3TheGpOfficeAnswersACoveredRequestAndTheCaseworkerReadsIt() {
    String amal = registerParticipant();
    String consentId = recordConsent(amal).getString("id");

    String requestId = askReferral(amal);
    awaitStatus(caseworker, requestId, "delivered");

    Reply inbox = gp.get("/api/inbox");
    assertThat(inbox.jsonArray().getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("id"))
        .contains(requestId);
    JsonObject request = gp.get("/api/messages/" + requestId).json();
    assertThat(request.getString("consentId")).isEqualTo(consentId);
    assertThat(request.getString("body")).contains("referred to hospital");

    Reply answer =
        gp.post(
            "/api/messages/" + requestId + "/answers",
            "{\"text\":\"Yes: referred, appointment on 3 December.\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    String answerId = answer.json().getString("id");
    awaitStatus(gp, answerId, "delivered");

    JsonObject read = caseworker.get("/api/messages/" + answerId).json();
    assertThat(read.getString("body")).isEqualTo("Yes: referred, appointment on 3 December.");
    assertThat(read.getString("inReplyTo")).isEqualTo(requestId);
    assertThat(read.getString("conversationId")).isEqualTo(request.getString("conversationId"));
    assertThat(
            caseworker.post("/api/messages/" + answerId + "/read", "").json().getString("status"))
        .isEqualTo("read");
    assertThat(gp.get("/api/messages/" + answerId + "/status").json().getString("status"))
        .as("the GP office sees that its answer was read")
        .isEqualTo("read");
  }

  @Test
  void j2WithoutACoveringConsentTheRequestIsRefusedAndSaysWhy() {
    String amal = registerParticipant();

    Reply refused = caseworker.post("/api/requests", Demo.referralQuestionJson(amal));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.isProblem()).isTrue();
    assertThat(refused.json().getString("refusal")).isEqualTo("no-consent");
    assertThat(caseworker.get("/api/sent").jsonArray().getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("subjectId"))
        .doesNotContain(amal);
  }

  @Test
  void j4AfterWithdrawalNewRequestsAreRefusedAndALateAnswerIsHeld() {
    String amal = registerParticipant();
    String consentId = recordConsent(amal).getString("id");
    String requestId = askReferral(amal);
    awaitStatus(caseworker, requestId, "delivered");

    Reply withdrawn =
        caseworker.post(
            "/api/consents/" + consentId + "/withdrawal",
            "{\"reason\":\"the participant withdrew it\"}");
    assertThat(withdrawn.json().getString("status")).isEqualTo("withdrawn");

    Reply again = caseworker.post("/api/requests", Demo.referralQuestionJson(amal));
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.json().getString("refusal")).isEqualTo("consent-withdrawn");

    Reply late =
        gp.post("/api/messages/" + requestId + "/answers", "{\"text\":\"Yes, referred.\"}");
    assertThat(late.status()).isEqualTo(201);
    assertThat(late.json().getString("status")).as("the GP office is told").isEqualTo("held");
    assertThat(late.json().getString("statusReason")).contains("withdrawn");
    String answerId = late.json().getString("id");

    assertThat(caseworker.get("/api/inbox").jsonArray().getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("id"))
        .doesNotContain(answerId);
    assertThat(caseworker.get("/api/messages/" + answerId).status()).isEqualTo(404);
  }

  @Test
  void j4AnAnswerDeliveredBeforeTheWithdrawalIsNoLongerShown() {
    String amal = registerParticipant();
    String consentId = recordConsent(amal).getString("id");
    String requestId = askReferral(amal);
    awaitStatus(caseworker, requestId, "delivered");
    String answerId =
        gp.post("/api/messages/" + requestId + "/answers", "{\"text\":\"Yes.\"}")
            .json()
            .getString("id");
    awaitStatus(gp, answerId, "delivered");

    caseworker.post("/api/consents/" + consentId + "/withdrawal", "{}");

    Reply signedCopy = caseworker.get("/api/messages/" + answerId + "/signature");
    assertThat(signedCopy.status()).as("the signed copy carries the body").isEqualTo(403);
    assertThat(signedCopy.json().getString("type")).endsWith("/message-held");
    for (int attempt = 1; attempt <= 2; attempt++) {
      Reply opened = caseworker.get("/api/messages/" + answerId);
      assertThat(opened.status()).as("opening %d after the hold", attempt).isEqualTo(403);
      assertThat(opened.json().getString("type")).endsWith("/message-held");
      assertThat(opened.json().getString("detail"))
          .startsWith("This answer reached your agency on ")
          .contains("consent " + consentId + " was withdrawn")
          .doesNotContain("Yes.");
    }
    assertThat(caseworker.get("/api/messages/" + answerId + "/status").json().getString("status"))
        .as("the caseworker who had it sees it held")
        .isEqualTo("held");
    assertThat(gp.get("/api/messages/" + answerId + "/status").json().getString("status"))
        .isEqualTo("held");
  }
}
