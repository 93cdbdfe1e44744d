package no.bindeledd.web.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web app in a real Chromium, as staff use it: signing in on the identity provider's own page,
 * seeing who they are, switching language, reading right to left, and signing out at the provider.
 * axe-core checks every page of the hub's on the way, and the pictures of docs/ui.md are taken
 * here.
 */
class SignInIT {

  private final RunningHub hub = RunningHub.get();
  private BrowserContext browser;
  private Page page;
  private final List<String> policyViolations = new CopyOnWriteArrayList<>();
  private final List<String> otherHosts = new CopyOnWriteArrayList<>();

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
    page.onRequest(this::noteTheHost);
  }

  @AfterEach
  void closeTheBrowser() {
    assertThat(policyViolations).as("the pages broke their Content Security Policy").isEmpty();
    assertThat(otherHosts).as("the hub's pages loaded something from another host").isEmpty();
    browser.close();
  }

  @Test
  void theCaseworkerSignsInOnTheProvidersPageSeesWhoSheIsSwitchesToEnglishAndSignsOut() {
    page.navigate(hub.base().toString());
    assertThat(heading()).hasText("Logg inn i Bindeledd");
    assertThat(page.locator("html")).hasAttribute("lang", "nb");
    Accessibility.assertNoViolations(page, "the sign-in page");
    Screenshots.take(page, "sign-in");

    signInAt(page, Demo.CASEWORKER);

    assertThat(heading()).hasText("Velkommen, Kari Kasus");
    Locator who = page.getByTestId("who-am-i");
    assertThat(who).containsText("Kari Kasus");
    assertThat(who).containsText("saksbehandler");
    assertThat(who).containsText("Fjordvik Refugee Service");
    assertThat(page.getByTestId("my-municipality")).hasText("Fjordvik kommune (9901)");
    assertThat(page.getByTestId("signed-in-at"))
        .hasText(Pattern.compile("Logget inn .*\\d{2}:\\d{2}.*(CES?T|GMT\\+[12])\\."));
    Accessibility.assertNoViolations(page, "the home page, in Norwegian");
    Screenshots.take(page, "home-nb");

    page.keyboard().press("Tab");
    assertThat(page.locator(":focus")).hasText("Hopp til innholdet");
    page.keyboard().press("Enter");
    assertThat(page.locator(":focus")).hasId("main");

    page.getByLabel("Språk").selectOption("en");
    assertThat(heading()).hasText("Welcome, Kari Kasus");
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("html")).hasAttribute("dir", "ltr");
    assertThat(who).containsText("caseworker");
    assertThat(page.getByTestId("my-municipality")).hasText("Fjordvik municipality (9901)");
    Accessibility.assertNoViolations(page, "the home page, in English");
    Screenshots.take(page, "home-en");

    // The choice of language is kept.
    page.reload();
    assertThat(heading()).hasText("Welcome, Kari Kasus");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Participants")).click();
    page.waitForURL(url -> url.endsWith("/people"));
    assertThat(heading()).hasText("Participants");
    Accessibility.assertNoViolations(page, "the register");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
    assertThat(page.getByText("You are signed out.")).isVisible();
    assertThat(page.url()).startsWith(hub.base() + "/signed-out");
    Accessibility.assertNoViolations(page, "the signed-out page");
    Screenshots.take(page, "signed-out");
    assertThat(page.request().get(hub.base() + "/api/me").status())
        .as("after signing out, the session's cookie no longer gets anyone's answers")
        .isEqualTo(401);
    assertThat(visitedTheProvidersEndSession)
        .as("the browser went through the provider's end-session endpoint")
        .isTrue();
  }

  @Test
  void aParticipantsNameWithHtmlAndScriptInItShowsAsTextAndRunsNothing() {
    String given = "<img src=x onerror=\"document.title='hacked'\">";
    String family = "<script>document.title='hacked'</script>";
    HubClient.Reply registered =
        hub.as(Demo.CASEWORKER)
            .post(
                "/api/participants",
                jakarta.json.Json.createObjectBuilder()
                    .add("nationalId", Demo.adultNationalId())
                    .add("givenName", given)
                    .add("familyName", family)
                    .add("preferredLanguage", "ar")
                    .build()
                    .toString());
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

    page.navigate(hub.base() + "/people");
    signInAt(page, Demo.CASEWORKER);

    Locator register = page.getByTestId("register");
    assertThat(
            register.getByText(given + " " + family, new Locator.GetByTextOptions().setExact(true)))
        .isVisible();
    assertThat(page).hasTitle("Bindeledd");
    assertThat(register.locator("img")).hasCount(0);
    assertThat(register.locator("script")).hasCount(0);
    Accessibility.assertNoViolations(page, "the register with a hostile name in it");
    Screenshots.take(page, "people");
  }

  @Test
  void inArabicThePageReadsRightToLeftAndSaysItsTranslationIsADraft() {
    page.navigate(hub.base().toString());
    signInAt(page, Demo.CASEWORKER);
    assertThat(heading()).hasText("Velkommen, Kari Kasus");
    assertThat(startOf(page.locator(".app-header__name")))
        .as("left to right: the name of the app comes first, on the left")
        .isLessThan(startOf(signOutButton()));

    page.navigate(hub.base() + "/?lang=ar");

    assertThat(page.locator("html")).hasAttribute("dir", "rtl");
    assertThat(page.locator("html")).hasAttribute("lang", "ar");
    assertThat(page.getByText("هذه الترجمة مسودة", new Page.GetByTextOptions())).isVisible();
    assertThat(signOutButton()).hasText("تسجيل الخروج");
    assertThat(startOf(page.locator(".app-header__name")))
        .as("right to left: the header is mirrored, the name of the app on the right")
        .isGreaterThan(startOf(signOutButton()));
    // The staff language switch offers only the reviewed languages, beside the draft shown.
    assertThat(page.getByLabel("اللغة").locator("option"))
        .hasText(new String[] {"العربية", "Norsk bokmål", "English"});
    Accessibility.assertNoViolations(page, "the home page in the Arabic draft");
    Screenshots.take(page, "home-ar-draft");
  }

  @Test
  void elvdalsAuditorSeesElvdalInTheHeaderAndTheHubsAuditorSeesNoMunicipality() {
    page.navigate(hub.base().toString());
    signInAt(page, Demo.ELVDAL_AUDITOR);
    assertThat(page.getByTestId("who-am-i")).containsText("Elvdal Refugee Service");
    assertThat(page.getByTestId("my-municipality")).hasText("Elvdal kommune (9902)");

    BrowserContext another = Browsers.newContext();
    try {
      Page hubs = another.newPage();
      hubs.navigate(hub.base().toString());
      signInAt(hubs, Demo.HUB_AUDITOR);
      Locator who = hubs.getByTestId("who-am-i");
      assertThat(who).containsText("Hugo Tilsyn");
      assertThat(who).containsText("revisor for selve Bindeledd, ingen kommune");
      assertThat(hubs.getByTestId("my-municipality")).hasCount(0);
    } finally {
      another.close();
    }
  }

  @Test
  void theApiDocumentRunsUnderTheSamePolicy() {
    page.navigate(hub.base() + "/api-docs/");
    // The hub writes its API document when it is first asked for, which takes a while on a busy
    // machine; what this checks is that the page then runs under the policy at all.
    assertThat(page.getByText("Bindeledd hub API").first())
        .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
  }

  private boolean visitedTheProvidersEndSession;

  /**
   * Notes a request to another host made by one of the hub's pages (the provider's login page is
   * not the hub's, and loads what it likes).
   */
  private void noteTheHost(Request request) {
    URI address = URI.create(request.url());
    if (request.url().startsWith(RunningHub.signIn().issuer() + "/endsession")) {
      visitedTheProvidersEndSession = true;
    }
    boolean fromTheHub = request.frame().url().startsWith(hub.base().toString());
    if (fromTheHub && address.getHost() != null && !address.getHost().equals("localhost")) {
      otherHosts.add(request.url());
    }
  }

  /** Signs in on the development sign-in's page, from the hub's sign-in page. */
  static void signInAt(Page page, String username) {
    BrowserSignIn.signInAt(page, username, BrowserSignIn.developmentSignIn());
  }

  private Locator heading() {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
  }

  private Locator signOutButton() {
    return page.locator("header button");
  }

  private static double startOf(Locator locator) {
    BoundingBox box = locator.boundingBox();
    return box.x;
  }
}
