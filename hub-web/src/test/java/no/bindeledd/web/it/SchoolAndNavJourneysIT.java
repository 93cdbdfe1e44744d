package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.KINDERGARTEN_LIAISON;
import static no.bindeledd.web.it.Demo.SCHOOL_LIAISON;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * J5 and J6 against the running hub: a school and a kindergarten work in the hub's inbox and are
 * told of new messages by an e-mail without personal data (to a real SMTP server in this JVM); a
 * participant's plan goes to NAV's intake over HTTP, signed, and is acknowledged.
 */
class SchoolAndNavJourneysIT {

  static RunningHub hub;
  static Simulators simulators;
  static HubClient caseworker;

  @BeforeAll
  static void start() {
    hub = RunningHub.get();
    simulators = Simulators.get();
    caseworker = hub.as(CASEWORKER);
  }

  private static String registerParticipant(String nationalId) {
    Reply created = caseworker.post("/api/participants", Demo.participantJson(nationalId));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  private static String registerChild(String guardian, String nationalId, String givenName) {
    Reply child =
        caseworker.post(
            "/api/participants/" + guardian + "/children",
            """
            {"nationalId":"%s","givenName":"%s","familyName":"Testesen","preferredLanguage":"ar"}"""
                .formatted(nationalId, givenName));
    assertThat(child.status()).as(child.toString()).isEqualTo(201);
    return child.json().getString("id");
  }

  /** J5's consent: the guardian lets the refugee service and the school talk about support. */
  private static Reply recordGuardianConsent(
      String child, String guardian, String agency, String purpose, String categories) {
    return caseworker.post(
        "/api/consents",
        """
        {"subjectId":"%s","grantorId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
         "direction":"both-ways","categories":[%s],"purpose":"%s","validForDays":365,
         "evidence":{"collectionMethod":"paper-form",
           "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           "textLanguage":"ar","interpreter":{"identity":"Interpreter 4711","language":"ar"}}}"""
            .formatted(child, guardian, Demo.REFUGEE_SERVICE, agency, categories, purpose));
  }

  private static List<MimeMessage> mailTo(String address) {
    return Arrays.stream(simulators.mail.getReceivedMessages())
        .filter(
            m -> {
              try {
                return Arrays.stream(m.getAllRecipients())
                    .anyMatch(a -> a.toString().equals(address));
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  private static String text(MimeMessage message) {
    try {
      return message.getSubject() + "\n" + message.getContent();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "school, "
        + Demo.SCHOOL
        + ", "
        + SCHOOL_LIAISON
        + ", school-start-follow-up, postmottak@fjordvik-skole.example",
    "kindergarten, "
        + Demo.KINDERGARTEN
        + ", "
        + KINDERGARTEN_LIAISON
        + ", kindergarten-start-follow-up, styrer@fjordvik-barnehage.example"
  })
  void j5TheLiaisonAsksForAnInterpreterUnderTheGuardiansConsentAndIsToldByEmail(
      String kind, String agency, String liaisonUser, String purpose, String address) {
    String guardian = registerParticipant(Demo.adultNationalId());
    String childNationalId = Demo.childNationalId();
    String child = registerChild(guardian, childNationalId, "Yasmin");
    Reply consent =
        recordGuardianConsent(
            child, guardian, agency, purpose, "\"language-support-needs\",\"interpreter-needs\"");
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    HubClient liaison = hub.as(liaisonUser);
    int mailsBefore = mailTo(address).size();

    Reply asked =
        liaison.post(
            "/api/requests",
            """
            {"recipient":"%s","subjectId":"%s","category":"interpreter-needs","purpose":"%s",
             "question":"Does the family need an Arabic interpreter at the parent meeting?"}"""
                .formatted(Demo.REFUGEE_SERVICE, child, purpose));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    String requestId = asked.json().getString("id");
    Await.until(
        "the request is in the refugee service's inbox",
        () -> caseworker.get("/api/messages/" + requestId + "/status").json(),
        m -> "delivered".equals(m.getString("status")));
    Reply answered =
        caseworker.post(
            "/api/messages/" + requestId + "/answers",
            "{\"text\":\"Yes: Arabic, booked for the meeting on 3 December.\"}");
    assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
    String answerId = answered.json().getString("id");

    JsonObject inInbox =
        Await.until(
                "the answer is in the " + kind + "'s inbox",
                () ->
                    liaison.get("/api/inbox").jsonArray().stream()
                        .map(v -> v.asJsonObject())
                        .filter(m -> answerId.equals(m.getString("id")))
                        .toList(),
                found -> !found.isEmpty())
            .get(0);
    assertThat(inInbox.getString("inReplyTo")).isEqualTo(requestId);
    assertThat(liaison.get("/api/messages/" + answerId).json().getString("body"))
        .contains("Arabic");
    List<MimeMessage> mails =
        Await.until(
            "the " + kind + " is told by e-mail",
            () -> mailTo(address),
            found -> found.size() > mailsBefore);
    String mail = text(mails.get(mails.size() - 1));
    assertThat(mail).contains("Bindeledd").contains(hub.base().toString());
    assertThat(mail)
        .as("the e-mail carries no personal data")
        .doesNotContain("Yasmin")
        .doesNotContain("Testesen")
        .doesNotContain(childNationalId)
        .doesNotContain(child)
        .doesNotContain("Arabic")
        .doesNotContain("interpreter");
  }

  @Test
  void healthDataNeverReachesASchoolWhateverAConsentSays() {
    String guardian = registerParticipant(Demo.adultNationalId());
    String child = registerChild(guardian, Demo.childNationalId(), "Omar");

    Reply consent =
        recordGuardianConsent(
            child,
            guardian,
            Demo.SCHOOL,
            "school-start-follow-up",
            "\"referral-status\",\"language-support-needs\"");
    assertThat(consent.status())
        .as("a consent cannot let health data reach a school")
        .isIn(400, 403);
    Reply supportOnly =
        recordGuardianConsent(
            child, guardian, Demo.SCHOOL, "school-start-follow-up", "\"language-support-needs\"");
    assertThat(supportOnly.status()).isEqualTo(201);

    Reply asked =
        hub.as(SCHOOL_LIAISON)
            .post(
                "/api/requests",
                """
                {"recipient":"%s","subjectId":"%s","category":"referral-status",
                 "purpose":"school-start-follow-up","question":"Was the child referred?"}"""
                    .formatted(Demo.REFUGEE_SERVICE, child));
    assertThat(asked.status()).isEqualTo(403);
    assertThat(asked.json().getString("refusal")).isEqualTo("health-data-not-allowed");
  }

  private static String planJson(String participant) {
    return """
        {"subjectId":"%s","recipient":"%s","startDate":"2027-01-04",
         "phases":[{"title":"Introduction","from":"2027-01-04","to":"2027-06-30",
           "measures":[{"description":"Norwegian classes","schedule":"mornings, five days a week"},
                       {"description":"Language practice at a workplace","schedule":"two days a week"}]},
          {"title":"Work practice","from":"2027-07-01","to":"2027-12-31",
           "measures":[{"description":"Work practice at the municipality's depot"}]}]}"""
        .formatted(participant, Demo.NAV);
  }

  private static String navConsentJson(String participant) {
    return """
        {"subjectId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
         "categories":["participant-plan"],"purpose":"participant-plan-sharing","validForDays":365,
         "evidence":{"collectionMethod":"paper-form",
           "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           "textLanguage":"ar"}}"""
        .formatted(participant, Demo.REFUGEE_SERVICE, Demo.NAV);
  }

  @Test
  void j6WithoutConsentNothingGoesToNavAndTheCaseworkerIsToldWhy() {
    String nationalId = Demo.adultNationalId();
    String amal = registerParticipant(nationalId);

    Reply refused = caseworker.post("/api/plans", planJson(amal));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().getString("refusal")).isEqualTo("no-consent");
    assertThat(refused.json().getString("detail")).isNotBlank();
    assertThat(simulators.nav.plans())
        .noneMatch(p -> p.getJsonObject("participant").getString("nationalId").equals(nationalId));
  }

  @Test
  void j6ThePlanGoesToNavSignedAndNavsAcknowledgementClosesTheDelivery() {
    String nationalId = Demo.adultNationalId();
    String amal = registerParticipant(nationalId);
    Reply consent = caseworker.post("/api/consents", navConsentJson(amal));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);

    Reply shared = caseworker.post("/api/plans", planJson(amal));
    assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
    String planId = shared.json().getString("id");

    JsonObject delivered =
        Await.until(
            "NAV acknowledged the plan",
            () -> caseworker.get("/api/messages/" + planId + "/status").json(),
            m -> "delivered".equals(m.getString("status")));
    assertThat(delivered.getString("recipientReference")).startsWith("NAV-SIM-");
    JsonObject atNav =
        simulators.nav.plans().stream()
            .filter(p -> p.getString("messageId").equals(planId))
            .findFirst()
            .orElseThrow();
    assertThat(atNav.getJsonObject("participant").getString("nationalId")).isEqualTo(nationalId);
    assertThat(atNav.getString("startDate")).isEqualTo("2027-01-04");
    assertThat(atNav.getJsonArray("phases")).hasSize(2);
    assertThat(atNav.toString()).contains("two days a week");
    assertThat(atNav.getJsonObject("consent").getString("id"))
        .isEqualTo(consent.json().getString("id"));
    assertThat(simulators.nav.unencryptedPlans())
        .as("every plan reached NAV encrypted for NAV")
        .isZero();
  }
}
