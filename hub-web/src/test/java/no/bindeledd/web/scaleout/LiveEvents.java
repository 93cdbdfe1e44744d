package no.bindeledd.web.scaleout;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** One live stream ({@code GET /api/events}) read as EventSource reads it, on the node given. */
final class LiveEvents implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One event: its name and its data. */
  record Event(String name, String data) {
    JsonObject json() {
      try (var reader = Json.createReader(new StringReader(data))) {
        return reader.readObject();
      }
    }

    boolean tellsOf(String messageId) {
      return name.equals("message") && json().getString("messageId").equals(messageId);
    }
  }

  private final int status;
  private final InputStream body;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private volatile boolean ended;

  private LiveEvents(int status, InputStream body) {
    this.status = status;
    this.body = body;
  }

  static LiveEvents withToken(URI node, String token) {
    return open(
        HttpRequest.newBuilder(node.resolve("/api/events"))
            .header("Authorization", "Bearer " + token));
  }

  static LiveEvents withSession(URI node, Browser browser) {
    return open(
        HttpRequest.newBuilder(node.resolve("/api/events")).header("Cookie", browser.cookie()));
  }

  private static LiveEvents open(HttpRequest.Builder request) {
    try {
      HttpResponse<InputStream> response =
          HTTP.send(
              request.header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      LiveEvents stream = new LiveEvents(response.statusCode(), response.body());
      if (stream.status == 200) {
        Thread reader = new Thread(stream::read, "live-events-reader");
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

  int status() {
    return status;
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  boolean ended() {
    return ended;
  }

  /** Waits until an event told of {@code messageId}. */
  void awaitMessage(String what, String messageId) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> events.stream().anyMatch(e -> e.tellsOf(messageId)));
  }

  void awaitEnd(String what) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> ended);
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String name = "message";
      StringBuilder data = null;
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(name, data.toString()));
          }
          name = "message";
          data = null;
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          String value = line.substring(5).replaceFirst("^ ", "");
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
    } catch (IOException e) {
      // Closed by the test, or by the hub.
    } finally {
      ended = true;
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
