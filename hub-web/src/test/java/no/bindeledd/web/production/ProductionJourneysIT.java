package no.bindeledd.web.production;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.crypto.Timestamps;
import no.bindeledd.devidp.DevelopmentSignIn;
import no.bindeledd.web.it.Await;
import no.bindeledd.web.it.BrowserSignIn;
import no.bindeledd.web.it.Browsers;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.PayaraHub;
import no.bindeledd.web.it.Simulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Journeys J1 to J8 on the production profile: the packaged hub as an operator runs it, on a real
 * PostgreSQL server, signing staff in at Keycloak's own login page in Chromium, timestamping its
 * checkpoints at a time-stamping authority in another process, and delivering to the agencies'
 * systems over real HTTP and SMTP, which the test plays. Citizens sign in at a stand-in for
 * ID-porten (the development sign-in's ID-porten issuer), which cannot run here. Each journey is
 * walked by the user it is about, in the browser where the step is theirs; what a journey needs
 * beforehand goes through the API with the user's Keycloak token.
 */
@Tag("production")
class ProductionJourneysIT {

  private static final String AMINA_NATIONAL_ID = "12848800471";

  static Postgres.Database database;
  static Keycloak keycloak;
  static TimestampingAuthority tsa;
  static ProductionHub hub;
  static Simulators simulators;
  static DevelopmentSignIn idPorten;

  private final List<BrowserContext> contexts = new ArrayList<>();

  @BeforeAll
  static void startTheDeployment() throws IOException {
    Path target = Path.of(PayaraHub.required("hub.build.dir"));
    Path work = Files.createTempDirectory(target, "production-journeys-");
    // Keycloak comes up in the background while the rest starts.
    keycloak = Keycloak.get();
    database = Postgres.get().newDatabase();
    tsa = TimestampingAuthority.start(work.resolve("tsa"));
    idPorten =
        DevelopmentSignIn.start(
            Path.of(PayaraHub.required("hub.repo.dir"), "config/deployment-demo.json"),
            InetAddress.getLoopbackAddress(),
            0);
    int smtpPort = PayaraHub.freePort();
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    ProductionHub.Builder deployment =
        ProductionHub.builder(work.resolve("hub-data"), database, keycloak, tsa)
            .smtpPort(smtpPort)
            .citizens(
                idPorten.citizenIssuer(),
                "bindeledd-hub",
                Base64.getUrlEncoder().encodeToString(secret));
    hub = deployment.start();
    simulators = Simulators.start(hub.base(), hub.dataDir(), deployment.simulatorsPort(), smtpPort);
  }

  @AfterAll
  static void stopTheDeployment() {
    if (simulators != null) {
      simulators.stop();
    }
    if (hub != null) {
      hub.stop();
    }
    if (idPorten != null) {
      idPorten.stop();
    }
    if (tsa != null) {
      tsa.stop();
    }
  }

  @AfterEach
  void closeTheBrowsers() {
    contexts.forEach(BrowserContext::close);
  }

  @Test
  void theProductionProfileRunsNothingOfTheEmbeddedOne() {
    assertThat(hub.log())
        .contains("Bindeledd is running for")
        .doesNotContain("development TSA")
        .doesNotContain("Development identity provider");
    assertThat(hub.anonymous().get("/api/agencies/development-ca/certificate").status())
        .isEqualTo(404);
    assertThat(hub.anonymous().get("/api/dev-idp/token").status()).isIn(404, 405);
    assertThat(hub.anonymous().get("/api/audit/tsa-certificates").body())
        .as("the hub trusts the external authority's certificate only")
        .isEqualTo(pemOf(tsa));
  }

  @Test
  void j1TheCaseworkerSignsInAtKeycloakAndRecordsAConsentGivenThroughAnInterpreter()
      throws SQLException {
    Page kari = signedIn(Demo.CASEWORKER, "/people");
    assertThat(kari.getByTestId("who-am-i")).containsText("Kari Kasus");
    JsonObject me = as(Demo.CASEWORKER).get("/api/me").json();
    assertThat(me.getString("role")).isEqualTo("caseworker");
    assertThat(me.getJsonObject("agency").getString("orgNumber")).isEqualTo(Demo.REFUGEE_SERVICE);

    String amal = registerParticipant(Demo.adultNationalId());
    JsonObject consent = recordGpConsent(amal);

    assertThat(consent.getString("status")).isEqualTo("active");
    Reply receipt =
        as(Demo.CASEWORKER)
            .get("/api/consents/" + consent.getString("id") + "/receipt", "text/html");
    assertThat(receipt.status()).isEqualTo(200);
    assertThat(receipt.body()).contains("dir=\"rtl\"").contains("lang=\"ar\"");
    kari.navigate(hub.base() + "/exchange?subject=" + amal);
    assertThat(heading(kari)).hasText("Samtaler om personen");
    assertThat(kari.getByTestId("person")).containsText("Amal Testesen");
    try (Connection db = database.connect();
        Statement s = db.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT c.status, p.given_name, p.sealed_given_name FROM consent c"
                    + " JOIN person p ON p.id = c.subject_id WHERE c.id = '"
                    + consent.getString("id")
                    + "'")) {
      assertThat(rows.next()).as("the consent is in PostgreSQL").isTrue();
      // The name the page showed is in PostgreSQL only sealed.
      assertThat(rows.getString(2)).as("no name in clear").isNull();
      assertThat(new String(rows.getBytes(3), StandardCharsets.ISO_8859_1))
          .as("the sealed name")
          .isNotEmpty()
          .doesNotContain("Amal");
    }
  }

  @Test
  void j2AndJ3TheCaseworkerAsksInTheBrowserAndTheGpOfficeAnswersThere() {
    String amal = registerParticipant(Demo.adultNationalId());
    String consentId = recordGpConsent(amal).getString("id");

    Page kari = signedIn(Demo.CASEWORKER, "/exchange?subject=" + amal);
    kari.getByRole(
            AriaRole.LINK, new Page.GetByRoleOptions().setName("Still et spørsmål om personen"))
        .click();
    assertThat(heading(kari)).hasText("Still et spørsmål");
    kari.getByLabel("Hvem du spør").selectOption(Demo.GP_OFFICE);
    kari.getByLabel("Formål").selectOption("introduction-programme-follow-up");
    kari.getByLabel("Hva spørsmålet gjelder").selectOption("referral-status");
    assertThat(kari.getByTestId("coverage")).hasAttribute("data-covered", "true");
    assertThat(kari.getByTestId("coverage")).containsText(consentId);
    String question = "Was she referred to hospital after the appointment on 20 November?";
    kari.getByLabel("Spørsmålet", new Page.GetByLabelOptions().setExact(true)).fill(question);
    kari.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send spørsmålet")).click();
    assertThat(kari.getByTestId("sent-notice")).isVisible();
    String conversationId = kari.url().replaceAll(".*/exchange/conversations/([^?]+).*", "$1");
    String requestId =
        as(Demo.CASEWORKER)
            .get("/api/conversations/" + conversationId)
            .jsonArray()
            .getJsonObject(0)
            .getString("id");
    awaitStatus(Demo.CASEWORKER, requestId, "delivered");

    Page office = signedIn(Demo.GP, "/exchange/messages/" + requestId);
    assertThat(office.getByTestId("who-am-i")).containsText("Gunnar Lege");
    assertThat(office.getByTestId("message-body").first()).hasText(question);
    assertThat(office.getByTestId("consent")).containsText(consentId);
    office.locator("#answer-text").fill("Yes: referred, appointment on 3 December.");
    office.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send svaret")).click();
    assertThat(office.getByTestId("reply-outcome")).hasText("Svaret er sendt.");

    JsonObject answer =
        Await.until(
                "the answer reaches the refugee service",
                () ->
                    as(Demo.CASEWORKER).get("/api/inbox").jsonArray().stream()
                        .map(v -> v.asJsonObject())
                        .filter(m -> requestId.equals(m.getString("inReplyTo", "")))
                        .toList(),
                found -> !found.isEmpty())
            .get(0);
    JsonObject read = as(Demo.CASEWORKER).get("/api/messages/" + answer.getString("id")).json();
    assertThat(read.getString("body")).isEqualTo("Yes: referred, appointment on 3 December.");

    Reply refused =
        as(Demo.CASEWORKER)
            .post(
                "/api/requests",
                Demo.referralQuestionJson(registerParticipant(Demo.adultNationalId())));
    assertThat(refused.status()).as("without a covering consent").isEqualTo(403);
    assertThat(refused.json().getString("refusal")).isEqualTo("no-consent");
  }

  @Test
  void j3TheGpOfficesRecordSystemAnswersOverHttpSigned() {
    String amal = registerParticipant(Demo.adultNationalId());
    Reply consent =
        as(Demo.CASEWORKER).post("/api/consents", Demo.gpConsentJson(amal, Demo.HTTP_GP_OFFICE));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    Reply asked =
        as(Demo.CASEWORKER)
            .post("/api/requests", Demo.referralQuestionJson(amal, Demo.HTTP_GP_OFFICE));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    String requestId = asked.json().getString("id");

    Await.until(
        "the office's record system has the request, over HTTP",
        () -> simulators.httpOffice.requests().stream().anyMatch(r -> r.msgId().equals(requestId)),
        Boolean::booleanValue);
    assertThat(awaitStatus(Demo.CASEWORKER, requestId, "delivered").getString("receipt"))
        .isEqualTo("ok");
    JsonObject answer =
        Await.until(
                "the record system's signed answer is in the caseworker's inbox",
                () ->
                    as(Demo.CASEWORKER).get("/api/inbox").jsonArray().stream()
                        .map(v -> v.asJsonObject())
                        .filter(m -> requestId.equals(m.getString("inReplyTo", "")))
                        .toList(),
                found -> !found.isEmpty())
            .get(0);
    assertThat(answer.getString("sender")).isEqualTo(Demo.HTTP_GP_OFFICE);
    assertThat(answer.getString("signedFormat")).isEqualTo("msghead-1.2");
  }

  @Test
  void j4AfterTheWithdrawalNewRequestsAreRefusedAndTheGpOfficesAnswerIsHeld() {
    String amal = registerParticipant(Demo.adultNationalId());
    String consentId = recordGpConsent(amal).getString("id");
    Reply asked = as(Demo.CASEWORKER).post("/api/requests", Demo.referralQuestionJson(amal));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    String requestId = asked.json().getString("id");
    awaitStatus(Demo.CASEWORKER, requestId, "delivered");

    // The GP office has the request open when the participant withdraws the consent.
    Page office = signedIn(Demo.GP, "/exchange/messages/" + requestId);
    Locator answerField = office.getByLabel("Svar", new Page.GetByLabelOptions().setExact(true));
    assertThat(answerField).isVisible();
    Reply withdrawn =
        as(Demo.CASEWORKER)
            .post(
                "/api/consents/" + consentId + "/withdrawal",
                "{\"reason\":\"the participant withdrew it\"}");
    assertThat(withdrawn.json().getString("status")).isEqualTo("withdrawn");
    Reply again = as(Demo.CASEWORKER).post("/api/requests", Demo.referralQuestionJson(amal));
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.json().getString("refusal")).isEqualTo("consent-withdrawn");

    answerField.fill("Yes, referred on 2 December.");
    office.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send svaret")).click();
    Locator outcome = office.getByTestId("reply-outcome");
    assertThat(outcome).containsText("Svaret holdes tilbake");
    assertThat(outcome.getByTestId("held-words")).containsText("withdrawn");
    List<JsonObject> inbox =
        as(Demo.CASEWORKER).get("/api/inbox").jsonArray().getValuesAs(JsonObject.class);
    assertThat(inbox)
        .as("the refugee service never gets the held answer")
        .noneMatch(m -> requestId.equals(m.getString("inReplyTo", "")));
  }

  @Test
  void j5TheSchoolAsksForAnInterpreterAndIsToldByEmail() {
    String guardian = registerParticipant(Demo.adultNationalId());
    Reply childCreated =
        as(Demo.CASEWORKER)
            .post(
                "/api/participants/" + guardian + "/children",
                """
                {"nationalId":"%s","givenName":"Yasmin","familyName":"Testesen","preferredLanguage":"ar"}"""
                    .formatted(Demo.childNationalId()));
    assertThat(childCreated.status()).as(childCreated.toString()).isEqualTo(201);
    String child = childCreated.json().getString("id");
    Reply consent =
        as(Demo.CASEWORKER)
            .post(
                "/api/consents",
                """
                {"subjectId":"%s","grantorId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
                 "direction":"both-ways","categories":["language-support-needs","interpreter-needs"],
                 "purpose":"school-start-follow-up","validForDays":365,
                 "evidence":{"collectionMethod":"paper-form",
                   "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                   "textLanguage":"ar","interpreter":{"identity":"Interpreter 4711","language":"ar"}}}"""
                    .formatted(child, guardian, Demo.REFUGEE_SERVICE, Demo.SCHOOL));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    String address = "postmottak@fjordvik-skole.example";
    int mailsBefore = mailTo(address).size();

    Reply asked =
        as(Demo.SCHOOL_LIAISON)
            .post(
                "/api/requests",
                """
                {"recipient":"%s","subjectId":"%s","category":"interpreter-needs",
                 "purpose":"school-start-follow-up",
                 "question":"Does the family need an Arabic interpreter at the parent meeting?"}"""
                    .formatted(Demo.REFUGEE_SERVICE, child));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    String requestId = asked.json().getString("id");
    awaitStatus(Demo.CASEWORKER, requestId, "delivered");
    Reply answered =
        as(Demo.CASEWORKER)
            .post(
                "/api/messages/" + requestId + "/answers",
                "{\"text\":\"Yes: Arabic, booked for the meeting on 3 December.\"}");
    assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
    String answerId = answered.json().getString("id");

    List<MimeMessage> mails =
        Await.until(
            "the school is told by e-mail", () -> mailTo(address), m -> m.size() > mailsBefore);
    assertThat(text(mails.get(mails.size() - 1)))
        .contains(hub.base().toString())
        .doesNotContain("Yasmin")
        .doesNotContain("Arabic");
    Page sigrid = signedIn(Demo.SCHOOL_LIAISON, "/exchange/messages/" + answerId);
    assertThat(sigrid.getByTestId("who-am-i")).containsText("Sigrid Skole");
    assertThat(sigrid.getByTestId("message-body").first()).containsText("Arabic, booked");
  }

  @Test
  void j6ThePlanGoesToNavsSystemOverHttpOnlyWithConsent() {
    String nationalId = Demo.adultNationalId();
    String amal = registerParticipant(nationalId);
    String plan =
        """
        {"subjectId":"%s","recipient":"%s","startDate":"2027-01-04",
         "phases":[{"title":"Introduction","from":"2027-01-04","to":"2027-06-30",
           "measures":[{"description":"Norwegian classes","schedule":"mornings, five days a week"},
                       {"description":"Language practice at a workplace","schedule":"two days a week"}]}]}"""
            .formatted(amal, Demo.NAV);
    Reply refused = as(Demo.CASEWORKER).post("/api/plans", plan);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().getString("refusal")).isEqualTo("no-consent");

    Reply consent =
        as(Demo.CASEWORKER)
            .post(
                "/api/consents",
                """
                {"subjectId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
                 "categories":["participant-plan"],"purpose":"participant-plan-sharing",
                 "validForDays":365,"evidence":{"collectionMethod":"paper-form",
                   "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                   "textLanguage":"ar"}}"""
                    .formatted(amal, Demo.REFUGEE_SERVICE, Demo.NAV));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    Reply shared = as(Demo.CASEWORKER).post("/api/plans", plan);
    assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
    String planId = shared.json().getString("id");

    JsonObject delivered = awaitStatus(Demo.CASEWORKER, planId, "delivered");
    assertThat(delivered.getString("recipientReference")).startsWith("NAV-SIM-");
    JsonObject atNav =
        simulators.nav.plans().stream()
            .filter(p -> p.getString("messageId").equals(planId))
            .findFirst()
            .orElseThrow();
    assertThat(atNav.getJsonObject("participant").getString("nationalId")).isEqualTo(nationalId);
    assertThat(atNav.toString()).contains("two days a week");
  }

  @Test
  void j7TheAuditorFindsThePersonsEventsAndProvesTheLogOfflineWithTheAuthoritysCertificate()
      throws Exception {
    String amal = registerParticipant(Demo.adultNationalId());
    as(Demo.CASEWORKER).post("/api/requests", Demo.referralQuestionJson(amal));

    Page aud = signedIn(Demo.AUDITOR, "/audit");
    assertThat(heading(aud)).hasText("Revisjonslogg");
    assertThat(aud.getByTestId("log-integrity")).containsText("Intakt");
    aud.getByLabel("Person", new Page.GetByLabelOptions().setExact(true)).fill(amal);
    aud.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Søk").setExact(true))
        .click();
    Locator results = aud.getByTestId("audit-results");
    assertThat(results).containsText("kari.caseworker");
    assertThat(results).containsText("avvist");
    assertThat(aud).hasURL(Pattern.compile("/audit\\?person=" + amal));

    HubClient auditor = as(Demo.AUDITOR);
    assertThat(auditor.get("/api/audit/integrity").json().getBoolean("intact")).isTrue();
    VerifierKey logKey =
        VerifierKey.parse(
            hub.anonymous().get("/api/audit/log-key?log=" + Demo.FJORDVIK).body().strip());
    long newest;
    try (Connection db = database.connect();
        Statement s = db.createStatement();
        ResultSet rows = s.executeQuery("SELECT max(seq) FROM audit_entry")) {
      rows.next();
      newest = rows.getLong(1);
    }
    JsonObject latest =
        Await.until(
            "a checkpoint timestamped by the authority covers entry " + newest,
            () -> auditor.get("/api/audit/checkpoints/latest").json(),
            c ->
                c.containsKey("timestampToken")
                    && c.getJsonNumber("treeSize").longValue() >= newest);
    Checkpoint signed = Checkpoint.verify(latest.getString("signedNote"), logKey.name(), logKey);
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(latest.getString("signedNote").getBytes(StandardCharsets.UTF_8));
    var timestamp =
        new Timestamps()
            .verify(
                Base64.getDecoder().decode(latest.getString("timestampToken")),
                digest,
                List.of(tsa.certificate()));
    assertThat(timestamp.genTime()).isNotNull();
    try (Connection db = database.connect();
        Statement s = db.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT root_hash FROM audit_checkpoint WHERE tree_size = " + signed.size())) {
      assertThat(rows.next()).as("the checkpoint is kept in PostgreSQL").isTrue();
      assertThat(rows.getString(1)).isEqualTo(HexFormat.of().formatHex(signed.rootHash()));
    }

    Path auditorDir = Files.createTempDirectory(hub.dataDir().getParent(), "auditor-");
    Path key = Files.writeString(auditorDir.resolve("log-key.vkey"), logKey.encoded() + "\n");
    Path export =
        Files.write(
            auditorDir.resolve("audit-export.zip"), auditor.get("/api/audit/export").bytes());
    Path jar;
    try (var jars =
        Files.newDirectoryStream(
            Path.of(PayaraHub.required("hub.repo.dir"), "hub-core", "target"),
            "hub-core-*-verifier.jar")) {
      jar = jars.iterator().next();
    }
    Process verify =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--key",
                key.toString(),
                "--tsa-cert",
                tsa.certificateFile().toString(),
                "--allow-pending-timestamp",
                export.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(verify.exitValue()).as(output).isZero();
  }

  @Test
  void j8ThePersonSignsInWithTheirElectronicIdAndSeesTheirConsentsAndWhoReadWhatInArabic() {
    Reply registered =
        as(Demo.CASEWORKER)
            .post(
                "/api/participants",
                """
                {"nationalId":"%s","givenName":"Amina","familyName":"Haddad","preferredLanguage":"ar"}"""
                    .formatted(AMINA_NATIONAL_ID));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    String amina = registered.json().getString("id");
    recordGpConsent(amina);
    as(Demo.CASEWORKER).get("/api/participants/" + amina);

    BrowserContext context = Browsers.newContext();
    contexts.add(context);
    Page page = context.newPage();
    page.navigate(hub.base() + "/?lang=ar");
    page.getByTestId("sign-in-citizen").click();
    page.waitForURL(url -> url.startsWith(idPorten.citizenIssuer() + "/authorize"));
    page.locator("input[name=username]").fill(Demo.AMINA);
    page.locator("input[type=submit]").click();
    assertThat(page.getByTestId("who-am-i")).containsText("Amina Haddad");
    assertThat(page.locator("html")).hasAttribute("lang", "ar");
    assertThat(page.locator("html")).hasAttribute("dir", "rtl");
    page.getByTestId("acts-for-" + amina).getByTestId("open-person").click();
    assertThat(page.getByTestId("consent-summary").first()).not().isEmpty();
    assertThat(page.getByTestId("summary-nb").first()).containsText("Fjordvik GP Office");

    page.navigate(hub.base() + "/me/" + amina + "/access-log");
    assertThat(page.getByTestId("access-log-ar")).hasAttribute("dir", "rtl");
    assertThat(page.getByTestId("access-log-nb").getByTestId("access-log-entries"))
        .containsText("Fjordvik Refugee Service");
  }

  /** A fresh token each time: Keycloak's live five minutes, and the suite may take longer. */
  private static HubClient as(String username) {
    return hub.as(keycloak, username);
  }

  private Page signedIn(String username, String path) {
    BrowserContext context = Browsers.newContext();
    contexts.add(context);
    Page page = context.newPage();
    page.navigate(hub.base() + path);
    BrowserSignIn.signInAt(page, username, keycloak.loginPage());
    return page;
  }

  private static String registerParticipant(String nationalId) {
    Reply created = as(Demo.CASEWORKER).post("/api/participants", Demo.participantJson(nationalId));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  private static JsonObject recordGpConsent(String participant) {
    Reply consent = as(Demo.CASEWORKER).post("/api/consents", Demo.gpConsentJson(participant));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return consent.json();
  }

  private static JsonObject awaitStatus(String username, String messageId, String status) {
    return Await.until(
        "message " + messageId + " is " + status,
        () -> as(username).get("/api/messages/" + messageId + "/status").json(),
        m -> status.equals(m.getString("status")));
  }

  private static Locator heading(Page page) {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
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

  private static String pemOf(TimestampingAuthority authority) {
    try {
      return Files.readString(authority.certificateFile(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
