package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browser's sign-in as an attacker would try it: what the browser is given (a session cookie,
 * never a token), the session id changing at sign-in, state-changing calls without the session's
 * CSRF token or with another session's cookie, the end of a session, the security headers of every
 * page, and the web app's files and their caching.
 */
class SignInSecurityIT {

  private final RunningHub hub = RunningHub.get();

  @Test
  void theBrowserGetsOnlyAHostOnlyHttpOnlySecureSameSiteCookieWhoseIdChangesAtSignIn() {
    BrowserSession kari = BrowserSession.signIn(hub, Demo.CASEWORKER);

    assertThat(kari.setCookieAtSignIn)
        .as("the __Host- prefix: a browser keeps it only as Secure, for /, and for this host alone")
        .startsWith("__Host-bindeledd-session=")
        .doesNotContainIgnoringCase("Domain=");
    assertThat(kari.setCookieAtSignIn)
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("Secure")
        .containsIgnoringCase("SameSite=Lax")
        .containsIgnoringCase("Path=/");
    assertThat(kari.cookie).as("a new session id at sign-in").isNotEqualTo(kari.cookieBeforeSignIn);
    assertThat(
            BrowserSession.get(hub.base().resolve("/auth/session"), kari.cookieBeforeSignIn)
                .statusCode())
        .as("the id from before the sign-in is signed in to nothing")
        .isEqualTo(401);

    HttpResponse<String> session = kari.get("/auth/session");
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(session.body())
        .as("what the page learns holds no token of the provider's (a JWT starts eyJ)")
        .doesNotContain("eyJ");
    assertThat(BrowserSession.json(session.body()).getString("csrfToken")).hasSizeGreaterThan(30);
    assertThat(BrowserSession.json(session.body()).getInt("idleTimeoutSeconds"))
        .as("the session ends after half an hour without a request (hub.session.idle-timeout)")
        .isEqualTo(1800);
  }

  @Test
  void aSignedInSessionIsTheSameCallerAsABearerTokenUnderTheSameRules() {
    BrowserSession kari = BrowserSession.signIn(hub, Demo.CASEWORKER);
    JsonObject bySession = BrowserSession.json(kari.get("/api/me").body());
    JsonObject byToken = hub.as(Demo.CASEWORKER).get("/api/me").json();

    assertThat(bySession).isEqualTo(byToken);
    assertThat(bySession.getString("name")).isEqualTo("Kari Kasus");
    assertThat(bySession.getString("role")).isEqualTo("caseworker");
    assertThat(bySession.getJsonObject("agency").getString("orgNumber"))
        .isEqualTo(Demo.REFUGEE_SERVICE);
    assertThat(kari.get("/api/participants").statusCode()).isEqualTo(200);
    assertThat(kari.get("/api/audit/entries").statusCode())
        .as("a caseworker's session is refused the auditor's search, as her token is")
        .isEqualTo(403);

    BrowserSession gunnar = BrowserSession.signIn(hub, Demo.GP);
    assertThat(gunnar.get("/api/participants").statusCode()).isEqualTo(403);
  }

  @Test
  void aStateChangingCallWithoutTheSessionsCsrfTokenIsRefusedAndStoresNothing() {
    BrowserSession kari = BrowserSession.signIn(hub, Demo.CASEWORKER);
    String nationalId = Demo.adultNationalId();
    String participant = Demo.participantJson(nationalId);

    HttpResponse<String> none = kari.post("/api/participants", participant, null);
    HttpResponse<String> wrong = kari.post("/api/participants", participant, "not-the-token");

    for (HttpResponse<String> refused : List.of(none, wrong)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(BrowserSession.json(refused.body()).getString("type"))
          .endsWith("/csrf-token-invalid");
    }
    assertThat(kari.get("/api/participants?nationalId=" + nationalId).statusCode())
        .as("nothing was registered")
        .isEqualTo(404);
    String logged = "CSRF token was refused: POST /api/participants by " + Demo.CASEWORKER;
    Await.until("the refusals in the hub's log", hub::log, log -> log.contains(logged));

    HttpResponse<String> allowed = kari.post("/api/participants", participant, kari.csrfToken());
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
  }

  @Test
  void anotherSessionsCookieDoesNotWorkWithThisSessionsCsrfToken() {
    BrowserSession kari = BrowserSession.signIn(hub, Demo.CASEWORKER);
    BrowserSession other = BrowserSession.signIn(hub, Demo.CASEWORKER);
    String nationalId = Demo.adultNationalId();

    HttpResponse<String> crossed =
        kari.post(
            "/api/participants", Demo.participantJson(nationalId), kari.csrfToken(), other.cookie);

    assertThat(crossed.statusCode()).as(crossed.body()).isEqualTo(403);
    assertThat(BrowserSession.json(crossed.body()).getString("type"))
        .endsWith("/csrf-token-invalid");
    assertThat(kari.get("/api/participants?nationalId=" + nationalId).statusCode()).isEqualTo(404);
  }

  @Test
  void signingOutEndsTheSessionHereEmptiesTheBrowsersCacheAndSendsItToTheProvidersEndSession() {
    BrowserSession kari = BrowserSession.signIn(hub, Demo.CASEWORKER);
    assertThat(kari.post("/auth/logout", null, null).statusCode())
        .as("signing out is a state-changing call too")
        .isEqualTo(403);

    HttpResponse<String> out = kari.post("/auth/logout", null, kari.csrfToken());

    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(out.headers().firstValue("Clear-Site-Data"))
        .as("the browser drops what it kept of the hub's answers")
        .hasValue("\"cache\"");
    assertThat(out.headers().allValues("Set-Cookie"))
        .as("and the session's cookie")
        .anySatisfy(
            c -> assertThat(c).startsWith("__Host-bindeledd-session=;").contains("Max-Age=0"));
    String endSession = BrowserSession.json(out.body()).getString("endSession");
    assertThat(endSession)
        .startsWith(RunningHub.signIn().issuer() + "/endsession")
        .contains("id_token_hint=")
        .contains("post_logout_redirect_uri=");
    assertThat(kari.get("/auth/session").statusCode()).isEqualTo(401);
    assertThat(kari.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void aCallbackThatIsNotTheAnswerToThisSessionsSignInSignsNoOneIn() {
    HttpResponse<String> start =
        BrowserSession.get(hub.base().resolve("/auth/login?returnTo=/"), null);
    String cookie = BrowserSession.sessionCookie(start).orElseThrow();

    HttpResponse<String> forged =
        BrowserSession.get(hub.base().resolve("/auth/callback?code=made-up&state=made-up"), cookie);

    assertThat(forged.statusCode()).isEqualTo(302);
    assertThat(forged.headers().firstValue("Location").orElseThrow()).endsWith("/?signInFailed");
    assertThat(BrowserSession.get(hub.base().resolve("/auth/session"), cookie).statusCode())
        .isEqualTo(401);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    for (String path : List.of("/", "/people", "/api/me", "/auth/session", "/api-docs/")) {
      HttpResponse<String> answer = BrowserSession.get(hub.base().resolve(path), null);
      String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(policy)
          .as(path)
          .contains("script-src 'self'")
          .contains("img-src 'self' data:")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-");
      assertThat(answer.headers().firstValue("X-Content-Type-Options"))
          .as(path)
          .hasValue("nosniff");
      assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(answer.headers().firstValue("Strict-Transport-Security"))
          .as("%s: HSTS belongs to the production profile, which runs behind HTTPS", path)
          .isEmpty();
    }
  }

  @Test
  void noAnswerAboutAPersonOrASessionIsKeptByTheBrowserOrAProxy() {
    BrowserSession kari = BrowserSession.signIn(hub, Demo.CASEWORKER);
    String nationalId = Demo.adultNationalId();
    assertThat(
            kari.post("/api/participants", Demo.participantJson(nationalId), kari.csrfToken())
                .statusCode())
        .isEqualTo(201);

    HttpResponse<String> person = kari.get("/api/participants?nationalId=" + nationalId);
    assertThat(person.statusCode()).isEqualTo(200);
    assertThat(person.body()).contains(nationalId);
    HubClient.Reply byToken =
        hub.as(Demo.CASEWORKER).get("/api/participants?nationalId=" + nationalId);
    assertThat(byToken.status()).isEqualTo(200);
    for (HttpResponse<String> answer :
        List.of(
            person,
            kari.get("/api/me"),
            kari.get("/auth/session"),
            BrowserSession.get(hub.base().resolve("/api/no-such-thing"), null))) {
      assertThat(answer.headers().firstValue("Cache-Control"))
          .as(answer.uri().getPath())
          .hasValue("no-store");
    }
    assertThat(byToken.header("Cache-Control")).as("with a bearer token too").hasValue("no-store");
  }

  @Test
  void theHubNamesNoServerSoftwareListsNoFolderAndAnswersNoTrace() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("/", "/api/me", "/auth/session", "/api-docs/", "/no-such-file.js")) {
      HttpResponse<String> answer = BrowserSession.get(hub.base().resolve(path), null);
      assertThat(answer.headers().firstValue("X-Powered-By")).as(path).isEmpty();
      assertThat(answer.headers().firstValue("Server")).as(path).isEmpty();
      assertThat(answer.body()).as(path).doesNotContainIgnoringCase("payara");

      HttpResponse<String> trace =
          http.send(
              HttpRequest.newBuilder(hub.base().resolve(path))
                  .method("TRACE", HttpRequest.BodyPublishers.noBody())
                  .header("X-Echo-Me", "trace-probe")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(trace.statusCode()).as("TRACE %s", path).isEqualTo(405);
      assertThat(trace.body()).as("TRACE %s", path).doesNotContain("trace-probe");
    }
    for (String folder : List.of("/assets/", "/WEB-INF/", "/META-INF/")) {
      HttpResponse<String> listing = BrowserSession.get(hub.base().resolve(folder), null);
      assertThat(listing.statusCode()).as(folder).isNotEqualTo(200);
      assertThat(listing.body()).as(folder).doesNotContain("index-").doesNotContain("web.xml");
    }
    HttpResponse<String> descriptor =
        BrowserSession.get(hub.base().resolve("/WEB-INF/web.xml"), null);
    assertThat(descriptor.statusCode()).isEqualTo(404);
    assertThat(descriptor.body()).doesNotContain("<web-app");
  }

  @Test
  void theWebAppIsServedAtItsPathsWithHashedFilesCachedForGoodAndIndexNever() {
    HttpResponse<String> index = BrowserSession.get(hub.base().resolve("/"), null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
    assertThat(index.body()).contains("<div id=\"root\"></div>").doesNotContainPattern("<script>");

    HttpResponse<String> bookmarked = BrowserSession.get(hub.base().resolve("/people"), null);
    assertThat(bookmarked.statusCode()).isEqualTo(200);
    assertThat(bookmarked.body()).isEqualTo(index.body());
    assertThat(bookmarked.headers().firstValue("Cache-Control")).hasValue("no-cache");

    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index.body());
    assertThat(script.find()).isTrue();
    HttpResponse<String> asset = BrowserSession.get(hub.base().resolve(script.group(1)), null);
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(asset.headers().firstValue("Content-Type"))
        .hasValue("text/javascript;charset=UTF-8");

    HttpResponse<String> missing = BrowserSession.get(hub.base().resolve("/no-such-file.js"), null);
    assertThat(missing.statusCode()).isEqualTo(404);
    HttpResponse<String> unknownApi =
        BrowserSession.get(hub.base().resolve("/api/no-such-thing"), null);
    assertThat(unknownApi.statusCode()).isEqualTo(404);
    assertThat(unknownApi.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  /**
   * The web app's API types are generated from {@code openapi.json}, a copy of the hub's own
   * document: when the API changes, this fails until the copy is refreshed with {@value #REFRESH}.
   */
  @Test
  void theWebAppsCopyOfTheApiDocumentIsTheHubsOwn() throws IOException {
    Path copy = Path.of(System.getProperty("hub.frontend.dir"), "openapi.json");
    JsonObject served =
        withoutServers(parse(hub.anonymous().get("/openapi", "application/json").body()));

    assertThat(withoutServers(parse(Files.readString(copy))))
        .as(
            "hub-web/src/main/frontend/openapi.json is the hub's /openapi; refresh it, with the hub"
                + " running, with: %s",
            REFRESH)
        .isEqualTo(served);
  }

  static final String REFRESH =
      "curl -s -H 'Accept: application/json' http://localhost:8080/openapi | jq 'del(.servers)' >"
          + " hub-web/src/main/frontend/openapi.json";

  /** The document less the address the hub happens to run at. */
  private static JsonObject withoutServers(JsonStructure document) {
    return Json.createObjectBuilder((JsonObject) document).remove("servers").build();
  }

  private static JsonStructure parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.read();
    }
  }
}
