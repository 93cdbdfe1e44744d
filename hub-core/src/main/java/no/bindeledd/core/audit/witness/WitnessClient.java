package no.bindeledd.core.audit.witness;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a log submits a checkpoint to one witness: {@code POST <prefix>/add-checkpoint} of C2SP
 * tlog-witness, over the JDK's HTTP client. The answer is read up to a limit and handed back as it
 * came; checking the cosignature is the caller's business ({@link Cosignatures}).
 */
public final class WitnessClient {

  /** More than any cosignature lines or problem detail a witness sends. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  private static final Pattern SIZE = Pattern.compile("(0|[1-9][0-9]{0,18})\n");
  private static final Pattern DETAIL =
      Pattern.compile(
          "\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\(?:[\"\\\\/bfnrt]|u[0-9a-fA-F]{4}))*)\"");

  private final URI addCheckpoint;
  private final HttpClient http;
  private final Duration timeout;

  /** What the witness answered. */
  public sealed interface Reply {}

  /**
   * 200: the witness cosigned.
   *
   * @param lines the signature lines, each ending in a newline
   */
  public record Cosigned(String lines) implements Reply {}

  /**
   * 409: the old size was not the witness's.
   *
   * @param witnessSize the size of the latest checkpoint the witness cosigned of the log
   */
  public record Conflict(long witnessSize) implements Reply {}

  /**
   * Any other answer: the witness refused, or is not a witness.
   *
   * @param status the HTTP status
   * @param detail what the witness said, shortened
   */
  public record Refused(int status, String detail) implements Reply {}

  /**
   * @param submissionPrefix the witness's submission prefix, such as {@code http://127.0.0.1:8191/}
   * @param timeout how long to wait to connect, and for the answer
   */
  public WitnessClient(URI submissionPrefix, Duration timeout) {
    Objects.requireNonNull(submissionPrefix, "submissionPrefix");
    String prefix = submissionPrefix.toString();
    this.addCheckpoint =
        URI.create(prefix.endsWith("/") ? prefix + "add-checkpoint" : prefix + "/add-checkpoint");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Where requests go. */
  public URI addCheckpointUrl() {
    return addCheckpoint;
  }

  /**
   * Sends one request.
   *
   * @throws IOException if the witness cannot be reached or its answer cannot be read
   */
  public Reply addCheckpoint(AddCheckpoint request) throws IOException {
    HttpRequest post =
        HttpRequest.newBuilder(addCheckpoint)
            .timeout(timeout)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.encode()))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(post, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the witness", e);
    }
    String body;
    try (InputStream in = response.body()) {
      byte[] read = in.readNBytes(MAX_ANSWER_BYTES + 1);
      if (read.length > MAX_ANSWER_BYTES) {
        throw new IOException("the witness answered with more than " + MAX_ANSWER_BYTES + " bytes");
      }
      body = new String(read, StandardCharsets.UTF_8);
    }
    int status = response.statusCode();
    if (status == 200) {
      return new Cosigned(body);
    }
    if (status == 409) {
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (type.startsWith(WitnessServer.SIZE_TYPE) && SIZE.matcher(body).matches()) {
        return new Conflict(Long.parseLong(body.strip()));
      }
      return new Refused(status, "a 409 without a size (" + type + "): " + shorten(body));
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    return new Refused(
        status, shorten(type.startsWith("application/problem+json") ? detailOf(body) : body));
  }

  /** A problem detail's {@code detail} member, or the whole body if it has none. */
  static String detailOf(String problem) {
    Matcher detail = DETAIL.matcher(problem);
    if (!detail.find()) {
      return problem;
    }
    String escaped = detail.group(1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '\\' || i + 1 == escaped.length()) {
        text.append(c);
        continue;
      }
      char next = escaped.charAt(++i);
      switch (next) {
        case 'n' -> text.append('\n');
        case 't' -> text.append('\t');
        case 'r' -> text.append('\r');
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'u' -> {
          if (i + 4 < escaped.length()) {
            text.append((char) Integer.parseInt(escaped.substring(i + 1, i + 5), 16));
            i += 4;
          }
        }
        default -> text.append(next);
      }
    }
    return text.toString();
  }

  private static String shorten(String body) {
    String shown = body.strip().replaceAll("\\p{Cntrl}", " ");
    return shown.length() > 300 ? shown.substring(0, 300) + "..." : shown;
  }
}
