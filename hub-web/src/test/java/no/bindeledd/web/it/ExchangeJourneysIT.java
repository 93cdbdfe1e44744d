package no.bindeledd.web.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * J2 to J5 through the screens, in a real Chromium, signed in on the identity provider's page: the
 * caseworker sees whether a consent covers a draft before asking, the GP office without a
 * record-system connector sees the request arrive live, opens it with its consent and answers it
 * (with the keyboard alone), or declines it with a reason the caseworker reads in the timeline; a
 * held answer shows the hub's words and nothing of its content; a school asks the refugee service
 * and is never offered a health category. The participants and consents a journey needs are made
 * through the API; the step the journey is about is done in the browser. axe-core checks every
 * screen, and the pictures of docs/ui.md are taken here.
 */
class ExchangeJourneysIT {

  static RunningHub hub;
  static HubClient caseworker;
  static HubClient gp;

  /**
   * How long a page told live may take to show a delivery: the hub delivers asynchronously, and a
   * busy machine takes a few seconds.
   */
  private static final LocatorAssertions.HasAttributeOptions LIVE =
      new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);

  /**
   * How long a page may take when it polls: a user's earlier streams (from the browser tests before
   * this one) may still count against the hub's three a user until the hub notices they closed, and
   * the page then polls every half minute.
   */
  private static final LocatorAssertions.HasAttributeOptions WITHIN_A_POLL =
      new LocatorAssertions.HasAttributeOptions().setTimeout(40_000);

  private final List<BrowserContext> contexts = new ArrayList<>();

  @BeforeAll
  static void start() {
    hub = RunningHub.get();
    Simulators.get();
    caseworker = hub.as(Demo.CASEWORKER);
    gp = hub.as(Demo.GP);
  }

  @AfterEach
  void closeTheBrowsers() {
    contexts.forEach(BrowserContext::close);
  }

  @Test
  void j2AndJ3TheCaseworkerSeesTheCoverageAsksAndTheGpOfficeSeesItLiveAndAnswersByKeyboard() {
    String amal = registerParticipant();
    String consentId = recordGpConsent(amal);

    // The GP office has its inbox open before anything is sent.
    Page office = signedIn(Demo.GP, "/exchange");
    assertThat(office.getByTestId("live-mode")).hasAttribute("data-mode", "live");
    int unreadBefore =
        Integer.parseInt(office.getByTestId("unread-count").getAttribute("data-count"));
    List<String> reloads = new java.util.concurrent.CopyOnWriteArrayList<>();
    office.onFrameNavigated(
        frame -> {
          if (frame == office.mainFrame()) {
            reloads.add(frame.url());
          }
        });

    Page kari = signedIn(Demo.CASEWORKER, "/exchange?subject=" + amal);
    assertThat(heading(kari)).hasText("Samtaler om personen");
    assertThat(kari.getByText("Virksomheten har ingen samtaler om personen.")).isVisible();
    Accessibility.assertNoViolations(kari, "a person's conversations, none yet");
    kari.getByRole(
            AriaRole.LINK, new Page.GetByRoleOptions().setName("Still et spørsmål om personen"))
        .click();

    assertThat(heading(kari)).hasText("Still et spørsmål");
    assertThat(kari.getByLabel("Personen spørsmålet gjelder")).hasValue(amal);
    assertThat(kari.getByTestId("person")).containsText("Amal Testesen");
    kari.getByLabel("Hvem du spør").selectOption(Demo.GP_OFFICE);
    kari.getByLabel("Formål").selectOption("introduction-programme-follow-up");
    kari.getByLabel("Hva spørsmålet gjelder").selectOption("language-support-needs");

    Locator coverage = kari.getByTestId("coverage");
    assertThat(coverage).hasAttribute("data-covered", "false");
    assertThat(coverage).containsText("Ingen samtykke dekker dette spørsmålet");
    assertThat(kari.getByTestId("coverage-why"))
        .hasText("Ingen registrert samtykke dekker denne flyten av opplysninger.");
    Locator nearMiss = kari.getByTestId("near-miss");
    assertThat(nearMiss).hasCount(1);
    assertThat(nearMiss).containsText(consentId);
    assertThat(nearMiss.locator("[data-difference=other-category]"))
        .hasText("det gjelder andre opplysninger");
    assertThat(kari.getByTestId("consent-to-record"))
        .containsText(
            "Fjordvik GP Office kan fortelle Fjordvik Refugee Service om behov for språkstøtte");
    String question =
        "<b>Was she referred</b> after 20 November? <script>document.title='hacked'</script>";
    kari.getByLabel("Spørsmålet", new Page.GetByLabelOptions().setExact(true)).fill(question);
    Accessibility.assertNoViolations(kari, "the question form, a draft no consent covers");
    picture(kari, "exchange-ask-not-covered");

    // Sent anyway, the hub refuses it, and the screen says so in plain words.
    kari.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send spørsmålet")).click();
    Locator refusal =
        kari.getByRole(AriaRole.ALERT)
            .filter(new Locator.FilterOptions().setHasText("Det gikk ikke"));
    assertThat(refusal)
        .containsText("Ingen registrert samtykke dekker denne flyten av opplysninger.");
    assertThat(refusal).containsText("Registrer et samtykke fra personen");
    assertThat(refusal).not().containsText("403");
    assertThat(kari).hasURL(Pattern.compile("/exchange/ask"));

    kari.getByLabel("Hva spørsmålet gjelder").selectOption("referral-status");
    assertThat(coverage).hasAttribute("data-covered", "true");
    assertThat(coverage).containsText("Spørsmålet bygger på samtykke " + consentId);
    Accessibility.assertNoViolations(kari, "the question form, a draft a consent covers");
    picture(kari, "exchange-ask-covered");
    kari.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send spørsmålet")).click();

    assertThat(kari.getByTestId("sent-notice")).isVisible();
    assertThat(heading(kari)).hasText("Samtalen");
    String conversationId = kari.url().replaceAll(".*/exchange/conversations/([^?]+).*", "$1");
    String requestId = messagesOf(caseworker, conversationId).get(0).getString("id");
    Locator requestEntry = entry(kari, "request");
    assertThat(requestEntry)
        .containsText("Forespørsel fra Fjordvik Refugee Service til Fjordvik GP Office");
    assertThat(requestEntry).hasAttribute("data-status", "delivered", WITHIN_A_POLL);
    assertThat(requestEntry.getByTestId("status")).hasText("levert");

    // The GP office's count and inbox change without a reload.
    assertThat(office.getByTestId("unread-count"))
        .hasAttribute("data-count", String.valueOf(unreadBefore + 1), LIVE);
    Locator row = office.locator("[data-testid=inbox-row][data-message='" + requestId + "']");
    assertThat(row).hasAttribute("data-unread", "true");
    assertThat(reloads).as("the inbox changed without the page loading again").isEmpty();
    assertThat(row).containsText("Fjordvik Refugee Service");
    assertThat(row).containsText("status for henvisning, for oppfølging i introduksjonsprogrammet");
    Accessibility.assertNoViolations(office, "the GP office's inbox");
    picture(office, "exchange-gp-inbox");

    // The keyboard alone: to the request, open it, write the answer, send it.
    tabTo(office, row.getByRole(AriaRole.LINK));
    office.keyboard().press("Enter");
    assertThat(office).hasURL(Pattern.compile("/exchange/messages/" + requestId));
    Locator body = office.getByTestId("message-body").first();
    assertThat(body).hasText(question);
    assertThat(body.locator("b, script")).hasCount(0);
    assertThat(office).hasTitle("Bindeledd");
    Locator consent = office.getByTestId("consent");
    assertThat(consent).containsText("Samtykket forespørselen bygger på");
    assertThat(consent).containsText(consentId);
    assertThat(consent.getByTestId("consent-status")).hasText("gjeldende");
    assertThat(consent).containsText("fra Fjordvik GP Office til Fjordvik Refugee Service");
    assertThat(consent).containsText("med tolk Interpreter 4711");
    // Opening the request marked it read.
    assertThat(office.getByTestId("unread-count"))
        .hasAttribute("data-count", String.valueOf(unreadBefore));
    Accessibility.assertNoViolations(office, "a request opened with its consent");
    picture(office, "exchange-gp-request");

    tabTo(office, office.locator("#answer-text"));
    office.keyboard().type("Yes: referred to the hospital, appointment on 3 December.");
    tabTo(
        office,
        office.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send svaret")));
    office.keyboard().press("Enter");
    assertThat(office.getByTestId("reply-outcome")).hasText("Svaret er sendt.");
    Accessibility.assertNoViolations(office, "the request, answered");

    // The caseworker's timeline shows the answer as it arrives, and opens it on request.
    Locator answerEntry = entry(kari, "answer");
    assertThat(answerEntry)
        .containsText(
            "Svar fra Fjordvik GP Office til Fjordvik Refugee Service",
            new LocatorAssertions.ContainsTextOptions().setTimeout(40_000));
    assertThat(answerEntry)
        .hasAttribute("data-status", Pattern.compile("delivered|read"), WITHIN_A_POLL);
    answerEntry.getByText("Vis teksten").click();
    assertThat(answerEntry.getByTestId("message-body"))
        .hasText("Yes: referred to the hospital, appointment on 3 December.");
    assertThat(answerEntry).hasAttribute("data-status", "read", WITHIN_A_POLL);
    requestEntry.getByText("Vis teksten").click();
    assertThat(requestEntry.getByTestId("message-body")).hasText(question);
    assertThat(requestEntry.getByTestId("message-body").locator("b, script")).hasCount(0);
    assertThat(kari).hasTitle("Bindeledd");
    Accessibility.assertNoViolations(kari, "the conversation's timeline");
    picture(kari, "exchange-timeline");
  }

  @Test
  void theGpOfficeDeclinesWithAReasonAndTheCaseworkerReadsItInTheTimeline() {
    String nationalId = Demo.adultNationalId();
    String amal = registerParticipant(nationalId);
    recordGpConsent(amal);
    JsonObject request = ask(caseworker, Demo.referralQuestionJson(amal));
    String requestId = request.getString("id");
    awaitStatus(caseworker, requestId, "delivered");

    Page office = signedIn(Demo.GP, "/exchange/messages/" + requestId);
    assertThat(office.getByTestId("message-body").first()).containsText("referred to hospital");
    Locator decline =
        office.getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Avslå med denne begrunnelsen"));
    decline.click();
    assertThat(
            office
                .locator("ds-error-summary, [data-testid=error-summary], .ds-error-summary")
                .first())
        .containsText("Skriv hvorfor du avslår.");
    Locator reason = office.getByLabel("Begrunnelse");
    assertThat(reason).hasAttribute("aria-invalid", "true");
    Accessibility.assertNoViolations(office, "the decline form, with its error");
    reason.fill("Not our patient: the participant is listed with another GP office.");
    picture(office, "exchange-gp-decline");
    decline.click();
    assertThat(office.getByTestId("reply-outcome"))
        .hasText("Forespørselen er avslått, og begrunnelsen er sendt.");
    assertThat(office.getByTestId("envelope").getByTestId("status")).hasText("avslått");
    Accessibility.assertNoViolations(office, "the request, declined");

    Page kari =
        signedIn(Demo.CASEWORKER, "/exchange/conversations/" + request.getString("conversationId"));
    Locator requestEntry = entry(kari, "request");
    assertThat(requestEntry).hasAttribute("data-status", "declined");
    assertThat(requestEntry.getByTestId("status")).hasText("avslått");
    Locator declineEntry = entry(kari, "decline");
    assertThat(declineEntry)
        .containsText("Avslag fra Fjordvik GP Office til Fjordvik Refugee Service");
    declineEntry.getByText("Vis begrunnelsen").click();
    assertThat(declineEntry.getByTestId("message-body"))
        .hasText("Not our patient: the participant is listed with another GP office.");
    Accessibility.assertNoViolations(kari, "a declined request's timeline");
    picture(kari, "exchange-declined-timeline");

    // The declined request waits in the sent list for a look, until it is marked seen.
    kari.navigate(hub.base() + "/exchange?box=sent");
    Locator needsALook =
        kari.locator("[data-testid=attention-item][data-message='" + requestId + "']");
    assertThat(needsALook.getByTestId("status")).hasText("avslått");
    Accessibility.assertNoViolations(kari, "the sent list with what needs a look");
    int attention =
        Integer.parseInt(kari.getByTestId("attention-count").getAttribute("data-count"));
    needsALook
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Merk som sett"))
        .click();
    assertThat(needsALook).hasCount(0);
    assertThat(kari.getByTestId("attention-count"))
        .hasAttribute("data-count", String.valueOf(attention - 1));

    // Asking again, the caseworker finds the person by national identity number.
    kari.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Still et spørsmål")).click();
    kari.getByLabel("Finn personen med fødselsnummer").fill(nationalId);
    kari.getByLabel("Finn personen med fødselsnummer").press("Enter");
    assertThat(kari.getByLabel("Personen spørsmålet gjelder")).hasValue(amal);
    assertThat(kari.getByTestId("person")).containsText("Amal Testesen");
    assertThat(kari).hasURL(Pattern.compile("/exchange/ask$"));
    Accessibility.assertNoViolations(kari, "the question form, the person found");
  }

  @Test
  void j4AnAnswerToAConsentWithdrawnMeanwhileIsHeldAndShowsTheHubsWordsOnly() {
    String amal = registerParticipant();
    String consentId = recordGpConsent(amal);
    String first = ask(caseworker, Demo.referralQuestionJson(amal)).getString("id");
    awaitStatus(caseworker, first, "delivered");
    Reply answer =
        gp.post("/api/messages/" + first + "/answers", "{\"text\":\"Referred on 2 December.\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    String answerId = answer.json().getString("id");
    awaitStatus(gp, answerId, "delivered");
    String second = ask(caseworker, Demo.referralQuestionJson(amal)).getString("id");
    awaitStatus(caseworker, second, "delivered");

    // The GP office has the second request open when the participant withdraws the consent.
    Page office = signedIn(Demo.GP, "/exchange/messages/" + second);
    Locator answerField = office.getByLabel("Svar", new Page.GetByLabelOptions().setExact(true));
    assertThat(answerField).isVisible();
    Reply withdrawn =
        caseworker.post(
            "/api/consents/" + consentId + "/withdrawal",
            "{\"reason\":\"the participant withdrew it\"}");
    assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
    answerField.fill("Referred again on 4 December.");
    office.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send svaret")).click();
    Locator outcome = office.getByTestId("reply-outcome");
    assertThat(outcome).containsText("Svaret holdes tilbake");
    assertThat(outcome.getByTestId("held-words")).containsText("withdrawn");
    Accessibility.assertNoViolations(office, "an answer held as it was sent");

    // The caseworker had the first answer; opened now, it is held, in the hub's words.
    Page kari = signedIn(Demo.CASEWORKER, "/exchange/messages/" + answerId);
    Locator held = kari.getByTestId("held");
    assertThat(held).containsText("Meldingen holdes tilbake");
    assertThat(held.getByTestId("held-words")).containsText("This answer reached your agency on ");
    assertThat(held.getByTestId("held-words"))
        .containsText("consent " + consentId + " was withdrawn");
    assertThat(kari.locator("main")).not().containsText("Referred on 2 December.");
    Accessibility.assertNoViolations(kari, "a held answer");
    picture(kari, "exchange-held");

    kari.navigate(
        hub.base() + "/exchange/conversations/" + answer.json().getString("conversationId"));
    Locator answerEntry = entry(kari, "answer");
    assertThat(answerEntry).hasAttribute("data-status", "held");
    assertThat(answerEntry.getByTestId("held-notice")).isVisible();
    assertThat(answerEntry.getByText("Vis teksten")).hasCount(0);
    assertThat(kari.locator("main")).not().containsText("Referred on 2 December.");
    Accessibility.assertNoViolations(kari, "a timeline with a held answer");
  }

  @Test
  void j5TheSchoolIsOfferedNoHealthCategoryAsksTheRefugeeServiceAndReadsTheAnswer() {
    String guardian = registerParticipant();
    Reply child =
        caseworker.post(
            "/api/participants/" + guardian + "/children",
            """
            {"nationalId":"%s","givenName":"Yasmin","familyName":"Skolesen","preferredLanguage":"ar"}"""
                .formatted(Demo.childNationalId()));
    assertThat(child.status()).as(child.toString()).isEqualTo(201);
    String yasmin = child.json().getString("id");
    Reply consent =
        caseworker.post(
            "/api/consents",
            """
            {"subjectId":"%s","grantorId":"%s","disclosingAgency":"%s","receivingAgency":"%s",
             "direction":"both-ways","categories":["language-support-needs","interpreter-needs"],
             "purpose":"school-start-follow-up","validForDays":365,
             "evidence":{"collectionMethod":"paper-form",
               "formSha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
               "textLanguage":"ar","interpreter":{"identity":"Interpreter 4711","language":"ar"}}}"""
                .formatted(yasmin, guardian, Demo.REFUGEE_SERVICE, Demo.SCHOOL));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);

    Page school = signedIn(Demo.SCHOOL_LIAISON, "/exchange");
    assertThat(school.getByTestId("live-mode")).hasAttribute("data-mode", "live");
    school
        .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Still et spørsmål"))
        .click();
    Locator categories = school.getByLabel("Hva spørsmålet gjelder").locator("option");
    assertThat(categories)
        .hasText(
            new String[] {"Velg …", "Behov for språkstøtte", "Behov for tolk", "Deltakerens plan"});
    assertThat(school.getByLabel("Hva spørsmålet gjelder").locator("option[value=referral-status]"))
        .hasCount(0);
    assertThat(
            school
                .getByLabel("Hva spørsmålet gjelder")
                .locator("option[value=appointment-outcomes]"))
        .hasCount(0);

    school.getByLabel("Hvem du spør").selectOption(Demo.REFUGEE_SERVICE);
    school.getByLabel("Personen spørsmålet gjelder").fill(yasmin);
    school.getByLabel("Hva spørsmålet gjelder").selectOption("interpreter-needs");
    school.getByLabel("Formål").selectOption("school-start-follow-up");
    assertThat(school.getByTestId("coverage")).hasAttribute("data-covered", "true");
    school
        .getByLabel("Spørsmålet", new Page.GetByLabelOptions().setExact(true))
        .fill("Does the family need an Arabic interpreter at the parent meeting?");
    Accessibility.assertNoViolations(school, "the school's question form");
    picture(school, "exchange-school-ask");
    school
        .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send spørsmålet"))
        .click();
    assertThat(school.getByTestId("sent-notice")).isVisible();
    String conversationId = school.url().replaceAll(".*/exchange/conversations/([^?]+).*", "$1");
    String requestId =
        messagesOf(hub.as(Demo.SCHOOL_LIAISON), conversationId).get(0).getString("id");
    awaitStatus(caseworker, requestId, "delivered");

    school.navigate(hub.base() + "/exchange");
    assertThat(school.getByTestId("live-mode")).hasAttribute("data-mode", "live");
    int unreadBefore =
        Integer.parseInt(school.getByTestId("unread-count").getAttribute("data-count"));
    Reply answered =
        caseworker.post(
            "/api/messages/" + requestId + "/answers",
            "{\"text\":\"Yes: Arabic, booked for the meeting on 3 December.\"}");
    assertThat(answered.status()).as(answered.toString()).isEqualTo(201);
    String answerId = answered.json().getString("id");

    assertThat(school.getByTestId("unread-count"))
        .hasAttribute("data-count", String.valueOf(unreadBefore + 1), LIVE);
    Locator row = school.locator("[data-testid=inbox-row][data-message='" + answerId + "']");
    assertThat(row).containsText("Fjordvik Refugee Service");
    assertThat(row).containsText("behov for tolk, for oppfølging av skolestart");
    Accessibility.assertNoViolations(school, "the school's inbox");
    picture(school, "exchange-school-inbox");
    row.getByRole(AriaRole.LINK).click();
    assertThat(school.getByTestId("message-body").first())
        .hasText("Yes: Arabic, booked for the meeting on 3 December.");
    assertThat(entry(school, "request"))
        .containsText("Forespørsel fra Fjordvik School til Fjordvik Refugee Service");
    Accessibility.assertNoViolations(school, "an answer the school opened");
  }

  private Page signedIn(String username, String path) {
    BrowserContext context = Browsers.newContext();
    contexts.add(context);
    Page page = context.newPage();
    page.navigate(hub.base() + path);
    SignInIT.signInAt(page, username);
    return page;
  }

  /** The whole page, from its top, for docs/ui.md. */
  private static void picture(Page page, String name) {
    page.evaluate("() => window.scrollTo(0, 0)");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(Screenshots.folder().resolve(name + ".png")));
  }

  private static Locator heading(Page page) {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
  }

  private static Locator entry(Page page, String kind) {
    return page.locator("[data-testid=timeline-entry][data-kind=" + kind + "]");
  }

  /**
   * Presses Tab until the element has the focus, as someone with only a keyboard would, and checks
   * that the focus can be seen there.
   */
  private static void tabTo(Page page, Locator target) {
    for (int presses = 0; presses < 60; presses++) {
      page.keyboard().press("Tab");
      if (Boolean.TRUE.equals(target.evaluate("element => element === document.activeElement"))) {
        Object visible =
            page.evaluate(
                """
                () => {
                  const element = document.activeElement;
                  const style = getComputedStyle(element);
                  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                  const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
                  return element.matches(':focus-visible') && (outline || ring);
                }""");
        assertThat(visible).as("the focus can be seen on %s", target).isEqualTo(true);
        return;
      }
    }
    throw new AssertionError("60 presses of Tab did not reach " + target);
  }

  private static String registerParticipant() {
    return registerParticipant(Demo.adultNationalId());
  }

  private static String registerParticipant(String nationalId) {
    Reply created = caseworker.post("/api/participants", Demo.participantJson(nationalId));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  private static String recordGpConsent(String participant) {
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(participant));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return consent.json().getString("id");
  }

  private static JsonObject ask(HubClient client, String json) {
    Reply asked = client.post("/api/requests", json);
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    return asked.json();
  }

  private static List<JsonObject> messagesOf(HubClient client, String conversationId) {
    return client
        .get("/api/conversations/" + conversationId)
        .jsonArray()
        .getValuesAs(JsonObject.class);
  }

  private static void awaitStatus(HubClient client, String messageId, String status) {
    Await.until(
        "message " + messageId + " is " + status,
        () -> client.get("/api/messages/" + messageId + "/status").json(),
        m -> status.equals(m.getString("status")));
  }
}
