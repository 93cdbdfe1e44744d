package no.bindeledd.web.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.json.JsonString;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caseworker's register in a real Chromium (J1's first steps, J8 from the caseworker's side):
 * registering a participant and a child with two guardians, finding them by name and by national
 * identity number, a name full of markup shown as text, and the person's access log in plain words
 * on Oslo's clock. axe-core checks every screen; the pictures of docs/ui.md are taken here.
 */
class CaseworkerPeopleIT {

  private final RunningHub hub = RunningHub.get();
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
  void theCaseworkerRegistersAParticipantAndAChildWithTwoGuardiansAndFindsThemByNameAndNumber() {
    String family = "Registrert" + unique();
    String guardianNumber = Demo.adultNationalId();
    String childNumber = Demo.childNationalId();
    page.navigate(hub.base() + "/people");
    SignInIT.signInAt(page, Demo.CASEWORKER);

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Registrer en deltaker"))
        .click();
    assertThat(heading()).hasText("Registrer en deltaker");
    submit("Registrer deltakeren");
    Locator errors = page.getByTestId("form-errors");
    assertThat(errors).containsText("Fyll inn fødselsnummeret.");
    assertThat(errors).containsText("Velg språket personen foretrekker.");
    assertThat(page.getByLabel("Fornavn")).hasAttribute("aria-invalid", "true");
    Accessibility.assertNoViolations(page, "the register form with its errors");

    page.getByLabel("Fødselsnummer", new Page.GetByLabelOptions().setExact(true))
        .fill(guardianNumber);
    page.getByLabel("Fornavn").fill("Amal");
    page.getByLabel("Etternavn").fill(family);
    page.getByLabel("Foretrukket språk").selectOption("ar");
    // Each error goes away as soon as it is put right.
    assertThat(errors).isHidden();
    Screenshots.take(page, "people-register");
    submit("Registrer deltakeren");

    assertThat(heading()).hasText("Amal " + family);
    Locator details = page.getByTestId("person-details");
    assertThat(details).containsText(guardianNumber);
    assertThat(details).containsText("Arabisk");
    assertThat(details).containsText("Voksen");
    String guardianId = idInAddress();

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Registrer et barn")).click();
    assertThat(heading()).hasText("Registrer et barn");
    assertThat(page.getByTestId("child-of")).containsText("Amal " + family);
    page.getByLabel("Fødselsnummer", new Page.GetByLabelOptions().setExact(true)).fill(childNumber);
    page.getByLabel("Fornavn").fill("Sara");
    page.getByLabel("Etternavn").fill(family);
    page.getByLabel("Foretrukket språk").selectOption("ar");
    Accessibility.assertNoViolations(page, "the form that registers a child");
    submit("Registrer barnet");

    assertThat(heading()).hasText("Sara " + family);
    assertThat(page.getByTestId("person-details")).containsText("Barn");
    Locator guardians = page.getByTestId("guardians");
    assertThat(guardians).containsText("Amal " + family);

    // The second guardian is registered already (another caseworker did it); the link is made here.
    String otherNumber = Demo.adultNationalId();
    HubClient.Reply other =
        hub.as(Demo.CASEWORKER)
            .post(
                "/api/participants",
                """
                {"nationalId":"%s","givenName":"Omar","familyName":"%s","preferredLanguage":"ar"}"""
                    .formatted(otherNumber, family));
    assertThat(other.status()).as(other.toString()).isEqualTo(201);
    page.getByLabel("Legg til en foresatt med fødselsnummer").fill(otherNumber);
    submit("Legg til den foresatte");
    assertThat(guardians.locator("li")).hasCount(2);
    assertThat(guardians).containsText("Omar " + family);
    HubClient.Reply child =
        hub.as(Demo.CASEWORKER).get("/api/participants?nationalId=" + childNumber);
    assertThat(child.json().getJsonArray("guardianIds").getValuesAs(JsonString.class))
        .extracting(JsonString::getString)
        .contains(guardianId, other.json().getString("id"));
    Accessibility.assertNoViolations(page, "a child's page, with two guardians");

    // The guardian's page lists the child.
    guardians.getByText("Amal " + family).click();
    assertThat(page.getByTestId("children")).containsText("Sara " + family);

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Deltakere").setExact(true))
        .click();
    page.getByLabel("Søk etter navn eller fødselsnummer").fill(family.toLowerCase());
    submit("Søk");
    Locator register = page.getByTestId("register");
    assertThat(register.locator("tbody tr")).hasCount(3);
    assertThat(register).containsText("Sara " + family);
    assertThat(register).containsText("Barn");
    Accessibility.assertNoViolations(page, "the register, searched by name");
    Screenshots.take(page, "people-search");

    page.getByLabel("Søk etter navn eller fødselsnummer").fill(childNumber);
    submit("Søk");
    assertThat(register.locator("tbody tr")).hasCount(1);
    assertThat(register).containsText("Sara " + family);
    assertThat(register).containsText(childNumber);

    page.getByLabel("Søk etter navn eller fødselsnummer").fill("Ingen" + unique());
    submit("Søk");
    assertThat(page.getByTestId("register-empty")).containsText("Ingen i registeret passer");
  }

  @Test
  void aNameFullOfMarkupIsShownAsTextAndTheRefusalOfATakenNumberIsInPlainWords() {
    String given = "<img src=x onerror=\"document.title='hacked'\">";
    String family = "<script>document.title='hacked'</script>" + unique();
    String number = Demo.adultNationalId();
    page.navigate(hub.base() + "/people/new");
    SignInIT.signInAt(page, Demo.CASEWORKER);

    page.getByLabel("Fødselsnummer", new Page.GetByLabelOptions().setExact(true)).fill(number);
    page.getByLabel("Fornavn").fill(given);
    page.getByLabel("Etternavn").fill(family);
    page.getByLabel("Foretrukket språk").selectOption("uk");
    submit("Registrer deltakeren");

    assertThat(heading()).hasText(given + " " + family);
    assertThat(page).hasTitle("Bindeledd");
    assertThat(page.locator("main img")).hasCount(0);
    assertThat(page.locator("main script")).hasCount(0);

    // The same number again: the hub refuses, and the page says so in words.
    page.navigate(hub.base() + "/people/new");
    page.getByLabel("Fødselsnummer", new Page.GetByLabelOptions().setExact(true)).fill(number);
    page.getByLabel("Fornavn").fill("Someone");
    page.getByLabel("Etternavn").fill("Else");
    page.getByLabel("Foretrukket språk").selectOption("uk");
    submit("Registrer deltakeren");
    Locator refusal = page.getByRole(AriaRole.ALERT);
    assertThat(refusal).containsText("Dette er allerede gjort");
    assertThat(refusal).containsText("Last inn siden på nytt");
    assertThat(refusal).not().containsText("409");
    Accessibility.assertNoViolations(page, "the register form with the hub's refusal");

    // Consents are recorded from a participant's page; the menu's consent page says so.
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Samtykker").setExact(true))
        .click();
    assertThat(heading()).hasText("Samtykker");
    assertThat(
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Gå til registeret")))
        .hasAttribute("href", "/people");
    Accessibility.assertNoViolations(page, "the consent page of the menu");
  }

  @Test
  void theParticipantsPageShowsTheAccessLogInPlainWordsOnOslosClock() {
    String family = "Logget" + unique();
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    HubClient.Reply person =
        caseworker.post(
            "/api/participants",
            """
            {"nationalId":"%s","givenName":"Hiwet","familyName":"%s","preferredLanguage":"ti"}"""
                .formatted(Demo.adultNationalId(), family));
    assertThat(person.status()).as(person.toString()).isEqualTo(201);
    String id = person.json().getString("id");
    HubClient.Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(id));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);

    page.navigate(hub.base() + "/people/" + id);
    SignInIT.signInAt(page, Demo.CASEWORKER);

    assertThat(heading()).hasText("Hiwet " + family);
    Locator log = page.getByTestId("access-log");
    Locator entries = log.getByTestId("access-log-entries").locator("li");
    assertThat(entries.first()).isVisible();
    assertThat(entries.first().getByTestId("access-log-time"))
        .hasText(Pattern.compile("\\d{4}.*\\d{2}:\\d{2}.*(CES?T|GMT\\+[12])"));
    assertThat(log.getByTestId("access-log-consents")).containsText("Fjordvik GP Office");
    assertThat(log.locator("[lang=nb]")).isVisible();
    assertThat(
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Deltakerens plan")))
        .hasAttribute("href", "/plans?subject=" + id);
    assertThat(
            page.getByRole(
                AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Deltakerens samtaler med andre virksomheter")))
        .hasAttribute("href", "/exchange?subject=" + id);
    Accessibility.assertNoViolations(page, "a participant's page with the access log");
    page.getByTestId("access-log").evaluate("section => section.scrollIntoView()");
    Screenshots.take(page, "people-access-log");

    page.getByLabel("Språk").selectOption("en");
    assertThat(
            log.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Access log")))
        .isVisible();
    assertThat(log.locator("[lang=en]")).isVisible();
    assertThat(entries.first().getByTestId("access-log-time"))
        .hasText(Pattern.compile("\\d{4}.*\\d{1,2}:\\d{2}\\s?[AP]M.*(CES?T|GMT\\+[12])"));
  }

  private void submit(String name) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true))
        .click();
  }

  private String idInAddress() {
    page.waitForURL(Pattern.compile(".*/people/[0-9a-f-]{36}$"));
    return page.url().substring(page.url().lastIndexOf('/') + 1);
  }

  private Locator heading() {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
