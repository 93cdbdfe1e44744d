package no.bindeledd.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The hub's live stream (/api/events) read as a browser's EventSource reads it: each event with its
 * name, id and data, and the keep-alive comments, as they arrive.
 */
final class EventStream implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One server-sent event. */
  record Event(String name, String id, String data, Long retry) {
    JsonObject json() {
      try (var reader = Json.createReader(new StringReader(data))) {
        return reader.readObject();
      }
    }
  }

  private final int status;
  private final String contentType;
  private final InputStream body;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private volatile boolean ended;

  private EventStream(int status, String contentType, InputStream body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  /** Opens the stream as {@code client}; {@code lastEventId} is sent as Last-Event-ID if given. */
  static EventStream open(RunningHub hub, HubClient client, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hub.base().resolve("/api/events"))
            .header("Accept", "text/event-stream");
    if (client.token() != null) {
      request.header("Authorization", "Bearer " + client.token());
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return open(request);
  }

  /** Opens the stream as a signed-in browser does: with the session cookie, and no token. */
  static EventStream open(RunningHub hub, BrowserSession session) {
    return open(
        HttpRequest.newBuilder(hub.base().resolve("/api/events"))
            .header("Accept", "text/event-stream")
            .header("Cookie", session.cookie));
  }

  private static EventStream open(HttpRequest.Builder request) {
    try {
      HttpResponse<InputStream> response =
          HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      EventStream stream =
          new EventStream(
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse(null),
              response.body());
      if (stream.status == 200) {
        Thread reader = new Thread(stream::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
      }
      return stream;
    } catch (IOException e) {
      throw new IllegalStateException("the stream could not be opened", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static EventStream open(RunningHub hub, HubClient client) {
    return open(hub, client, null);
  }

  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  /** The body of a refused stream: its problem detail. */
  JsonObject problem() {
    try (var reader = Json.createReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      return reader.readObject();
    }
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  List<String> comments() {
    return List.copyOf(comments);
  }

  boolean ended() {
    return ended;
  }

  /** The first event that matches, once it came. */
  Event await(String what, Predicate<Event> wanted) {
    return Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> events.stream().filter(wanted).findFirst(), java.util.Optional::isPresent)
        .orElseThrow();
  }

  /** Whether the stream sent an event that tells of message {@code messageId}. */
  static Predicate<Event> about(String messageId) {
    return e -> e.name().equals("message") && e.json().getString("messageId").equals(messageId);
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String name = "message";
      String id = null;
      Long retry = null;
      StringBuilder data = null;
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(name, id, data.toString(), retry));
          }
          name = "message";
          retry = null;
          data = null;
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).strip());
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
          switch (field) {
            case "event" -> name = value;
            case "id" -> id = value;
            case "retry" -> retry = Long.parseLong(value);
            case "data" ->
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {
              // Unknown fields are ignored, as EventSource ignores them.
            }
          }
        }
      }
    } catch (IOException e) {
      // Closed by the test, or by the hub.
    } finally {
      ended = true;
    }
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // Already gone.
    }
  }
}
