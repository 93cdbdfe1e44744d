package no.bindeledd.web.scaleout;

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
import java.util.Optional;

/**
 * A browser's session with the hub, kept as a browser keeps it (the session cookie), whose every
 * request the test sends to the node it chooses: the cookie is the same on every node of one host.
 */
final class Browser {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String cookie;

  private Browser(String cookie) {
    this.cookie = cookie;
  }

  String cookie() {
    return cookie;
  }

  /**
   * Signs {@code username} in: the sign-in starts at {@code startAt}, the provider's login page is
   * typed in, and its redirect back to the hub's public address is followed to {@code callbackAt}
   * instead, as a balancer might send it to another node.
   */
  static Browser signIn(URI startAt, URI callbackAt, String username) {
    HttpResponse<String> start = fetch(startAt.resolve("/auth/login?returnTo=/people"), null);
    if (start.statusCode() != 302) {
      throw new AssertionError("the sign-in did not start: " + start.statusCode() + start.body());
    }
    String pending =
        sessionCookie(start).orElseThrow(() -> new AssertionError("no cookie at the start"));
    URI loginPage = URI.create(start.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> typed =
        send(
            HttpRequest.newBuilder(loginPage)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8))));
    URI callback = URI.create(typed.headers().firstValue("Location").orElseThrow());
    URI onNode = callbackAt.resolve(callback.getRawPath() + "?" + callback.getRawQuery());
    HttpResponse<String> back = fetch(onNode, pending);
    if (back.statusCode() != 302
        || !back.headers().firstValue("Location").orElse("").endsWith("/people")) {
      throw new AssertionError("the sign-in did not come back to the app: " + back.headers().map());
    }
    return new Browser(
        sessionCookie(back).orElseThrow(() -> new AssertionError("no session at the sign-in")));
  }

  HttpResponse<String> get(URI node, String path) {
    return fetch(node.resolve(path), cookie);
  }

  /** A state-changing call, with the session's CSRF token as the page sends it. */
  HttpResponse<String> post(URI node, String path, String json, String csrfToken) {
    return send(
        HttpRequest.newBuilder(node.resolve(path))
            .header("Cookie", cookie)
            .header("X-CSRF-Token", csrfToken)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
  }

  /** The session's CSRF token, as the page learns it, from {@code node}. */
  String csrfToken(URI node) {
    HttpResponse<String> session = get(node, "/auth/session");
    if (session.statusCode() != 200) {
      throw new AssertionError("not signed in at " + node + ": " + session.body());
    }
    return json(session.body()).getString("csrfToken");
  }

  static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  private static Optional<String> sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(
            c ->
                c.startsWith("__Host-bindeledd-session=")
                    && !c.startsWith("__Host-bindeledd-session=;"))
        .map(c -> c.split(";")[0])
        .findFirst();
  }

  private static HttpResponse<String> fetch(URI address, String cookie) {
    HttpRequest.Builder request = HttpRequest.newBuilder(address);
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return send(request);
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
