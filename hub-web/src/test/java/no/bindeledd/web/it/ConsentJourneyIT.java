package no.bindeledd.web.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.Media;
import com.microsoft.playwright.options.SelectOption;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consent in a real Chromium, as the caseworker gives it effect: J1 (an adult's consent recorded
 * with the signed form hashed in the browser, a child's consent given by a guardian, the receipt in
 * Arabic and Norwegian) and J4 (withdrawn with a reason, another marked entered in error), with the
 * hub's refusals in plain words. What the browser sent is checked at the hub through the API.
 */
class ConsentJourneyIT {

  private final RunningHub hub = RunningHub.get();
  private final HubClient caseworker = hub.as(Demo.CASEWORKER);
  private BrowserContext browser;
  private Page page;
  private final List<String> policyViolations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void openTheBrowser() {
    browser = Browsers.newContext();
    page = browser.newPage();
    page.onConsoleMessage(
        message -> {
          if (message.text().contains("Content Security Policy")) {
            policyViolations.add(page.url() + ": " + message.text());
          }
        });
  }

  @AfterEach
  void closeTheBrowser() {
    assertThat(policyViolations).as("the pages broke their Content Security Policy").isEmpty();
    browser.close();
  }

  @Test
  void theCaseworkerRecordsAnAdultsConsentWithTheFormsHashAndPrintsTheReceiptInArabicAndNorwegian()
      throws Exception {
    String family = "Samtykke" + unique();
    String id = participant("Amal", family, "ar");
    byte[] form =
        ("%PDF-1.4\nSigned consent form of Amal " + family + ", scanned.\n%%EOF\n")
            .getBytes(StandardCharsets.UTF_8);
    String expectedHash = sha256(form);

    page.navigate(hub.base() + "/people/" + id);
    SignInIT.signInAt(page, Demo.CASEWORKER);
    // The person's page fills in part by part; clicked before it has, the button may still move.
    assertThat(page.getByLabel("Laster …")).hasCount(0);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Registrer et samtykke"))
        .click();
    assertThat(heading()).hasText("Registrer et samtykke");
    assertThat(page.getByTestId("consent-subject")).containsText("Amal " + family);

    submit("Registrer samtykket");
    Locator errors = page.getByTestId("form-errors");
    assertThat(errors).containsText("Velg virksomheten som forteller.");
    assertThat(errors).containsText("Velg minst én slags opplysninger.");
    assertThat(errors).containsText("Velg det signerte skjemaet.");
    Accessibility.assertNoViolations(page, "the consent form with its errors");

    page.getByLabel("Virksomheten som forteller")
        .selectOption(new SelectOption().setLabel("Fjordvik GP Office"));
    assertThat(page.getByLabel("Virksomheten som får vite")).hasValue(Demo.REFUGEE_SERVICE);
    page.getByLabel("Utfall av timer (helseopplysninger)").check();
    page.getByLabel("Status for henvisning (helseopplysninger)").check();
    page.getByLabel("Formål").selectOption("introduction-programme-follow-up");
    assertThat(page.getByLabel("Signert skjema på papir")).isChecked();
    page.getByLabel("Det signerte skjemaet")
        .setInputFiles(new FilePayload("samtykke-signert.pdf", "application/pdf", form));
    assertThat(page.getByTestId("form-hash")).hasText(expectedHash);
    assertThat(page.getByLabel("Språket samtykketeksten ble forklart på")).hasValue("ar");
    page.getByLabel("Tolk", new Page.GetByLabelOptions().setExact(true)).fill("Tolk 4711");
    page.getByLabel("Tolkens språk").selectOption("ar");
    Accessibility.assertNoViolations(page, "the filled-in consent form");
    takeWholePage("consent-form");

    submit("Registrer samtykket");
    assertThat(page.getByTestId("consent-recorded")).containsText("Amal " + family);
    Accessibility.assertNoViolations(page, "the consent just recorded");

    JsonObject recorded = onlyConsentOf(id);
    assertThat(recorded.getString("status")).isEqualTo("active");
    assertThat(recorded.getString("disclosingAgency")).isEqualTo(Demo.GP_OFFICE);
    assertThat(recorded.getString("receivingAgency")).isEqualTo(Demo.REFUGEE_SERVICE);
    JsonObject evidence = recorded.getJsonObject("evidence");
    assertThat(evidence.getString("formSha256"))
        .as("the hub holds the hash of the chosen file, computed in the browser")
        .isEqualTo(expectedHash);
    assertThat(evidence.getString("collectionMethod")).isEqualTo("paper-form");
    assertThat(evidence.getString("textLanguage")).isEqualTo("ar");
    assertThat(evidence.getJsonObject("interpreter").getString("identity")).isEqualTo("Tolk 4711");

    page.getByTestId("receipt-ar").click();
    Locator sections = page.getByTestId("receipt").locator("section");
    assertThat(sections).hasCount(2);
    assertThat(sections.first()).hasAttribute("lang", "ar");
    assertThat(sections.first()).hasAttribute("dir", "rtl");
    assertThat(sections.last()).hasAttribute("lang", "nb");
    assertThat(sections.last()).hasAttribute("dir", "ltr");
    assertThat(sections.last()).containsText("Kvittering for samtykke");
    assertThat(sections.last()).containsText("Fjordvik GP Office");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skriv ut")))
        .isEnabled();
    Accessibility.assertNoViolations(page, "the receipt in Arabic and Norwegian");
    Screenshots.take(page, "consent-receipt");

    // Printed, the receipt is all there is on the page.
    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
    assertThat(page.locator("header")).isHidden();
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Skriv ut")))
        .isHidden();
    assertThat(sections.first()).isVisible();
    page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tilbake til Amal " + family))
        .click();
    assertThat(heading()).hasText("Amal " + family);
    page.getByTestId("receipt-nb").click();
    assertThat(sections).hasCount(1);
    assertThat(sections.first()).hasAttribute("lang", "nb");
  }

  @Test
  void aChildsConsentIsGivenByAGuardianAndHealthInformationForTheSchoolIsRefusedInPlainWords() {
    String family = "Barn" + unique();
    String guardian = participant("Amal", family, "ar");
    HubClient.Reply child =
        caseworker.post(
            "/api/participants/" + guardian + "/children",
            """
            {"nationalId":"%s","givenName":"Sara","familyName":"%s","preferredLanguage":"ar"}"""
                .formatted(Demo.childNationalId(), family));
    assertThat(child.status()).as(child.toString()).isEqualTo(201);
    String childId = child.json().getString("id");

    page.navigate(hub.base() + "/consent/new?subject=" + childId);
    SignInIT.signInAt(page, Demo.CASEWORKER);
    assertThat(page.getByTestId("consent-subject")).containsText("barnet Sara " + family);
    page.getByLabel("Virksomheten som forteller")
        .selectOption(new SelectOption().setLabel("Fjordvik Refugee Service"));
    page.getByLabel("Virksomheten som får vite")
        .selectOption(new SelectOption().setLabel("Fjordvik School"));
    page.getByLabel("Status for henvisning (helseopplysninger)").check();
    page.getByLabel("Formål").selectOption("school-start-follow-up");
    page.getByLabel("Gitt muntlig, med vitne").check();
    page.getByLabel("Vitne", new Page.GetByLabelOptions().setExact(true)).fill("Ola Vitne");
    submit("Registrer samtykket");
    assertThat(page.getByTestId("form-errors"))
        .containsText("Velg den foresatte som ga samtykket.");

    page.getByLabel("Gitt av").selectOption(new SelectOption().setLabel("Amal " + family));
    submit("Registrer samtykket");
    Locator refusal =
        page.getByRole(AriaRole.ALERT)
            .filter(new Locator.FilterOptions().setHasText("Rett feltet"));
    assertThat(refusal).containsText("Noe av det du fylte inn, kan ikke brukes.");
    assertThat(refusal).not().containsText("400");
    Accessibility.assertNoViolations(page, "the consent form with the hub's refusal");
    assertThat(caseworker.get("/api/consents?subject=" + childId).jsonArray()).isEmpty();

    page.getByLabel("Status for henvisning (helseopplysninger)").uncheck();
    page.getByLabel("Behov for språkstøtte").check();
    submit("Registrer samtykket");
    assertThat(page.getByTestId("consent-recorded")).isVisible();

    JsonObject recorded = onlyConsentOf(childId);
    assertThat(recorded.getString("subjectId")).isEqualTo(childId);
    assertThat(recorded.getString("grantorId")).as("given by the guardian").isEqualTo(guardian);
    assertThat(recorded.getString("receivingAgency")).isEqualTo(Demo.SCHOOL);
    assertThat(recorded.getJsonObject("evidence").getString("witness")).isEqualTo("Ola Vitne");
    assertThat(recorded.getJsonObject("evidence").containsKey("formSha256")).isFalse();
  }

  @Test
  void theCaseworkerWithdrawsOneConsentAndMarksAnotherEnteredInErrorEachWithAReason() {
    String family = "Trekk" + unique();
    String id = participant("Omar", family, "ar");
    String first = consent(id, Demo.GP_OFFICE);
    String second = consent(id, Demo.OTHER_GP_OFFICE);

    page.navigate(hub.base() + "/people/" + id);
    SignInIT.signInAt(page, Demo.CASEWORKER);
    Locator firstRow = row(first);
    assertThat(firstRow.getByTestId("consent-status")).hasText("Gjeldende");
    Accessibility.assertNoViolations(page, "a participant's page with two active consents");
    takeWholePage("people-participant");

    firstRow
        .getByRole(
            AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Trekk tilbake").setExact(true))
        .click();
    Locator dialog = page.getByTestId("end-consent-dialog");
    assertThat(dialog).isVisible();
    assertThat(dialog).containsText("Fjordvik GP Office");
    submitIn(dialog, "Trekk tilbake samtykket");
    assertThat(dialog).containsText("Skriv begrunnelsen.");
    dialog
        .getByLabel("Hvorfor trekkes det tilbake?")
        .fill("Amal ønsker ikke lenger at legen forteller oss noe.");
    Accessibility.assertNoViolations(page, "the dialog that withdraws a consent");
    Screenshots.take(page, "consent-withdraw");
    submitIn(dialog, "Trekk tilbake samtykket");

    assertThat(dialog).isHidden();
    assertThat(page.getByTestId("consent-ended")).hasText("Samtykket er trukket tilbake.");
    assertThat(firstRow.getByTestId("consent-status")).hasText("Trukket tilbake");
    assertThat(firstRow).containsText("ønsker ikke lenger");
    assertThat(
            firstRow.getByRole(
                AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Trekk tilbake").setExact(true)))
        .hasCount(0);
    JsonObject withdrawn = caseworker.get("/api/consents/" + first).json();
    assertThat(withdrawn.getString("status")).isEqualTo("withdrawn");
    assertThat(withdrawn.toString()).contains("ønsker ikke lenger");

    Locator secondRow = row(second);
    secondRow
        .getByRole(
            AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Registrert ved en feil"))
        .click();
    assertThat(dialog).isVisible();
    // Esc leaves the consent as it was.
    page.keyboard().press("Escape");
    assertThat(dialog).isHidden();
    assertThat(secondRow.getByTestId("consent-status")).hasText("Gjeldende");

    secondRow
        .getByRole(
            AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Registrert ved en feil"))
        .click();
    dialog.getByLabel("Hva var feilen?").fill("Feil legekontor valgt.");
    submitIn(dialog, "Merk som registrert ved en feil");
    assertThat(secondRow.getByTestId("consent-status")).hasText("Registrert ved en feil");
    assertThat(page.getByTestId("consent-ended"))
        .hasText("Samtykket er merket som registrert ved en feil.");
    assertThat(caseworker.get("/api/consents/" + second).json().getString("status"))
        .isEqualTo("entered-in-error");
    Accessibility.assertNoViolations(
        page, "a participant's page with a withdrawn consent and one in error");
  }

  private String participant(String given, String family, String language) {
    HubClient.Reply person =
        caseworker.post(
            "/api/participants",
            """
            {"nationalId":"%s","givenName":"%s","familyName":"%s","preferredLanguage":"%s"}"""
                .formatted(Demo.adultNationalId(), given, family, language));
    assertThat(person.status()).as(person.toString()).isEqualTo(201);
    return person.json().getString("id");
  }

  private String consent(String subject, String gpOffice) {
    HubClient.Reply consent =
        caseworker.post("/api/consents", Demo.gpConsentJson(subject, gpOffice));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return consent.json().getString("id");
  }

  private JsonObject onlyConsentOf(String subject) {
    var consents = caseworker.get("/api/consents?subject=" + subject).jsonArray();
    assertThat(consents).hasSize(1);
    return consents.getJsonObject(0);
  }

  private Locator row(String consentId) {
    return page.locator("[data-consent-id='" + consentId + "']");
  }

  private void submit(String name) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true))
        .click();
  }

  private static void submitIn(Locator dialog, String name) {
    dialog
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true))
        .click();
  }

  private Locator heading() {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
  }

  /** The whole page as one picture, however long it is, for docs/ui.md. */
  private void takeWholePage(String name) {
    var size = page.viewportSize();
    int height = ((Number) page.evaluate("document.documentElement.scrollHeight")).intValue();
    page.setViewportSize(size.width, Math.min(height, 2400));
    page.evaluate("window.scrollTo(0, 0)");
    Screenshots.take(page, name);
    page.setViewportSize(size.width, size.height);
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
