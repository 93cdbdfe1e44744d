package no.bindeledd.web.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An HTTP client acting as one demo user, with their bearer token. */
public final class HubClient {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private final URI base;
  private final String token;

  private HubClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  static HubClient signedIn(RunningHub hub, String username) {
    // Each hub has its own identity provider key, so a token is cached per hub and user.
    String token =
        TOKENS.computeIfAbsent(
            hub.base() + " " + username,
            key -> {
              String name = username;
              String form =
                  "username="
                      + URLEncoder.encode(name, StandardCharsets.UTF_8)
                      + "&password="
                      + URLEncoder.encode(hub.passwordOf(name), StandardCharsets.UTF_8);
              Reply reply =
                  HubClient.anonymous(hub)
                      .send(
                          HttpRequest.newBuilder(hub.base().resolve("/api/dev-idp/token"))
                              .header("Content-Type", "application/x-www-form-urlencoded")
                              .POST(HttpRequest.BodyPublishers.ofString(form)));
              if (reply.status() != 200) {
                throw new IllegalStateException("no token for " + name + ": " + reply.body());
              }
              return reply.json().getString("access_token");
            });
    return new HubClient(hub.base(), token);
  }

  static HubClient anonymous(RunningHub hub) {
    return new HubClient(hub.base(), null);
  }

  /** A client presenting a token of the caller's making, for tests of forged tokens. */
  public static HubClient withToken(RunningHub hub, String token) {
    return new HubClient(hub.base(), token);
  }

  /**
   * A client of the hub at {@code base} presenting {@code token} (none when null), for hubs signed
   * in with another provider, such as the production profile's.
   */
  public static HubClient withToken(URI base, String token) {
    return new HubClient(base, token);
  }

  /** The bearer token this client presents, for requests it cannot make itself. */
  public String token() {
    return token;
  }

  /** A response: its status, content type, body and headers. */
  public record Reply(
      int status, String contentType, String body, byte[] bytes, HttpHeaders headers) {

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public JsonObject json() {
      return (JsonObject) parse();
    }

    public JsonArray jsonArray() {
      return (JsonArray) parse();
    }

    private JsonStructure parse() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.read();
      }
    }

    public boolean isProblem() {
      return contentType != null && contentType.startsWith("application/problem+json");
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  public Reply get(String path) {
    return send(request(path).GET());
  }

  public Reply get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET());
  }

  public Reply post(String path, String json) {
    return post(path, "application/json", json);
  }

  public Reply post(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Reply post(String path, String contentType, byte[] body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public Reply put(String path) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(URI.create(path)));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      byte[] bytes = response.body();
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          new String(bytes, StandardCharsets.UTF_8),
          bytes,
          response.headers());
    } catch (IOException e) {
      throw new IllegalStateException("request to the hub failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
