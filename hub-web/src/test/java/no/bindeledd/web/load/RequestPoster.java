package no.bindeledd.web.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import no.bindeledd.web.it.Demo;

/**
 * Posts the caseworker's requests to the GP office ({@code POST /api/requests}), about the prepared
 * participants in turn, each with a question of a set size, and says what the hub answered. Every
 * call has a timeout, so that a hub that stops answering ends the run instead of holding it.
 * Thread-safe.
 */
final class RequestPoster {

  /** What the hub answered one POST: the new message's id, a refusal with its wait, or neither. */
  record Outcome(int status, String messageId, Optional<Duration> retryAfter, String problem) {

    /** The status of a call that got no answer: a timeout or a broken connection. */
    static final int NO_ANSWER = -1;

    boolean accepted() {
      return status == 201 && messageId != null;
    }

    /** A refusal by back-pressure: 503 with a wait the client is asked to honour. */
    boolean refused() {
      return status == 503 && retryAfter.isPresent();
    }
  }

  private final HttpClient http;
  private final URI requests;
  private final URI base;
  private final String token;
  private final List<String> participants;
  private final AtomicInteger nextParticipant = new AtomicInteger();
  private final String questionText;
  private final Duration timeout;

  RequestPoster(
      URI base, String token, List<String> participants, int questionBytes, Duration timeout) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.base = base;
    this.requests = base.resolve("/api/requests");
    this.token = token;
    this.participants = List.copyOf(participants);
    this.questionText = question(questionBytes);
    this.timeout = timeout;
  }

  /**
   * A question of {@code bytes} bytes in UTF-8, plain ASCII, read as a caseworker would write a
   * long one: the same sentences over again, cut at the size.
   */
  static String question(int bytes) {
    String sentence =
        "Was the participant referred to hospital after the appointment on 20 November, and is"
            + " a follow-up planned with the introduction programme? ";
    StringBuilder text = new StringBuilder(bytes + sentence.length());
    while (text.length() < bytes) {
      text.append(sentence);
    }
    return text.substring(0, bytes).strip();
  }

  /** The JSON of a request about {@code subjectId}, with the question of the set size. */
  String requestJson(String subjectId) {
    return Json.createObjectBuilder()
        .add("recipient", Demo.GP_OFFICE)
        .add("subjectId", subjectId)
        .add("category", "referral-status")
        .add("purpose", "introduction-programme-follow-up")
        .add("question", questionText)
        .build()
        .toString();
  }

  int questionBytes() {
    return questionText.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Posts one request about the next participant. */
  Outcome post() {
    String subject =
        participants.get(Math.floorMod(nextParticipant.getAndIncrement(), participants.size()));
    HttpRequest request =
        HttpRequest.newBuilder(requests)
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestJson(subject)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return new Outcome(Outcome.NO_ANSWER, null, Optional.empty(), "no answer within " + timeout);
    } catch (IOException e) {
      return new Outcome(Outcome.NO_ANSWER, null, Optional.empty(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(Outcome.NO_ANSWER, null, Optional.empty(), "interrupted");
    }
    int status = response.statusCode();
    if (status == 201) {
      return new Outcome(status, messageId(response.body()), Optional.empty(), null);
    }
    Optional<Duration> wait =
        status == 503
            ? response
                .headers()
                .firstValue("Retry-After")
                .flatMap(value -> RetryAfter.parse(value, Instant.now()))
            : Optional.empty();
    return new Outcome(status, null, wait, response.body());
  }

  /** The status of message {@code id} as its sender sees it, or empty if the hub did not say. */
  Optional<JsonObject> status(String id) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/api/messages/" + id + "/status"))
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      try (var reader = Json.createReader(new StringReader(response.body()))) {
        return Optional.of(reader.readObject());
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String messageId(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      JsonObject created = reader.readObject();
      return created.get("id") instanceof JsonString id ? id.getString() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
