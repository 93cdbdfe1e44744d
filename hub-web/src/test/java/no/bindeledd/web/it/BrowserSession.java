package no.bindeledd.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A browser's session with the hub, over plain HTTP, the way a browser makes one: the hub's sign-in
 * sends it to the development sign-in's login page, the username is typed there, and the provider
 * sends it back to the hub. It keeps the session cookie, as a browser would, and what the hub said
 * along the way.
 */
final class BrowserSession {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final RunningHub hub;
  final String cookieBeforeSignIn;
  final String setCookieAtSignIn;
  final String cookie;

  private BrowserSession(
      RunningHub hub, String cookieBeforeSignIn, String setCookieAtSignIn, String cookie) {
    this.hub = hub;
    this.cookieBeforeSignIn = cookieBeforeSignIn;
    this.setCookieAtSignIn = setCookieAtSignIn;
    this.cookie = cookie;
  }

  static BrowserSession signIn(RunningHub hub, String username) {
    return signedIn(hub, signInAt(hub, "/auth/login?returnTo=/people", username), "/people");
  }

  /** Signs in as a citizen, on the development sign-in's ID-porten page. */
  static BrowserSession signInAsCitizen(RunningHub hub, String username) {
    return signedIn(
        hub, signInAt(hub, "/auth/login?as=citizen&lang=ar&returnTo=/mine", username), "/mine");
  }

  /** What the hub answered when the provider sent the browser back, and the cookie before it. */
  record Callback(HttpResponse<String> response, String cookieBefore, URI loginPage) {}

  /**
   * Starts a sign-in at {@code loginPath}, types {@code username} on the provider's login page, and
   * follows the provider back to the hub's callback.
   */
  static Callback signInAt(RunningHub hub, String loginPath, String username) {
    HttpResponse<String> start = get(hub.base().resolve(loginPath), null);
    String before = sessionCookie(start).orElseThrow(() -> new AssertionError("no session cookie"));
    URI loginPage = URI.create(start.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> typed =
        send(
            HttpRequest.newBuilder(loginPage)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8))));
    URI callback = URI.create(typed.headers().firstValue("Location").orElseThrow());
    return new Callback(get(callback, before), before, loginPage);
  }

  private static BrowserSession signedIn(RunningHub hub, Callback callback, String returnTo) {
    HttpResponse<String> back = callback.response();
    if (back.statusCode() != 302
        || !back.headers().firstValue("Location").orElse("").endsWith(returnTo)) {
      throw new AssertionError("the sign-in did not come back to the app: " + back.headers().map());
    }
    String setCookie =
        back.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("__Host-bindeledd-session="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no new session cookie at sign-in"));
    return new BrowserSession(hub, callback.cookieBefore(), setCookie, setCookie.split(";")[0]);
  }

  /** The session's CSRF token, as the page learns it. */
  String csrfToken() {
    return json(get("/auth/session").body()).getString("csrfToken");
  }

  HttpResponse<String> get(String path) {
    return get(hub.base().resolve(path), cookie);
  }

  /** A state-changing call with this session's cookie, and the given CSRF token (or none). */
  HttpResponse<String> post(String path, String json, String csrfToken) {
    return post(path, json, csrfToken, cookie);
  }

  HttpResponse<String> post(String path, String json, String csrfToken, String withCookie) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hub.base().resolve(path))
            .header("Cookie", withCookie)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
    if (csrfToken != null) {
      request.header("X-CSRF-Token", csrfToken);
    }
    return send(request);
  }

  static HttpResponse<String> get(URI address, String cookie) {
    HttpRequest.Builder request = HttpRequest.newBuilder(address);
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return send(request);
  }

  static Optional<String> sessionCookie(HttpResponse<?> response) {
    List<String> cookies = response.headers().allValues("Set-Cookie");
    return cookies.stream()
        .filter(c -> c.startsWith("__Host-bindeledd-session="))
        .map(c -> c.split(";")[0])
        .findFirst();
  }

  static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
