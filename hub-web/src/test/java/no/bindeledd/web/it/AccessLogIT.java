package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP;
import static no.bindeledd.web.it.Demo.SCHOOL_LIAISON;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * J8 against the running hub: after the GP office has answered, the caseworker reads the
 * participant's access log on their behalf, in Arabic and Norwegian; other agencies may not.
 */
class AccessLogIT {

  private static final String GP_OFFICE_NAME = "Fjordvik GP Office";
  private static final String REFUGEE_SERVICE_NAME = "Fjordvik Refugee Service";

  static RunningHub hub;
  static HubClient caseworker;
  static HubClient gp;
  static String amal;
  static String consentId;

  /** J1 to J3: Amal's consent, the caseworker's question, the GP office's answer, read. */
  @BeforeAll
  static void answeredRequest() {
    hub = RunningHub.get();
    caseworker = hub.as(CASEWORKER);
    gp = hub.as(GP);
    Reply registered =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    amal = registered.json().getString("id");
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(amal));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    consentId = consent.json().getString("id");
    Reply request = caseworker.post("/api/requests", Demo.referralQuestionJson(amal));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    String requestId = request.json().getString("id");
    awaitDelivered(caseworker, requestId);
    assertThat(gp.get("/api/messages/" + requestId).status()).isEqualTo(200);
    Reply answer =
        gp.post(
            "/api/messages/" + requestId + "/answers",
            "{\"text\":\"Yes: referred, appointment on 3 December.\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    String answerId = answer.json().getString("id");
    awaitDelivered(gp, answerId);
    assertThat(caseworker.get("/api/messages/" + answerId).status()).isEqualTo(200);
  }

  private static void awaitDelivered(HubClient client, String messageId) {
    Await.until(
        "message " + messageId + " is delivered",
        () -> client.get("/api/messages/" + messageId + "/status").json().getString("status"),
        "delivered"::equals);
  }

  private static List<JsonObject> entries(JsonObject log) {
    return log.getJsonArray("entries").getValuesAs(JsonObject.class);
  }

  @Test
  void theCaseworkerReadsTheAccessLogAsJsonInThePersonsLanguageAndNorwegian() {
    Reply reply = caseworker.get("/api/participants/" + amal + "/access-log");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonObject log = reply.json();
    assertThat(log.getString("subjectId")).isEqualTo(amal);
    assertThat(log.getBoolean("complete")).isTrue();
    List<JsonObject> entries = entries(log);
    assertThat(entries)
        .extracting(e -> e.getString("kind"), e -> e.getJsonObject("agency").getString("name"))
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("opened", REFUGEE_SERVICE_NAME),
            org.assertj.core.groups.Tuple.tuple("received-information", REFUGEE_SERVICE_NAME),
            org.assertj.core.groups.Tuple.tuple("opened", GP_OFFICE_NAME),
            org.assertj.core.groups.Tuple.tuple("received-question", GP_OFFICE_NAME));
    JsonObject received =
        entries.stream()
            .filter(e -> e.getString("kind").equals("received-information"))
            .findFirst()
            .orElseThrow();
    assertThat(received.getJsonObject("counterpart").getString("organisationNumber"))
        .isEqualTo(Demo.GP_OFFICE);
    assertThat(received.getString("category")).isEqualTo("referral-status");
    assertThat(received.getString("purpose")).isEqualTo("introduction-programme-follow-up");
    assertThat(received.getString("consentId")).isEqualTo(consentId);
    assertThat(received.getString("time")).endsWith("Z");
    assertThat(log.getJsonArray("activeConsents").getValuesAs(JsonObject.class))
        .extracting(c -> c.getString("consentId"))
        .containsExactly(consentId);

    List<JsonObject> sections = log.getJsonArray("sections").getValuesAs(JsonObject.class);
    assertThat(sections)
        .extracting(s -> s.getString("language"), s -> s.getString("direction"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ar", "rtl"),
            org.assertj.core.groups.Tuple.tuple("nb", "ltr"));
    assertThat(sections.get(1).getJsonObject("entries").getJsonArray("items").toString())
        .contains("Fjordvik GP Office fikk et spørsmål om deg fra Fjordvik Refugee Service.");
  }

  @Test
  void theCaseworkerPrintsItAsAnArabicAndNorwegianPage() {
    Reply page = caseworker.get("/api/participants/" + amal + "/access-log?lang=ar", "text/html");

    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .startsWith("<!DOCTYPE html>")
        .contains("<html lang=\"ar\" dir=\"rtl\">")
        .contains("<section lang=\"ar\" dir=\"rtl\">")
        .contains("<section lang=\"nb\" dir=\"ltr\">")
        .contains("من اطّلع على معلوماتك")
        .contains("Hvem har sett opplysninger om deg")
        .contains("<bdi>" + GP_OFFICE_NAME + "</bdi>")
        .contains("<span dir=\"ltr\">" + consentId + "</span>")
        .contains("Fjordvik Refugee Service fikk opplysninger om deg fra Fjordvik GP Office.")
        .contains("<bdi>" + consentId + "</bdi>");
    assertTheOneInlineStyleIsAllowedByThePolicy(page);
  }

  @Test
  void thePrintableReceiptIsStyledUnderTheStrictPolicyToo() {
    Reply page = caseworker.get("/api/consents/" + consentId + "/receipt?lang=fa-AF", "text/html");

    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.body())
        .contains("<html lang=\"fa-AF\" dir=\"rtl\">")
        .contains("<bdi>" + GP_OFFICE_NAME + "</bdi> (نمبر سازمان <span dir=\"ltr\">")
        .contains("data-review-status=\"draft\"");
    assertTheOneInlineStyleIsAllowedByThePolicy(page);
  }

  /**
   * The page has one inline style and the Content Security Policy it is served with allows exactly
   * that style by its SHA-256, and no inline style in general.
   */
  private static void assertTheOneInlineStyleIsAllowedByThePolicy(Reply page) {
    String body = page.body();
    assertThat(body.split("<style>", -1)).as("one style element").hasSize(2);
    String style =
        body.substring(body.indexOf("<style>") + "<style>".length(), body.indexOf("</style>"));
    String hash;
    try {
      hash =
          java.util.Base64.getEncoder()
              .encodeToString(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(style.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    String policy = page.header("Content-Security-Policy").orElse("");
    String styleSrc =
        java.util.Arrays.stream(policy.split(";"))
            .map(String::trim)
            .filter(d -> d.startsWith("style-src "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no style-src in " + policy));
    assertThat(styleSrc.split(" "))
        .contains("'sha256-" + hash + "'")
        .doesNotContain("'unsafe-inline'");
    assertThat(policy).doesNotContain("unsafe-");
  }

  @Test
  void eachOfTheHubsLanguagesIsAskedForAndAnUnknownLanguageGetsEnglish() {
    for (String language : List.of("ti", "fa-AF", "so", "ku", "uk")) {
      assertThat(sectionLanguages(language)).containsExactly(language, "nb");
    }
    assertThat(sectionLanguages("pl")).containsExactly("en", "nb");
  }

  private static List<String> sectionLanguages(String lang) {
    Reply reply = caseworker.get("/api/participants/" + amal + "/access-log?lang=" + lang);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("sections").getValuesAs(JsonObject.class).stream()
        .map(s -> s.getString("language"))
        .toList();
  }

  @Test
  void readingTheLogIsItselfInTheLog() {
    caseworker.get("/api/participants/" + amal + "/access-log");

    JsonObject newest =
        entries(caseworker.get("/api/participants/" + amal + "/access-log").json()).get(0);

    assertThat(newest.getString("kind")).isEqualTo("looked-at-access-log");
    assertThat(newest.getJsonObject("agency").getString("organisationNumber"))
        .isEqualTo(Demo.REFUGEE_SERVICE);
  }

  @Test
  void theGpOfficeAndTheSchoolMayNotReadIt() {
    for (String user : List.of(GP, SCHOOL_LIAISON)) {
      Reply refused = hub.as(user).get("/api/participants/" + amal + "/access-log");

      assertThat(refused.status()).as(user + ": " + refused).isEqualTo(403);
      assertThat(refused.isProblem()).as(refused.toString()).isTrue();
    }
  }

  @Test
  void anUnknownPersonOrABadLanguageIsAProblem() {
    Reply unknown =
        caseworker.get("/api/participants/00000000-0000-0000-0000-000000000000/access-log");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.isProblem()).isTrue();

    Reply badLanguage = caseworker.get("/api/participants/" + amal + "/access-log?lang=not_a_tag");
    assertThat(badLanguage.status()).isEqualTo(400);
    assertThat(badLanguage.isProblem()).isTrue();
  }
}
