package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.AUDITOR;
import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP;
import static no.bindeledd.web.it.Demo.SCHOOL_LIAISON;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the staff screens ask of the API beyond the journeys' own calls, over HTTP with the demo
 * users' tokens: declining a request, "would a consent cover this?", who am I and what waits, a
 * person's conversations, finding a participant by name, and one audit entry.
 */
class ScreensApiIT {

  static RunningHub hub;
  static HubClient caseworker;
  static HubClient gp;
  static HubClient auditor;

  @BeforeAll
  static void signIn() {
    hub = RunningHub.get();
    caseworker = hub.as(CASEWORKER);
    gp = hub.as(GP);
    auditor = hub.as(AUDITOR);
  }

  private static String register(String givenName) {
    Reply created =
        caseworker.post(
            "/api/participants",
            Demo.participantJson(Demo.adultNationalId())
                .replace("\"Amal\"", "\"" + givenName + "\""));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  private static String consentFor(String person) {
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(person));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return consent.json().getString("id");
  }

  private static String askAndAwaitDelivery(String person) {
    String request =
        caseworker.post("/api/requests", Demo.referralQuestionJson(person)).json().getString("id");
    awaitStatus(caseworker, request, "delivered");
    return request;
  }

  private static JsonObject awaitStatus(HubClient client, String message, String status) {
    return Await.until(
        "message " + message + " is " + status,
        () -> client.get("/api/messages/" + message + "/status").json(),
        m -> status.equals(m.getString("status")));
  }

  private static String coverageOf(String person) {
    return "/api/coverage/requests?recipient="
        + Demo.GP_OFFICE
        + "&subject="
        + person
        + "&category=referral-status&purpose=introduction-programme-follow-up";
  }

  @Test
  void theGpOfficeDeclinesWithAReasonTheAskerReadsAndTheRequestTakesNoAnswer() {
    String amal = register("Amal");
    String consent = consentFor(amal);
    String request = askAndAwaitDelivery(amal);

    Reply declined =
        gp.post(
            "/api/messages/" + request + "/decline",
            "{\"reason\":\"Not our patient since March; ask Fjellet GP Office.\"}");

    assertThat(declined.status()).as(declined.toString()).isEqualTo(201);
    String decline = declined.json().getString("id");
    assertThat(declined.json().getString("kind")).isEqualTo("decline");
    assertThat(declined.json().getString("inReplyTo")).isEqualTo(request);
    awaitStatus(gp, decline, "delivered");
    JsonObject status = caseworker.get("/api/messages/" + request + "/status").json();
    assertThat(status.getString("status")).isEqualTo("declined");
    assertThat(status.getString("statusReason")).contains(decline);
    JsonObject reason = caseworker.get("/api/messages/" + decline).json();
    assertThat(reason.getString("body"))
        .isEqualTo("Not our patient since March; ask Fjellet GP Office.");
    assertThat(reason.getString("consentId")).isEqualTo(consent);
    assertThat(
            caseworker
                .get("/api/conversations/" + request)
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("kind") + ":" + m.getString("status"))
        .containsExactly("request:declined", "decline:delivered");

    Reply answer = gp.post("/api/messages/" + request + "/answers", "{\"text\":\"Yes.\"}");
    assertThat(answer.status()).as("a declined request takes no answer").isEqualTo(409);
    assertThat(answer.isProblem()).isTrue();
    assertThat(gp.post("/api/messages/" + request + "/decline", "{\"reason\":\"Again\"}").status())
        .isEqualTo(409);

    List<String> audited =
        auditor
            .get("/api/audit/entries?person=" + amal + "&size=500")
            .json()
            .getJsonArray("entries")
            .getValuesAs(JsonObject.class)
            .stream()
            .map(e -> e.getString("type") + ":" + e.getString("outcome"))
            .toList();
    assertThat(audited)
        .as("audited as an answer is, and as a decline")
        .containsSubsequence(
            "consent.decision:allowed", "message.sent:success", "message.declined:success");
  }

  @Test
  void beforeSendingTheCaseworkerLearnsWhyNoConsentCoversItAndWhichWould() {
    String amal = register("Amal");
    String consent = consentFor(amal);
    caseworker.post("/api/consents/" + consent + "/withdrawal", "{\"reason\":\"she withdrew\"}");
    int sentBefore = caseworker.get("/api/sent").jsonArray().size();

    Reply refused = caseworker.get(coverageOf(amal));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
    JsonObject coverage = refused.json();
    assertThat(coverage.getBoolean("covered")).isFalse();
    assertThat(coverage.getString("refusal")).isEqualTo("consent-withdrawn");
    JsonObject closest = coverage.getJsonArray("closest").getJsonObject(0);
    assertThat(closest.getJsonObject("consent").getString("id")).isEqualTo(consent);
    assertThat(closest.getJsonArray("differences").getValuesAs(JsonString.class))
        .extracting(JsonString::getString)
        .containsExactly("withdrawn");
    JsonObject toRecord = coverage.getJsonObject("consentToRecord");
    assertThat(toRecord.getString("disclosingAgency")).isEqualTo(Demo.GP_OFFICE);
    assertThat(toRecord.getString("receivingAgency")).isEqualTo(Demo.REFUGEE_SERVICE);
    assertThat(caseworker.get("/api/sent").jsonArray()).as("nothing sent").hasSize(sentBefore);
    Reply sending = caseworker.post("/api/requests", Demo.referralQuestionJson(amal));
    assertThat(sending.json().getString("refusal"))
        .as("sending is refused as the check said")
        .isEqualTo("consent-withdrawn");

    String renewed = consentFor(amal);
    JsonObject covered = caseworker.get(coverageOf(amal)).json();
    assertThat(covered.getBoolean("covered")).isTrue();
    assertThat(covered.getString("consentId")).isEqualTo(renewed);
    assertThat(covered.get("consentToRecord"))
        .as("no consent to record")
        .isIn(null, jakarta.json.JsonValue.NULL);
    assertThat(
            auditor
                .get("/api/audit/entries?person=" + amal + "&action=consent.read&size=500")
                .json()
                .getJsonArray("entries")
                .getValuesAs(JsonObject.class))
        .as("each check is audited as a look at her consents")
        .extracting(e -> e.getString("reason"))
        .anyMatch(r -> r.startsWith("would a consent cover it? no, consent-withdrawn"))
        .anyMatch(r -> r.equals("would a consent cover it? yes, consent " + renewed));
  }

  @Test
  void theSchoolIsToldThatHealthDataCanNeverBeAskedAndIsOfferedNoHealthCategory() {
    String amal = register("Amal");
    HubClient school = hub.as(SCHOOL_LIAISON);

    JsonObject coverage =
        school
            .get(
                "/api/coverage/requests?recipient="
                    + Demo.REFUGEE_SERVICE
                    + "&subject="
                    + amal
                    + "&category=appointment-outcomes&purpose=school-start-follow-up")
            .json();

    assertThat(coverage.getString("refusal")).isEqualTo("health-data-not-allowed");
    assertThat(coverage.get("consentToRecord"))
        .as("no consent could cover it")
        .isIn(null, jakarta.json.JsonValue.NULL);
    JsonObject me = school.get("/api/me").json();
    assertThat(me.getJsonArray("categories").getValuesAs(JsonObject.class))
        .extracting(c -> c.getString("code"))
        .containsExactly("language-support-needs", "interpreter-needs", "participant-plan");
    assertThat(me.getJsonObject("agency").getBoolean("mayReceiveHealthData")).isFalse();
  }

  @Test
  void aPlanDraftIsCheckedForTheConsentToShareItWithNav() {
    String amal = register("Amal");

    JsonObject coverage =
        caseworker.get("/api/coverage/plans?subject=" + amal + "&recipient=" + Demo.NAV).json();

    assertThat(coverage.getString("refusal")).isEqualTo("no-consent");
    assertThat(coverage.getJsonObject("consentToRecord").getJsonArray("categories").getString(0))
        .isEqualTo("participant-plan");
  }

  @Test
  void whoAmITellsTheUserRoleAgencyAndTheHubsCodes() {
    JsonObject me = caseworker.get("/api/me").json();

    assertThat(me.getString("username")).isEqualTo(CASEWORKER);
    assertThat(me.getString("name")).isEqualTo("Kari Kasus");
    assertThat(me.getString("role")).isEqualTo("caseworker");
    assertThat(me.getBoolean("exchangesMessages")).isTrue();
    assertThat(me.getJsonObject("agency").getString("orgNumber")).isEqualTo(Demo.REFUGEE_SERVICE);
    assertThat(me.getJsonObject("agency").getString("name")).isEqualTo("Fjordvik Refugee Service");
    assertThat(me.getJsonObject("agency").getString("kind")).isEqualTo("refugee-service");
    JsonObject vocabulary = me.getJsonObject("vocabulary");
    assertThat(vocabulary.getJsonArray("roles").getValuesAs(JsonObject.class))
        .extracting(r -> r.getString("code"))
        .containsExactly(
            "caseworker",
            "gp-staff",
            "school-liaison",
            "kindergarten-liaison",
            "nav-adviser",
            "auditor",
            "administrator",
            "citizen");
    for (String role : List.of("citizen", "administrator")) {
      assertThat(
              vocabulary.getJsonArray("roles").getValuesAs(JsonObject.class).stream()
                  .filter(r -> r.getString("code").equals(role))
                  .findFirst()
                  .orElseThrow()
                  .getBoolean("exchangesMessages"))
          .as("a " + role + " exchanges no messages")
          .isFalse();
    }
    assertThat(vocabulary.getJsonArray("statuses").getValuesAs(JsonString.class))
        .extracting(JsonString::getString)
        .contains("held", "declined");
    JsonObject auditorMe = auditor.get("/api/me").json();
    assertThat(auditorMe.getString("role")).isEqualTo("auditor");
    assertThat(auditorMe.getBoolean("exchangesMessages")).isFalse();
  }

  @Test
  void whoAmINamesTheMunicipalityOfTheUsersAgencyAndNoneAtASharedOfficeOrForTheHubsAuditor() {
    JsonObject fjordvik = caseworker.get("/api/me").json().getJsonObject("municipality");
    assertThat(fjordvik.getString("number")).isEqualTo("9901");
    assertThat(fjordvik.getString("name")).isEqualTo("Fjordvik");
    JsonObject elvdal = hub.as(Demo.ELVDAL_AUDITOR).get("/api/me").json();
    assertThat(elvdal.getJsonObject("agency").getString("orgNumber"))
        .isEqualTo(Demo.ELVDAL_REFUGEE_SERVICE);
    assertThat(elvdal.getJsonObject("municipality").getString("number")).isEqualTo(Demo.ELVDAL);
    assertThat(elvdal.getJsonObject("municipality").getString("name")).isEqualTo("Elvdal");
    assertThat(absent(hub.as(Demo.OTHER_GP).get("/api/me").json(), "municipality"))
        .as("a GP office serving Fjordvik and Elvdal belongs to neither")
        .isTrue();

    Reply hubAuditor = hub.as(Demo.HUB_AUDITOR).get("/api/me");
    assertThat(hubAuditor.status()).isEqualTo(200);
    assertThat(hubAuditor.json().getString("role")).isEqualTo("auditor");
    assertThat(absent(hubAuditor.json(), "agency")).isTrue();
    assertThat(absent(hubAuditor.json(), "municipality")).isTrue();
    assertThat(hubAuditor.json().getBoolean("exchangesMessages")).isFalse();
  }

  private static boolean absent(JsonObject json, String key) {
    return !json.containsKey(key) || json.isNull(key);
  }

  @Test
  void elvdalsDemoParticipantsHaveConsentsThroughElvdalsOwnAgenciesAndTheOfficesServingIt() {
    HubClient oksana = hub.as(Demo.OKSANA);
    JsonObject me = oksana.get("/api/me").json();
    assertThat(me.getJsonObject("municipality").getString("number")).isEqualTo(Demo.ELVDAL);
    List<JsonObject> actsFor = me.getJsonArray("actsFor").getValuesAs(JsonObject.class);
    assertThat(actsFor).extracting(a -> a.getString("name")).contains("Mykola Kovalenko");

    List<List<String>> consents = new ArrayList<>();
    for (JsonObject person : actsFor) {
      for (JsonObject consent :
          oksana
              .get("/api/consents?subject=" + person.getString("id"))
              .jsonArray()
              .getValuesAs(JsonObject.class)) {
        consents.add(
            List.of(
                consent.getString("disclosingAgency"),
                consent.getString("receivingAgency"),
                consent.getString("purpose")));
      }
    }
    assertThat(consents)
        .containsExactlyInAnyOrder(
            List.of(
                Demo.OTHER_GP_OFFICE,
                Demo.ELVDAL_REFUGEE_SERVICE,
                "introduction-programme-follow-up"),
            List.of(Demo.ELVDAL_REFUGEE_SERVICE, Demo.NAV, "participant-plan-sharing"),
            List.of(Demo.ELVDAL_SCHOOL, Demo.ELVDAL_REFUGEE_SERVICE, "school-start-follow-up"),
            List.of(
                Demo.ELVDAL_KINDERGARTEN,
                Demo.ELVDAL_REFUGEE_SERVICE,
                "kindergarten-start-follow-up"));
  }

  @Test
  void theCountsFollowTheInboxAndTheSentListUntilTheOutcomeIsMarkedSeen() {
    String amal = register("Amal");
    consentFor(amal);
    JsonObject before = gp.get("/api/me/counts").json();
    String request = askAndAwaitDelivery(amal);

    assertThat(gp.get("/api/me/counts").json().getInt("unreadInInbox"))
        .isEqualTo(before.getInt("unreadInInbox") + 1);
    gp.post("/api/messages/" + request + "/read", "");
    assertThat(gp.get("/api/me/counts").json().getInt("unreadInInbox"))
        .isEqualTo(before.getInt("unreadInInbox"));

    int attention = caseworker.get("/api/me/counts").json().getInt("sentNeedingAttention");
    String decline =
        gp.post("/api/messages/" + request + "/decline", "{\"reason\":\"No.\"}")
            .json()
            .getString("id");
    awaitStatus(gp, decline, "delivered");
    assertThat(caseworker.get("/api/me/counts").json().getInt("sentNeedingAttention"))
        .isEqualTo(attention + 1);
    assertThat(caseworker.get("/api/sent?attention=true").jsonArray().getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("id"))
        .contains(request);
    assertThat(caseworker.get("/api/inbox?kind=decline").jsonArray().getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("kind"))
        .containsOnly("decline")
        .isNotEmpty();

    Reply seen = caseworker.post("/api/messages/" + request + "/seen", "");
    assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
    assertThat(caseworker.get("/api/me/counts").json().getInt("sentNeedingAttention"))
        .isEqualTo(attention);
    assertThat(caseworker.get("/api/sent?attention=true").jsonArray().getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("id"))
        .doesNotContain(request);
  }

  @Test
  void aPersonsPageListsTheirConversationsWithEachMessagesDelivery() {
    String amal = register("Amal");
    consentFor(amal);
    String request = askAndAwaitDelivery(amal);
    String answer =
        gp.post("/api/messages/" + request + "/answers", "{\"text\":\"Yes.\"}")
            .json()
            .getString("id");
    awaitStatus(gp, answer, "delivered");

    List<JsonObject> conversations =
        caseworker
            .get("/api/conversations?subject=" + amal)
            .jsonArray()
            .getValuesAs(JsonObject.class);

    assertThat(conversations).hasSize(1);
    JsonObject conversation = conversations.get(0);
    assertThat(conversation.getString("conversationId")).isEqualTo(request);
    assertThat(conversation.getString("kind")).isEqualTo("request");
    assertThat(conversation.getString("counterpart")).isEqualTo(Demo.GP_OFFICE);
    assertThat(conversation.getJsonArray("messages").getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("id"))
        .containsExactly(request, answer);
    assertThat(conversation.getJsonArray("messages").getJsonObject(0).getString("deliveredAt"))
        .isNotBlank();
    assertThat(hub.as(Demo.OTHER_GP).get("/api/conversations?subject=" + amal).jsonArray())
        .as("another office sees none of them")
        .isEmpty();
  }

  @Test
  void theCaseworkerFindsAParticipantByName() {
    String unique = "Zahra" + Demo.adultNationalId().substring(6);
    String zahra = register(unique);

    JsonObject page = caseworker.get("/api/participants?name=" + unique.toLowerCase()).json();

    assertThat(page.getJsonArray("participants").getValuesAs(JsonObject.class))
        .extracting(p -> p.getString("id"))
        .containsExactly(zahra);
  }

  @Test
  void theAuditorOpensOneEntry() {
    String amal = register("Amal");
    JsonObject listed =
        auditor
            .get("/api/audit/entries?person=" + amal)
            .json()
            .getJsonArray("entries")
            .getJsonObject(0);

    Reply entry = auditor.get("/api/audit/entries/" + listed.getJsonNumber("seq").longValue());

    assertThat(entry.status()).as(entry.toString()).isEqualTo(200);
    assertThat(entry.json()).isEqualTo(listed);
    assertThat(auditor.get("/api/audit/entries/999999999").status()).isEqualTo(404);
  }
}
