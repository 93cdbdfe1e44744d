package no.bindeledd.web.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.verify.ExportVerifier;
import no.bindeledd.core.audit.verify.Report;
import no.bindeledd.core.audit.verify.TrustAnchors;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The auditor's screens (J7) in a real Chromium: searching the log by person and by outcome, a page
 * at a time, an entry's detail, the CSV and the verifiable export downloaded and checked, the log's
 * integrity and latest checkpoint, and the proof that an entry is in the log, checked by the
 * browser itself, which a tampered proof from the server does not pass.
 */
class AuditScreensIT {

  /** The log of Fjordvik, where the demo agencies and the auditor aud.auditor are. */
  static final String FJORDVIKS_LOG = Demo.FJORDVIK;

  /** Reads of the person, so that a search for them fills more than one page (25 a page). */
  private static final int READS = 30;

  static RunningHub hub;
  static HubClient auditor;
  static String person;
  static String logKey;

  private BrowserContext browser;
  private Page page;

  @BeforeAll
  static void aPersonWithAHistory() {
    hub = RunningHub.get();
    auditor = hub.as(Demo.AUDITOR);
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    Reply registered =
        caseworker.post(
            "/api/participants",
            """
            {"nationalId":"%s","givenName":"Audun","familyName":"Sporsen","preferredLanguage":"ar"}"""
                .formatted(Demo.adultNationalId()));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    person = registered.json().getString("id");
    for (int i = 0; i < READS; i++) {
      assertThat(caseworker.get("/api/participants/" + person).status()).isEqualTo(200);
    }
    // Without a consent, sharing the plan is refused: the refusal is in the log.
    Reply refused =
        caseworker.post(
            "/api/plans",
            """
            {"subjectId":"%s","recipient":"%s","startDate":"2027-01-04",
             "phases":[{"title":"Introduction","from":"2027-01-04","to":"2027-06-30",
               "measures":[{"description":"Norwegian classes"}]}]}"""
                .formatted(person, Demo.NAV));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    // The auditor's own copy of the log key, obtained once "out of band", as the README saves it.
    logKey = hub.anonymous().get("/api/audit/log-key?log=" + FJORDVIKS_LOG).body().strip();
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

  @Test
  void theAuditorSearchesByPersonAndOutcomePagesDownloadsAndSeesTheLogsState() throws Exception {
    page.navigate(hub.base() + "/audit");
    SignInIT.signInAt(page, Demo.AUDITOR);

    assertThat(heading()).hasText("Revisjonslogg");
    assertThat(page.getByTestId("log-name")).hasText("Revisjonsloggen til Fjordvik");
    assertThat(page.getByTestId("log-which")).containsText("/" + FJORDVIKS_LOG);
    assertThat(page.getByTestId("log-integrity")).containsText("Intakt");
    assertThat(page.getByTestId("log-checkpoint")).containsText("Oppføringer i siste sjekkpunkt");
    assertThat(page.getByTestId("log-key-served")).hasText(logKey);
    Accessibility.assertNoViolations(page, "the audit log, before a search");

    page.getByLabel("Person", new Page.GetByLabelOptions().setExact(true)).fill(person);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Søk").setExact(true))
        .click();
    Locator results = page.getByTestId("audit-results");
    assertThat(results.locator("caption")).hasText("Oppføring 1 til 25, eldste først");
    assertThat(results.locator("tbody tr")).hasCount(25);
    assertThat(page).hasURL(Pattern.compile("/audit\\?person=" + person + "$"));
    Accessibility.assertNoViolations(page, "the results of a search by person");
    scrollToTop(
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Søk i loggen")));
    Screenshots.take(page, "audit-search");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Neste side")).click();
    assertThat(results.locator("caption"))
        .hasText(Pattern.compile("Oppføring 26 til (2[6-9]|3\\d), eldste først"));
    assertThat(page).hasURL(Pattern.compile("page=1"));
    assertThat(results).containsText("person.read");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Forrige side")).click();
    assertThat(results.locator("caption")).hasText("Oppføring 1 til 25, eldste først");

    page.getByLabel("Utfall").selectOption("refused");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Søk").setExact(true))
        .click();
    assertThat(results.locator("caption")).hasText(Pattern.compile("Oppføring 1 til [1-9],"));
    Locator outcomes = results.locator("tbody tr td:nth-child(4)");
    for (String outcome : outcomes.allTextContents()) {
      assertThat(outcome).isEqualTo("avvist");
    }
    assertThat(results).containsText("kari.caseworker");
    assertThat(results).containsText("Fjordvik Refugee Service");

    Download csv =
        page.waitForDownload(
            () ->
                page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Last ned dette søket som CSV"))
                    .click());
    String table = Files.readString(csv.path(), StandardCharsets.UTF_8);
    List<String> rows = table.lines().toList();
    assertThat(rows.get(0)).contains("seq").contains("outcome");
    assertThat(rows.subList(1, rows.size()))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row).contains(person).contains("refused"));
    assertThat(rows.size() - 1).isEqualTo(outcomes.count());

    Download export =
        page.waitForDownload(
            () ->
                page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions()
                            .setName("Last ned den etterprøvbare eksporten av hele loggen"))
                    .click());
    Path zip = Files.createTempFile("audit-export", ".zip");
    export.saveAs(zip);
    Report report =
        new ExportVerifier(
                TrustAnchors.of(
                    VerifierKey.parse(logKey),
                    List.of(
                        Pem.certificate(
                            hub.anonymous().get("/api/audit/tsa-certificates").body()))),
                ExportVerifier.Options.defaults().withAllowPendingTimestamps(true))
            .verify(zip);
    assertThat(report.verified()).as("the offline verifier accepts the downloaded export").isTrue();
    Files.delete(zip);
  }

  @Test
  void theAuditorOpensAnEntryAndHerBrowserProvesItInTheLogButNotATamperedProof() {
    page.navigate(hub.base() + "/audit?person=" + person + "&outcome=refused");
    SignInIT.signInAt(page, Demo.AUDITOR);
    Locator firstRefusal = page.getByTestId("audit-results").locator("tbody tr a").first();
    String seq = firstRefusal.textContent().strip();
    awaitACheckpointCovering(Long.parseLong(seq));
    firstRefusal.click();

    assertThat(heading()).hasText("Loggoppføring " + seq);
    Locator entry = page.getByTestId("audit-entry");
    assertThat(entry).containsText("kari.caseworker");
    assertThat(entry).containsText("Fjordvik Refugee Service");
    assertThat(entry).containsText("avvist");
    assertThat(entry).containsText("participant-plan-sharing");
    assertThat(entry).containsText(person);
    Accessibility.assertNoViolations(page, "an audit entry");

    page.getByLabel("Loggnøkkelen du har (valgfritt)").fill(logKey);
    Locator result = page.getByTestId("proof-result");
    prove();
    assertThat(result).containsText("Bekreftet: oppføring " + seq + " står i loggen");
    assertThat(result).containsText("Den ble sjekket mot loggnøkkelen du oppga.");
    assertThat(result).containsText(logKey.split("\\+")[0] + "+" + logKey.split("\\+")[1]);
    Accessibility.assertNoViolations(page, "an audit entry proven in the log");
    // One picture of the whole entry and its proof: a taller window for it.
    page.setViewportSize(1280, 1450);
    page.evaluate("() => window.scrollTo(0, 0)");
    Screenshots.take(page, "audit-entry-verified");
    page.setViewportSize(1280, 800);

    // The server (or anyone between) changes one hash of the proof: the browser notices.
    page.route("**/api/audit/proofs/inclusion**", route -> tamper(route, "path"));
    prove();
    assertThat(result).containsText("Kunne ikke bekrefte at oppføring " + seq + " står i loggen");
    assertThat(result).containsText("Beviset leder ikke fra denne oppføringen til roten");
    Accessibility.assertNoViolations(page, "an audit entry whose proof failed");

    // It changes the checkpoint's size instead: the log key's signature no longer holds.
    page.unrouteAll();
    page.route("**/api/audit/proofs/inclusion**", route -> tamper(route, "note"));
    prove();
    assertThat(result).containsText("Kunne ikke bekrefte");
    assertThat(result).containsText("Sjekkpunktets signatur stemmer ikke med loggnøkkelen");

    // Untouched again, but checked against another key than the log's: not verified either.
    page.unrouteAll();
    page.getByLabel("Loggnøkkelen du har (valgfritt)").fill(otherKey());
    assertThat(page.getByText("Loggnøkkelen denne huben oppgir, er ikke nøkkelen du ga."))
        .isVisible();
    prove();
    assertThat(result)
        .containsText("Sjekkpunktet er ikke signert med loggnøkkelen det sjekkes mot.");
  }

  @Test
  void refusalsAndMistakesAreShownInPlainWords() {
    page.navigate(hub.base() + "/audit/entries/987654321");
    SignInIT.signInAt(page, Demo.AUDITOR);
    assertThat(page.getByRole(AriaRole.ALERT))
        .containsText("Huben finner ikke dette, eller du har ikke tilgang til å se det.");
    Accessibility.assertNoViolations(page, "an audit entry that does not exist");

    page.navigate(hub.base() + "/audit");
    page.getByLabel("Fra (første dag)").fill("2026-11-25");
    page.getByLabel("Til (siste dag, tatt med)").fill("2026-11-24");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Søk").setExact(true))
        .click();
    assertThat(page.getByText("Rett søket for å gå videre")).isVisible();
    assertThat(
            page.getByRole(
                AriaRole.LINK,
                new Page.GetByRoleOptions()
                    .setName(Pattern.compile("Siste dag kommer før første dag"))))
        .hasAttribute("href", "#audit-until");
    Accessibility.assertNoViolations(page, "a search whose days are the wrong way round");
  }

  /** Scrolls the page so that the picture begins where the element does. */
  private static void scrollToTop(Locator element) {
    element.evaluate("e => e.scrollIntoView({block: 'start'})");
  }

  private void prove() {
    page.getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Bevis at den står i loggen"))
        .click();
  }

  /** Passes the hub's answer on with one thing changed: a hash of the path, or the note's size. */
  private static void tamper(Route route, String what) {
    APIResponse response = route.fetch();
    JsonObject proof = read(response.text());
    String tampered;
    if (what.equals("path")) {
      String node = proof.getJsonArray("path").getString(0);
      byte[] bytes = Base64.getDecoder().decode(node);
      bytes[0] ^= 0x01;
      tampered = response.text().replace(node, Base64.getEncoder().encodeToString(bytes));
    } else {
      String note = proof.getJsonObject("checkpoint").getString("signedNote");
      long size = proof.getJsonNumber("treeSize").longValue();
      String forged = note.replaceFirst("\n" + size + "\n", "\n" + (size + 1) + "\n");
      tampered =
          Json.createObjectBuilder(proof)
              .add("treeSize", size + 1)
              .add(
                  "checkpoint",
                  Json.createObjectBuilder(proof.getJsonObject("checkpoint"))
                      .add("treeSize", size + 1)
                      .add("signedNote", forged))
              .build()
              .toString();
    }
    assertThat(tampered).isNotEqualTo(response.text());
    route.fulfill(new Route.FulfillOptions().setResponse(response).setBody(tampered));
  }

  /** A well-formed log key under the log's name that is not the log's key. */
  private static String otherKey() {
    String name = logKey.split("\\+")[0];
    return VerifierKey.of(
            name, no.bindeledd.core.audit.checkpoint.Ed25519Keys.generate().getPublic())
        .encoded();
  }

  private static void awaitACheckpointCovering(long seq) {
    Await.until(
        "a signed checkpoint covers entry " + seq,
        () -> auditor.get("/api/audit/checkpoints/latest"),
        reply ->
            reply.status() == 200 && reply.json().getJsonNumber("treeSize").longValue() >= seq);
  }

  private static JsonObject read(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private Locator heading() {
    return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
  }
}
