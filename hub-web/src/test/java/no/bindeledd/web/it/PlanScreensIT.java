package no.bindeledd.web.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan screens (J6) in a real Chromium: the caseworker writes a participant's plan and shares
 * it with NAV, told first whether a consent covers it, and follows its delivery to NAV's
 * acknowledgement; without a consent nothing goes and she is told what to do; NAV's adviser sees
 * the plans received, each with its status.
 */
class PlanScreensIT {

  private static final AtomicInteger NEXT = new AtomicInteger();

  static RunningHub hub;
  static Simulators simulators;
  static HubClient caseworker;

  private BrowserContext browser;
  private Page page;

  @BeforeAll
  static void start() {
    hub = RunningHub.get();
    simulators = Simulators.get();
    caseworker = hub.as(Demo.CASEWORKER);
  }

  @BeforeEach
  void openTheBrowser() {
    browser = Browsers.newContext();
    page = browser.newPage();
  }

  @AfterEach
  void closeTheBrowser() {
    browser.close();
  }

  /** A participant with a name of her own, so that tests neither meet nor wait for each other. */
  private static String participant(String givenName) {
    Reply created =
        caseworker.post(
            "/api/participants",
            """
            {"nationalId":"%s","givenName":"%s","familyName":"Planfjord","preferredLanguage":"ar"}"""
                .formatted(Demo.adultNationalId(), givenName + NEXT.incrementAndGet()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  private static void consentToShareThePlanWithNav(String participant) {
    Reply consent =
        caseworker.post(
            "/api/consents",
            """
            {"subjectId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
             "categories":["participant-plan"],"purpose":"participant-plan-sharing",
             "validForDays":365,
             "evidence":{"collectionMethod":"paper-form",
               "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
               "textLanguage":"ar"}}"""
                .formatted(participant, Demo.REFUGEE_SERVICE, Demo.NAV));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
  }

  @Test
  void theCaseworkerWritesAPlanAndSharesItWithNavWhichAcknowledgesIt() {
    String amal = participant("Amal");
    consentToShareThePlanWithNav(amal);
    page.navigate(hub.base() + "/plans?subject=" + amal);
    SignInIT.signInAt(page, Demo.CASEWORKER);

    assertThat(heading()).hasText(Pattern.compile("Planen for Amal\\d+ Planfjord"));
    assertThat(page.getByText("Ingen plan er delt for denne deltakeren ennå.")).isVisible();

    // Sharing an empty plan: every missing field is named, and tied to its field.
    share();
    Locator errors = page.getByTestId("plan-errors");
    assertThat(errors).containsText("Oppgi dagen planen starter.");
    assertThat(errors).containsText("Beskriv tiltak 1 i fase 1.");
    assertThat(
            errors.getByRole(
                AriaRole.LINK, new Locator.GetByRoleOptions().setName("Gi fase 1 et navn.")))
        .hasAttribute("href", "#plan-phase-0-title");
    Accessibility.assertNoViolations(page, "the plan editor with its errors");

    page.getByLabel("Planen starter").fill("2027-01-04");
    page.getByLabel("Hva fasen heter").fill("Introduksjon");
    page.getByLabel("Fra", new Page.GetByLabelOptions().setExact(true)).fill("2027-01-04");
    page.getByLabel("Til", new Page.GetByLabelOptions().setExact(true)).fill("2027-06-30");
    page.getByLabel("Tiltak 1 i fase 1", new Page.GetByLabelOptions().setExact(true))
        .fill("Norskopplæring");
    page.getByLabel("Når tiltak 1 i fase 1 foregår (valgfritt)")
        .fill("formiddager, fem dager i uken");
    page.getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Legg til et tiltak i fase 1"))
        .click();
    page.getByLabel("Tiltak 2 i fase 1", new Page.GetByLabelOptions().setExact(true))
        .fill("Språkpraksis på en arbeidsplass");
    assertThat(page.getByTestId("plan-errors")).isHidden();
    Accessibility.assertNoViolations(page, "the plan editor, filled in");
    // One picture of the whole editor: a taller window for it.
    page.setViewportSize(1280, 1200);
    page.evaluate("() => window.scrollTo(0, 0)");
    Screenshots.take(page, "plan-editor");
    page.setViewportSize(1280, 800);

    share();
    Locator outcome = page.getByTestId("plan-outcome");
    assertThat(outcome).containsText("Et samtykke dekker deling av planen med NAV");
    assertThat(outcome).containsText("Planen er delt.");

    Locator plans = page.getByTestId("participant-plans");
    assertThat(plans.getByTestId("plan-status")).hasText("levert");
    assertThat(plans.getByTestId("plan-acknowledgement"))
        .hasText(Pattern.compile("Kvittert av NAV som NAV-SIM-.+"));
    assertThat(plans).containsText("NAV Fjordvik");
    Accessibility.assertNoViolations(page, "the participant's plan, shared and acknowledged");
    assertThat(
            simulators.nav.plans().stream()
                .filter(p -> p.toString().contains("Språkpraksis på en arbeidsplass"))
                .count())
        .as("NAV's intake received the plan as written")
        .isEqualTo(1);
  }

  @Test
  void withoutAConsentNothingIsSentAndTheCaseworkerIsToldWhatToDo() {
    String sara = participant("Sara");
    page.navigate(hub.base() + "/plans?subject=" + sara);
    SignInIT.signInAt(page, Demo.CASEWORKER);

    page.getByLabel("Planen starter").fill("2027-02-01");
    page.getByLabel("Hva fasen heter").fill("Introduksjon");
    page.getByLabel("Fra", new Page.GetByLabelOptions().setExact(true)).fill("2027-02-01");
    page.getByLabel("Til", new Page.GetByLabelOptions().setExact(true)).fill("2027-07-31");
    page.getByLabel("Tiltak 1 i fase 1", new Page.GetByLabelOptions().setExact(true))
        .fill("Norskopplæring");
    share();

    Locator coverage = page.getByTestId("plan-coverage");
    assertThat(coverage).containsText("Ingen samtykke dekker deling av planen med NAV");
    assertThat(coverage)
        .containsText("Ingen registrert samtykke dekker denne flyten av opplysninger.");
    assertThat(coverage).containsText("participant-plan");
    assertThat(page.getByText("Ingen plan er delt for denne deltakeren ennå.")).isVisible();
    Accessibility.assertNoViolations(page, "the plan editor, told no consent covers it");
    assertThat(caseworker.get("/api/conversations?subject=" + sara).jsonArray()).isEmpty();
  }

  @Test
  void navsAdviserSeesThePlansReceivedEachWithItsStatus() {
    String omar = participant("Omar");
    consentToShareThePlanWithNav(omar);
    Reply shared =
        caseworker.post(
            "/api/plans",
            """
            {"subjectId":"%s","recipient":"%s","startDate":"2027-03-01",
             "phases":[{"title":"Arbeidspraksis","from":"2027-03-01","to":"2027-08-31",
               "measures":[{"description":"Praksis ved kommunens driftsavdeling",
                            "schedule":"tre dager i uken"}]}]}"""
                .formatted(omar, Demo.NAV));
    assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
    String planId = shared.json().getString("id");
    Await.until(
        "NAV acknowledged the plan",
        () -> caseworker.get("/api/messages/" + planId + "/status").json(),
        m -> "delivered".equals(m.getString("status")));

    page.navigate(hub.base() + "/plans");
    SignInIT.signInAt(page, Demo.NAV_ADVISER);

    assertThat(heading()).hasText("Mottatte deltakerplaner");
    Locator row =
        page.getByTestId("plans-received")
            .locator("tbody tr")
            .filter(new Locator.FilterOptions().setHasText(omar));
    assertThat(row).hasCount(1);
    assertThat(row.getByTestId("plan-status")).hasText("levert");
    assertThat(row).containsText("Fjordvik Refugee Service");
    Accessibility.assertNoViolations(page, "NAV's plans received");

    row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Åpne")).click();
    Locator opened = page.getByTestId("plan-opened");
    assertThat(opened).containsText("Arbeidspraksis");
    assertThat(opened).containsText("Praksis ved kommunens driftsavdeling – tre dager i uken");
    assertThat(row.getByTestId("plan-status")).hasText("lest");
    Accessibility.assertNoViolations(page, "a plan NAV opened");
    Screenshots.take(page, "plans-nav");
  }

  private void share() {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Del med NAV")).click();
  }

  private Locator heading() {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
  }
}
