package no.bindeledd.web.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * Consent that follows the child's age, over the API of a running hub: the person says what the age
 * rules need of them today, a guardian's consent is refused without the child's hearing from 12 and
 * for health data from 16, with problem details that say why; a guardian's health consent that no
 * longer covers once the young person is 16 waits on the caseworker's list until its confirmation
 * is recorded; a second guardian's consent is recorded on an existing consent. The table of rules
 * is read at start: a hub without it does not start.
 */
class ConsentAndAgeIT {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final AtomicInteger NEXT = new AtomicInteger(400);

  private final RunningHub hub = RunningHub.get();

  private static LocalDate today() {
    return LocalDate.now(OSLO);
  }

  private static String bornYearsAgo(int years, int daysMore) {
    return NationalId.synthetic(
            today().minusYears(years).minusDays(daysMore), NEXT.getAndIncrement())
        .value();
  }

  private static String register(HubClient caseworker) {
    Reply reply =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getString("id");
  }

  private static String child(HubClient caseworker, String guardian, String nationalId) {
    Reply reply =
        caseworker.post(
            "/api/participants/" + guardian + "/children",
            """
            {"nationalId":"%s","givenName":"Leyla","familyName":"Testesen","preferredLanguage":"ar"}"""
                .formatted(nationalId));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getString("id");
  }

  /** The GP office may tell the refugee service about referrals, given by {@code grantor}. */
  private static String healthConsent(String subject, String grantor, String childHeard) {
    return """
        {"subjectId":"%s","grantorId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
         "categories":["referral-status"],
         "purpose":"introduction-programme-follow-up","validForDays":365,
         "evidence":{"collectionMethod":"paper-form",
           "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           "textLanguage":"ar"}%s}"""
        .formatted(
            subject,
            grantor,
            Demo.GP_OFFICE,
            Demo.REFUGEE_SERVICE,
            childHeard == null ? "" : ",\"childHeard\":" + childHeard);
  }

  private static String heardToday() {
    return """
        {"heardBy":"Kari Nordmann, caseworker","heardOn":"%s","views":"Vil ha hjelp."}"""
        .formatted(today());
  }

  private static String coverageOf(String person) {
    return "/api/coverage/requests?recipient="
        + Demo.GP_OFFICE
        + "&subject="
        + person
        + "&category=referral-status&purpose=introduction-programme-follow-up";
  }

  private static void assertProblem(Reply reply, int status, String... detailSays) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.isProblem()).as(reply.toString()).isTrue();
    for (String words : detailSays) {
      assertThat(reply.json().getString("detail")).contains(words);
    }
  }

  @Test
  void aChildOfFourteenIsHeardBeforeTheGuardianConsentsAndTheConsentSaysByWhom() {
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    String guardian = register(caseworker);
    String child = child(caseworker, guardian, bornYearsAgo(14, 20));

    JsonObject person = caseworker.get("/api/participants/" + child).json();
    JsonObject age = person.getJsonObject("consentAge");
    assertThat(age.getBoolean("heardBeforeGuardianConsents")).isTrue();
    assertThat(age.getBoolean("consentsToHealthThemselves")).isFalse();
    assertThat(age.getString("healthConsentFrom"))
        .isEqualTo(today().minusYears(14).minusDays(20).plusYears(16).toString());
    assertThat(age.getString("guardiansNeeded")).isEqualTo("one");

    assertProblem(
        caseworker.post("/api/consents", healthConsent(child, guardian, null)),
        400,
        "Children Act §31",
        "heardBy");
    assertProblem(
        caseworker.post(
            "/api/consents",
            healthConsent(child, guardian, "{\"heardBy\":\"Kari\",\"heardOn\":\"last week\"}")),
        400);
    assertProblem(
        caseworker.post(
            "/api/consents",
            healthConsent(
                child,
                guardian,
                "{\"heardBy\":\"Kari\",\"heardOn\":\"%s\"}".formatted(today().plusDays(1)))),
        400,
        "after today");

    Reply recorded = caseworker.post("/api/consents", healthConsent(child, guardian, heardToday()));
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    JsonObject consent = recorded.json();
    JsonObject heard = consent.getJsonObject("evidence").getJsonObject("childHeard");
    assertThat(heard.getString("heardBy")).isEqualTo("Kari Nordmann, caseworker");
    assertThat(heard.getString("heardOn")).isEqualTo(today().toString());
    assertThat(heard.getString("views")).isEqualTo("Vil ha hjelp.");
    assertThat(consent.getBoolean("awaitingConfirmation")).isFalse();
    assertThat(consent.getJsonArray("guardians").getJsonObject(0).getString("id"))
        .isEqualTo(guardian);
    assertThat(caseworker.get(coverageOf(child)).json().getBoolean("covered")).isTrue();

    assertProblem(
        caseworker.post("/api/consents/" + consent.getString("id") + "/confirmation", ""),
        409,
        "from the age of 16");
  }

  @Test
  void theConsentFormAsksWhoHeardAChildOfTwelveOrOverAndTheListSaysIt() {
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    String guardian = register(caseworker);
    String young = child(caseworker, guardian, bornYearsAgo(8, 0));
    String older = child(caseworker, guardian, bornYearsAgo(13, 40));
    BrowserContext browser = Browsers.newContext();
    try {
      Page page = browser.newPage();
      page.navigate(hub.base() + "/consent/new?subject=" + young);
      SignInIT.signInAt(page, Demo.CASEWORKER);
      assertThat(page.getByTestId("consent-subject")).containsText("barnet Leyla Testesen");
      assertThat(page.getByTestId("child-heard")).hasCount(0);

      page.navigate(hub.base() + "/consent/new?subject=" + older);
      assertThat(page.getByTestId("child-heard")).isVisible();
      page.getByLabel("Gitt av").selectOption(new SelectOption().setIndex(1));
      page.getByLabel("Virksomheten som forteller")
          .selectOption(new SelectOption().setLabel("Fjordvik GP Office"));
      page.getByLabel("Status for henvisning (helseopplysninger)").check();
      page.getByLabel("Formål").selectOption("introduction-programme-follow-up");
      page.getByLabel("Gitt muntlig, med vitne").check();
      page.getByLabel("Vitne", new Page.GetByLabelOptions().setExact(true)).fill("Ola Vitne");
      submit(page, "Registrer samtykket");
      assertThat(page.getByTestId("form-errors")).containsText("Fyll inn hvem som hørte barnet.");
      Accessibility.assertNoViolations(page, "the consent form asking who heard the child");

      page.getByLabel("Hørt av").fill("Kari Nordmann, saksbehandler");
      page.getByLabel("Hva barnet sa (kan stå tomt)").fill("Vil ha hjelp med timene.");
      submit(page, "Registrer samtykket");
      assertThat(page.getByTestId("consent-recorded")).isVisible();

      JsonObject recorded =
          caseworker.get("/api/consents?subject=" + older).jsonArray().getJsonObject(0);
      JsonObject heard = recorded.getJsonObject("evidence").getJsonObject("childHeard");
      assertThat(heard.getString("heardBy")).isEqualTo("Kari Nordmann, saksbehandler");
      assertThat(heard.getString("heardOn")).isEqualTo(today().toString());
      assertThat(heard.getString("views")).isEqualTo("Vil ha hjelp med timene.");

      page.navigate(hub.base() + "/people/" + older);
      assertThat(page.getByTestId("consent-child-heard"))
          .containsText("Barnet ble hørt av Kari Nordmann, saksbehandler");
      assertThat(page.getByTestId("consent-guardians")).containsText("Amal Testesen");
    } finally {
      browser.close();
    }
  }

  private static void submit(Page page, String name) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true))
        .click();
  }

  @Test
  void fromSixteenAGuardiansHealthConsentIsRefusedAndTheYoungPersonConsentsThemselves() {
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    String guardian = register(caseworker);
    String young = child(caseworker, guardian, bornYearsAgo(16, 3));
    assertThat(
            caseworker
                .get("/api/participants/" + young)
                .json()
                .getJsonObject("consentAge")
                .getBoolean("consentsToHealthThemselves"))
        .isTrue();

    assertProblem(
        caseworker.post("/api/consents", healthConsent(young, guardian, heardToday())),
        400,
        "from the age of 16",
        "§4-3");
    Reply own = caseworker.post("/api/consents", healthConsent(young, young, null));

    assertThat(own.status()).as(own.toString()).isEqualTo(201);
    assertThat(own.json().getJsonArray("guardians")).isEmpty();
    assertThat(caseworker.get(coverageOf(young)).json().getBoolean("covered")).isTrue();
  }

  @Test
  void aSecondGuardiansConsentIsRecordedOnTheConsentAndAStrangerIsRefused() {
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    String first = register(caseworker);
    String second = register(caseworker);
    String stranger = register(caseworker);
    String child = child(caseworker, first, bornYearsAgo(8, 0));
    Reply linked = caseworker.put("/api/participants/" + child + "/guardians/" + second);
    assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
    JsonObject consent = caseworker.post("/api/consents", healthConsent(child, first, null)).json();
    String path = "/api/consents/" + consent.getString("id") + "/guardian-consents";
    assertThat(consent.getJsonArray("guardiansAwaited").getJsonObject(0).getString("id"))
        .isEqualTo(second);

    assertProblem(
        caseworker.post(path, "{\"guardianId\":\"%s\"}".formatted(stranger)),
        400,
        "not a registered guardian");
    assertProblem(hub.as(Demo.GP).post(path, "{\"guardianId\":\"%s\"}".formatted(second)), 403);
    Reply added = caseworker.post(path, "{\"guardianId\":\"%s\"}".formatted(second));

    assertThat(added.status()).as(added.toString()).isEqualTo(200);
    assertThat(added.json().getJsonArray("guardians"))
        .extracting(g -> g.asJsonObject().getString("id"))
        .containsExactly(first, second);
    assertThat(added.json().getJsonArray("guardiansAwaited")).isEmpty();
    assertProblem(caseworker.post(path, "{\"guardianId\":\"%s\"}".formatted(second)), 409);
  }

  /**
   * A young person who turns sixteen: the consent is recorded under a table whose age of health
   * consent is seventeen, and decided after a restart under Norwegian law's sixteen, which is what
   * the hub sees on the morning of the sixteenth birthday.
   */
  @Test
  void aGuardiansHealthConsentWaitsOnTheListForTheYoungPersonsConfirmationAndCoversAgainAfter()
      throws Exception {
    Path dataDir =
        Files.createTempDirectory(Path.of(System.getProperty("hub.build.dir")), "age-data-");
    Path seventeen = dataDir.resolveSibling(dataDir.getFileName() + "-ages.json");
    Path shipped =
        Path.of(System.getProperty("hub.repo.dir")).resolve("config/consent-age-rules.json");
    Files.writeString(
        seventeen, Files.readString(shipped).replaceFirst("\"value\": 16", "\"value\": 17"));
    String young;
    String consentId;
    RunningHub before =
        RunningHub.start(dataDir, List.of("-Dhub.consent.age-rules-file=" + seventeen));
    try {
      HubClient caseworker = before.as(Demo.CASEWORKER);
      String guardian = register(caseworker);
      young = child(caseworker, guardian, bornYearsAgo(16, 0));
      Reply recorded =
          caseworker.post("/api/consents", healthConsent(young, guardian, heardToday()));
      assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
      consentId = recorded.json().getString("id");
      assertThat(caseworker.get(coverageOf(young)).json().getBoolean("covered")).isTrue();
    } finally {
      before.stop();
    }

    RunningHub after = RunningHub.start(dataDir);
    try {
      HubClient caseworker = after.as(Demo.CASEWORKER);
      JsonObject consent = caseworker.get("/api/consents/" + consentId).json();
      assertThat(consent.getBoolean("awaitingConfirmation")).isTrue();
      JsonObject coverage = caseworker.get(coverageOf(young)).json();
      assertThat(coverage.getBoolean("covered")).isFalse();
      assertThat(coverage.getString("refusal")).isEqualTo("awaiting-confirmation");
      assertThat(coverage.getJsonArray("closest").getJsonObject(0).getJsonArray("differences"))
          .extracting(d -> ((JsonString) d).getString())
          .containsExactly("awaiting-confirmation");
      Reply asked = caseworker.post("/api/requests", Demo.referralQuestionJson(young));
      assertThat(asked.status()).as(asked.toString()).isEqualTo(403);
      assertThat(asked.json().getString("refusal")).isEqualTo("awaiting-confirmation");

      Reply waiting = caseworker.get("/api/consents/awaiting-confirmation");
      assertThat(waiting.status()).as(waiting.toString()).isEqualTo(200);
      assertThat(waiting.jsonArray())
          .extracting(c -> c.asJsonObject().getString("id"))
          .containsExactly(consentId);
      assertThat(after.as(Demo.NAV_ADVISER).get("/api/consents/awaiting-confirmation").status())
          .isEqualTo(403);

      BrowserContext browser = Browsers.newContext();
      try {
        Page page = browser.newPage();
        page.navigate(after.base() + "/consent");
        SignInIT.signInAt(page, Demo.CASEWORKER);
        Locator waitingRow =
            page.locator("[data-testid=awaiting-row][data-consent-id='" + consentId + "']");
        assertThat(waitingRow).containsText("Leyla Testesen");
        assertThat(waitingRow).containsText("Fjordvik GP Office");
        Accessibility.assertNoViolations(page, "the consents waiting for confirmation");
        waitingRow.getByRole(AriaRole.LINK).click();

        Locator row =
            page.locator("[data-testid=consent-row][data-consent-id='" + consentId + "']");
        assertThat(row.getByTestId("consent-awaiting-confirmation"))
            .hasText("Venter på at den unge bekrefter");
        Accessibility.assertNoViolations(page, "a consent waiting for the young person");
        row.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Registrer bekreftelsen"))
            .click();
        Locator dialog = page.getByTestId("age-action-dialog");
        assertThat(dialog).containsText("Leyla Testesen");
        // The dialog fades in; its colours are checked once it has.
        dialog.evaluate(
            "d => Promise.all(d.getAnimations({ subtree: true }).map(a => a.finished))");
        Accessibility.assertNoViolations(page, "recording the young person's confirmation");
        dialog
            .getByRole(
                AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Leyla Testesen har bekreftet"))
            .click();
        assertThat(page.getByTestId("consent-age-done")).containsText("Bekreftelsen er registrert");
        assertThat(row.getByTestId("consent-awaiting-confirmation")).hasCount(0);
        assertThat(row.getByTestId("consent-confirmed")).isVisible();
      } finally {
        browser.close();
      }
      JsonObject confirmed = caseworker.get("/api/consents/" + consentId).json();
      assertThat(confirmed.getBoolean("awaitingConfirmation")).isFalse();
      assertThat(confirmed.getString("confirmedAt")).isNotBlank();
      assertThat(confirmed.getString("confirmedBy")).isNotBlank();

      assertThat(caseworker.get("/api/consents/awaiting-confirmation").jsonArray()).isEmpty();
      assertThat(caseworker.get(coverageOf(young)).json().getBoolean("covered")).isTrue();
      assertProblem(
          caseworker.post("/api/consents/" + consentId + "/confirmation", ""),
          409,
          "already confirmed");
      assertThat(
              after
                  .as(Demo.AUDITOR)
                  .get("/api/audit/entries?action=consent.confirmed&person=" + young)
                  .body())
          .contains(consentId);
    } finally {
      after.stop();
    }
  }

  @Test
  void aHubWithoutItsTableOfAgeRulesDoesNotStartAndSaysWhy() throws Exception {
    Path dataDir =
        Files.createTempDirectory(Path.of(System.getProperty("hub.build.dir")), "no-ages-");
    Path missing = dataDir.resolveSibling(dataDir.getFileName() + "-missing.json");

    assertThatThrownBy(
            () -> RunningHub.start(dataDir, List.of("-Dhub.consent.age-rules-file=" + missing)))
        .isInstanceOf(IllegalStateException.class);
    Path log =
        Path.of(System.getProperty("hub.build.dir"))
            .resolve("it-hub-" + dataDir.getFileName() + ".log");
    assertThat(Files.readString(log, StandardCharsets.ISO_8859_1))
        .contains("the consent age rules table " + missing + " is missing");
  }
}
