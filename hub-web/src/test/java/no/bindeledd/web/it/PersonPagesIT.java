package no.bindeledd.web.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The person's own pages in a real Chromium, 360 pixels wide as on a phone: a demo participant
 * signs in with her electronic ID (the development sign-in's ID-porten), and, for herself and as
 * the guardian of her child, reads the consents and the access log, withdraws a consent in one
 * action and downloads everything the hub holds, in each of the eight languages, with axe-core
 * finding nothing. Right to left, a name with its organisation number keeps its order. A guardian
 * gets the hub's "not found" for another family's child, and a withdrawal holds an answer in
 * flight, which her access log then shows. The consents withdrawn here are made for each test
 * through the API, so that the demo participants' own stay as they were.
 */
class PersonPagesIT {

  /** The demo guardian of {@code config/deployment-demo.json}, and her son (8). */
  static final String GUARDIAN = "amina.citizen";

  static final String GUARDIAN_NATIONAL_ID = "12848800471";
  static final String CHILD_NATIONAL_ID = "03891850335";

  /** Another family's child: Farid Rahimi's daughter. */
  static final String OTHER_FAMILYS_CHILD_NATIONAL_ID = "10852050581";

  private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa-AF");

  /** The languages whose pages docs/ui.md shows. */
  private static final Set<String> PICTURED = Set.of("nb", "ar", "ti");

  private final RunningHub hub = RunningHub.get();
  private final HubClient caseworker = hub.as(Demo.CASEWORKER);
  private BrowserContext browser;
  private Page page;
  private final List<String> policyViolations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void openAPhonesBrowser() {
    browser = Browsers.newContext();
    page = browser.newPage();
    page.setViewportSize(360, 800);
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

  @ParameterizedTest(name = "in {0}")
  @ValueSource(strings = {"nb", "en", "ar", "uk", "ti", "fa-AF", "so", "ku"})
  void aGuardianReadsWithdrawsAndDownloadsForHerselfAndForHerChild(String language)
      throws Exception {
    String self = participantId(GUARDIAN_NATIONAL_ID);
    String child = participantId(CHILD_NATIONAL_ID);
    String own = consent(Demo.gpConsentJson(self, Demo.GP_OFFICE));
    String childs = consent(childConsentJson(child, self));

    signInAsCitizen(language);
    assertThat(page).hasURL(hub.base() + "/me?lang=" + language);
    assertThat(page.locator("html")).hasAttribute("lang", language);
    assertThat(page.locator("html"))
        .hasAttribute("dir", RIGHT_TO_LEFT.contains(language) ? "rtl" : "ltr");
    assertThat(page.getByTestId("draft-notice"))
        .hasCount(Set.of("nb", "en").contains(language) ? 0 : 1);
    Locator representation = page.getByTestId("acts-for-" + child);
    assertThat(representation).containsText("Omar Haddad");
    Accessibility.assertNoViolations(page, "who the person is and acts for, in " + language);
    representation.scrollIntoViewIfNeeded();
    picture("me", language);

    // Herself: her consents, each in the hub's own sentence, the Norwegian beside it.
    page.getByTestId("acts-for-" + self).getByTestId("open-person").click();
    Locator card = page.locator("[data-consent-id='" + own + "']");
    assertThat(card.getByTestId("consent-summary").first()).not().isEmpty();
    assertThat(card.getByTestId("summary-" + language)).hasAttribute("lang", language);
    assertThat(card.getByTestId("summary-nb")).containsText("Fjordvik GP Office");
    assertThat(card.getByTestId("party-disclosing")).containsText("311000012");
    if (RIGHT_TO_LEFT.contains(language)) {
      assertTheNameComesBeforeItsNumberRightToLeft(card.getByTestId("party-disclosing"));
    }
    Accessibility.assertNoViolations(page, "the person's consents, in " + language);
    card.scrollIntoViewIfNeeded();
    picture("me-consents", language);

    withdraw(card, own, language, true);
    readTheAccessLog(self, language, true);

    // As the guardian: her son's consent, withdrawn the same way.
    page.navigate(hub.base() + "/me/" + child);
    assertThat(page.getByTestId("acting-for")).containsText("Omar Haddad");
    Locator childsCard = page.locator("[data-consent-id='" + childs + "']");
    assertThat(childsCard.getByTestId("summary-nb")).isVisible();
    Accessibility.assertNoViolations(page, "a child's consents, in " + language);
    // The same screens as hers, checked by axe-core above, now with his data.
    withdraw(childsCard, childs, language, false);
    readTheAccessLog(child, language, false);

    download(self, "Amina", language, true);
    download(child, "Omar", language, false);
  }

  @Test
  void aGuardianGetsTheHubsNotFoundForAnotherFamilysChild() {
    String stranger = participantId(OTHER_FAMILYS_CHILD_NATIONAL_ID);
    signInAsCitizen("nb");
    assertThat(page.getByTestId("acts-for")).not().containsText("Zahra");

    page.navigate(hub.base() + "/me/" + stranger);
    assertThat(page.getByRole(AriaRole.ALERT))
        .containsText("Huben finner ikke dette, eller du har ikke tilgang til å se det.");
    assertThat(page.locator("body")).not().containsText("Zahra");
    Accessibility.assertNoViolations(page, "another family's child");
    for (String path :
        List.of(
            "/api/participants/" + stranger,
            "/api/participants/" + stranger + "/access-log",
            "/api/participants/" + stranger + "/export",
            "/api/consents?subject=" + stranger)) {
      assertThat(page.request().get(hub.base() + path).status()).as(path).isEqualTo(404);
    }

    page.navigate(hub.base() + "/me/" + stranger + "/access-log");
    assertThat(page.getByRole(AriaRole.ALERT)).containsText("Huben finner ikke dette");
    assertThat(page.getByTestId("access-log")).hasCount(0);
  }

  @Test
  void herWithdrawalHoldsTheAnswerOnItsWayAndHerAccessLogSaysSo() {
    String self = participantId(GUARDIAN_NATIONAL_ID);
    // A flow of its own (the demo participant's own consents cover the usual ones), so that the
    // withdrawal here is what the answer meets.
    String consent =
        consent(
            Demo.gpConsentJson(self, Demo.GP_OFFICE)
                .replace(
                    "[\"appointment-outcomes\",\"referral-status\"]", "[\"interpreter-needs\"]"));
    HubClient.Reply asked =
        caseworker.post(
            "/api/requests",
            Demo.referralQuestionJson(self)
                .replace("\"referral-status\"", "\"interpreter-needs\"")
                .replace(
                    "Was the participant referred to hospital",
                    "Does the participant need an interpreter"));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    String request = asked.json().getString("id");

    signInAsCitizen("nb");
    page.navigate(hub.base() + "/me/" + self + "/consents/" + consent);
    assertThat(page.getByTestId("consent-status")).hasText("Gjelder");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Trekk tilbake samtykket"))
        .click();
    Locator dialog = page.getByTestId("withdraw-dialog");
    assertThat(dialog.getByTestId("withdraw-what-stops")).containsText("Fjordvik GP Office");
    assertThat(dialog).containsText("Svar som allerede er på vei, blir stoppet");
    dialog
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ja, trekk det tilbake"))
        .click();
    assertThat(page.getByTestId("withdrawn-notice")).isVisible();
    assertThat(page.getByTestId("consent-status")).hasText("Trukket tilbake");

    // The GP office answers after the withdrawal: the hub holds the answer.
    HubClient.Reply answered =
        hub.as(Demo.GP)
            .post(
                "/api/messages/" + request + "/answers", "{\"text\":\"Referred on 2 December.\"}");
    assertThat(answered.json().getString("status")).as(answered.toString()).isEqualTo("held");

    JsonObject log = caseworker.get("/api/participants/" + self + "/access-log?lang=nb").json();
    String heldLine = lineOfKind(log, "held");
    page.navigate(hub.base() + "/me/" + self + "/access-log");
    Locator held =
        page.getByTestId("access-log-nb")
            .getByTestId("access-log-entries")
            .locator("li")
            .filter(new Locator.FilterOptions().setHasText(heldLine));
    assertThat(held).hasCount(1);
    Accessibility.assertNoViolations(page, "the access log with a held answer");
    held.scrollIntoViewIfNeeded();
    picture("me-access-log-held", "nb");
    theRefugeeServiceSeesTheWithdrawal(consent);
  }

  /** The caseworker's consent page lists the person's own withdrawal until it is marked seen. */
  private void theRefugeeServiceSeesTheWithdrawal(String consent) {
    try (BrowserContext office = Browsers.newContext()) {
      Page staff = office.newPage();
      staff.navigate(hub.base() + "/?lang=nb");
      SignInIT.signInAt(staff, Demo.CASEWORKER);
      staff.navigate(hub.base() + "/consent");
      Locator notice =
          staff.locator("[data-testid=notice-row][data-consent-id=\"" + consent + "\"]");
      assertThat(notice).containsText("Amina Haddad");
      assertThat(notice).containsText("personen selv");
      Accessibility.assertNoViolations(staff, "the consents the people withdrew themselves");
      notice
          .getByRole(
              AriaRole.BUTTON,
              new Locator.GetByRoleOptions().setName("Merk varselet om Amina Haddad som sett"))
          .click();
      assertThat(notice).containsText("Sett ");
      assertThat(
              caseworker.get("/api/consents/notices").jsonArray().stream()
                  .map(JsonObject.class::cast)
                  .filter(n -> n.getString("consentId").equals(consent))
                  .map(n -> n.getBoolean("seen"))
                  .toList())
          .as("the notice, marked seen by the caseworker")
          .containsExactly(true);
    }
  }

  /** Signs in on the development sign-in's ID-porten page, from the hub's sign-in page. */
  private void signInAsCitizen(String language) {
    page.navigate(hub.base() + "/?lang=" + language);
    page.getByTestId("sign-in-citizen").click();
    page.waitForURL(url -> url.contains("/authorize"));
    page.locator("input[name=username]").fill(GUARDIAN);
    page.locator("input[type=submit]").click();
    assertThat(page.getByTestId("who-am-i")).containsText("Amina Haddad");
  }

  private void withdraw(Locator card, String consent, String language, boolean check) {
    card.getByTestId("open-consent").click();
    assertThat(page.getByTestId("receipt-section-nb")).isVisible();
    page.getByTestId("withdraw-open").click();
    Locator dialog = page.getByTestId("withdraw-dialog");
    assertThat(dialog.getByTestId("withdraw-what-stops")).containsText("Fjordvik");
    if (check) {
      settled(dialog);
      Accessibility.assertNoViolations(page, "the confirmation of a withdrawal, in " + language);
      picture("me-withdraw", language);
    }
    dialog.getByTestId("withdraw-confirm").click();
    assertThat(page.getByTestId("withdrawn-notice")).isVisible();
    assertThat(caseworker.get("/api/consents/" + consent).json().getString("status"))
        .isEqualTo("withdrawn");
    if (check) {
      Accessibility.assertNoViolations(page, "the receipt of the withdrawal, in " + language);
    }
  }

  /** Waits for the dialog to finish opening, so that its colours are those it settles on. */
  private void settled(Locator dialog) {
    dialog.evaluate("d => Promise.all(d.getAnimations({ subtree: true }).map(a => a.finished))");
  }

  private void readTheAccessLog(String person, String language, boolean check) {
    page.navigate(hub.base() + "/me/" + person + "/access-log");
    Locator log = page.getByTestId("access-log-" + language);
    assertThat(log).hasAttribute("dir", RIGHT_TO_LEFT.contains(language) ? "rtl" : "ltr");
    assertThat(page.getByTestId("access-log-nb").getByTestId("access-log-entries")).isVisible();
    if (check) {
      Accessibility.assertNoViolations(page, "the access log, in " + language);
      log.scrollIntoViewIfNeeded();
      picture("me-access-log", language);
    }
  }

  private void download(String person, String name, String language, boolean check)
      throws Exception {
    page.navigate(hub.base() + "/me/" + person + "/export");
    assertThat(page.getByTestId("export")).containsText(name);
    Download download = page.waitForDownload(() -> page.getByTestId("download-export").click());
    String json = Files.readString(download.path(), StandardCharsets.UTF_8);
    JsonObject exported = Json.createReader(new StringReader(json)).readObject();
    assertThat(exported.toString()).contains(name);
    if (check) {
      Accessibility.assertNoViolations(page, "everything the hub holds, in " + language);
    }
  }

  /**
   * Right to left, "Fjordvik GP Office (رقم المؤسسة 311000012)": the name, isolated, comes first,
   * on the right, and its number, left to right, after it, on the left.
   */
  private static void assertTheNameComesBeforeItsNumberRightToLeft(Locator party) {
    Locator name = party.getByTestId("party-name");
    Locator number = party.getByTestId("party-number");
    assertThat(name).hasText("Fjordvik GP Office");
    assertThat(name).hasJSProperty("tagName", "BDI");
    assertThat(number).hasText("311000012");
    assertThat(number).hasAttribute("dir", "ltr");
    BoundingBox nameBox = name.boundingBox();
    BoundingBox numberBox = number.boundingBox();
    boolean sameLine = Math.abs(nameBox.y - numberBox.y) < nameBox.height / 2;
    if (sameLine) {
      assertThat(nameBox.x).as("the name on the right").isGreaterThan(numberBox.x);
    } else {
      assertThat(numberBox.y).as("the number on a later line").isGreaterThan(nameBox.y);
    }
  }

  private String participantId(String nationalId) {
    HubClient.Reply found = caseworker.get("/api/participants?nationalId=" + nationalId);
    assertThat(found.status()).as("the demo participant " + nationalId).isEqualTo(200);
    return found.json().getString("id");
  }

  private String consent(String json) {
    HubClient.Reply consent = caseworker.post("/api/consents", json);
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return consent.json().getString("id");
  }

  /** J1's consent for her son, given by her as his guardian. */
  private static String childConsentJson(String child, String guardian) {
    return Demo.gpConsentJson(child, Demo.GP_OFFICE)
        .replace("{\"subjectId\"", "{\"grantorId\":\"" + guardian + "\",\"subjectId\"");
  }

  /**
   * The text of the access log's line of a kind, as the hub wrote it in the log's first section.
   */
  private static String lineOfKind(JsonObject log, String kind) {
    JsonArray entries = log.getJsonArray("entries");
    JsonArray items =
        log.getJsonArray("sections")
            .getJsonObject(0)
            .getJsonObject("entries")
            .getJsonArray("items");
    for (int at = 0; at < entries.size(); at++) {
      if (kind.equals(entries.getJsonObject(at).getString("kind"))) {
        return items.getJsonObject(at).getString("text");
      }
    }
    throw new AssertionError("the access log has no line of kind " + kind + ": " + log);
  }

  /** A picture for docs/ui.md, of the pages in the languages it shows. */
  private void picture(String name, String language) {
    if (PICTURED.contains(language)) {
      Screenshots.take(page, name + "-" + language);
    }
  }
}
