package no.bindeledd.web.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what an ordinary client will not send: a head without its body,
 * a body that never ends, a 50 MiB body streamed from a generator. It reads the answer while it is
 * still sending, as a careful client does, and records how much it had sent by then.
 */
final class RawHttp {

  /** What to send after the head. */
  record Body(long length, boolean chunked, boolean endless, byte[] prefix, byte filler) {

    /** No body at all. */
    static final Body NONE = new Body(0, false, false, new byte[0], (byte) 0);

    /** Only the head, declaring {@code length} bytes that never come. */
    static Body declaredButNeverSent(long length) {
      return new Body(length, false, false, new byte[0], (byte) 0);
    }

    /** {@code length} bytes with a {@code Content-Length}: {@code prefix}, then {@code filler}. */
    static Body declared(long length, String prefix, char filler) {
      return new Body(length, false, false, bytes(prefix), (byte) filler);
    }

    /** {@code length} bytes in chunks, without a declared length. */
    static Body chunked(long length, String prefix, char filler) {
      return new Body(length, true, false, bytes(prefix), (byte) filler);
    }

    /** Chunks without end, until the hub answers. */
    static Body endless(String prefix, char filler) {
      return new Body(Long.MAX_VALUE, true, true, bytes(prefix), (byte) filler);
    }

    boolean sent() {
      return chunked || prefix.length > 0 || filler != 0;
    }

    private static byte[] bytes(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * The answer: status, headers (names in lower case), body, how long it took to come, how many
   * body bytes had been sent when it came, and whether the whole body was sent in the end.
   */
  record Answer(
      int status,
      Map<String, String> headers,
      String body,
      Duration took,
      long sentWhenAnswered,
      long sentInAll) {

    JsonObject json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    boolean isProblem() {
      return headers.getOrDefault("content-type", "").startsWith("application/problem+json");
    }

    @Override
    public String toString() {
      return status + " after " + took.toMillis() + " ms " + headers + " " + body;
    }
  }

  /**
   * Bytes a write hands over at once. Small, because a part is counted as sent when it is handed
   * over, so that the count the answer is compared with is never behind a write that already
   * reached the hub, and is ahead of what the hub read by at most this much (and what the network
   * holds).
   */
  private static final int BLOCK = 8 * 1024;

  /** A thread per body being sent, so that concurrent requests are sent concurrently. */
  private static final ExecutorService WRITERS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "raw-http-writer");
            thread.setDaemon(true);
            return thread;
          });

  private RawHttp() {}

  /**
   * Sends {@code head} (the request line and header fields, without the blank line; the body's
   * framing header is added) and {@code body}. With {@code finishBody}, the whole body is sent even
   * after the answer came, as a client that does not listen would; otherwise sending stops there.
   */
  static Answer send(URI base, String head, Body body, boolean finishBody, Duration timeout) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      String framing =
          !body.sent() && body.length() == 0
              ? ""
              : body.chunked()
                  ? "Transfer-Encoding: chunked\r\n"
                  : "Content-Length: " + body.length() + "\r\n";
      long started = System.nanoTime();
      out.write((head + "\r\n" + framing + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      AtomicLong sent = new AtomicLong();
      CompletableFuture<Void> writer =
          body.sent()
              ? CompletableFuture.runAsync(() -> write(out, body, sent), WRITERS)
              : CompletableFuture.completedFuture(null);
      Answer answer = read(socket.getInputStream(), started, sent);
      if (finishBody) {
        awaitQuietly(writer, timeout);
      }
      return new Answer(
          answer.status(),
          answer.headers(),
          answer.body(),
          answer.took(),
          answer.sentWhenAnswered(),
          sent.get());
    } catch (IOException e) {
      throw new UncheckedIOException("no answer from the hub", e);
    }
  }

  /**
   * What became of a request that was sent in part and then left: the answer, if one came (a
   * connection that ends before a status line has none), how long after the request it came, and
   * how long after the request the hub closed the connection (empty if it was still open when
   * {@code timeout} ran out).
   */
  record Abandoned(Optional<Answer> answer, Optional<Duration> closedAfter) {

    @Override
    public String toString() {
      return answer.map(Answer::toString).orElse("no answer")
          + ", closed "
          + closedAfter.map(d -> "after " + d.toMillis() + " ms").orElse("never");
    }
  }

  /**
   * Sends {@code request} as it is (a head, maybe a part of a body) and nothing more, then reads
   * the answer and waits for the hub to close the connection, up to {@code timeout} from the start.
   */
  static Abandoned sendAndStall(URI base, String request, Duration timeout) {
    return sendAndStall(base, request, timeout, () -> {});
  }

  /** As {@link #sendAndStall(URI, String, Duration)}, telling {@code sent} once it has sent. */
  static Abandoned sendAndStall(URI base, String request, Duration timeout, Runnable sent) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout((int) timeout.toMillis());
      long started = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      sent.run();
      InputStream in = socket.getInputStream();
      Optional<Answer> answer;
      try {
        answer = Optional.of(read(in, started, new AtomicLong()));
      } catch (SocketTimeoutException e) {
        return new Abandoned(Optional.empty(), Optional.empty());
      } catch (IOException e) {
        // The hub closed the connection (or reset it) without an answer.
        return new Abandoned(
            Optional.empty(), Optional.of(Duration.ofNanos(System.nanoTime() - started)));
      }
      long left = timeout.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis();
      if (left <= 0) {
        return new Abandoned(answer, Optional.empty());
      }
      socket.setSoTimeout((int) left);
      try {
        while (in.read() >= 0) {
          // The answer is read; anything after it is not ours to look at.
        }
      } catch (SocketTimeoutException e) {
        return new Abandoned(answer, Optional.empty());
      } catch (SocketException e) {
        // A reset ends the connection as surely as a close.
      }
      return new Abandoned(answer, Optional.of(Duration.ofNanos(System.nanoTime() - started)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not reach the hub", e);
    }
  }

  private static void write(OutputStream out, Body body, AtomicLong sent) {
    byte[] block = new byte[BLOCK];
    Arrays.fill(block, body.filler());
    try {
      writePart(out, body, body.prefix(), body.prefix().length, sent);
      while (body.endless() || sent.get() < body.length()) {
        int n = (int) Math.min(BLOCK, body.length() - sent.get());
        writePart(out, body, block, n, sent);
      }
      if (body.chunked()) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
    } catch (SocketException e) {
      // The hub closed the connection after its answer, or the test closed it: sending ends.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writePart(
      OutputStream out, Body body, byte[] bytes, int length, AtomicLong sent) throws IOException {
    if (length == 0) {
      return;
    }
    sent.addAndGet(length);
    if (body.chunked()) {
      out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    out.write(bytes, 0, length);
    if (body.chunked()) {
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static Answer read(InputStream in, long started, AtomicLong sent) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      if (head.size() >= 4 && endsWithBlankLine(head.toByteArray())) {
        break;
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    long sentWhenAnswered = sent.get();
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 ")) {
      throw new IOException("not an HTTP answer: " + head.toString(StandardCharsets.ISO_8859_1));
    }
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Answer(
        status,
        headers,
        new String(body, StandardCharsets.UTF_8),
        took,
        sentWhenAnswered,
        sentWhenAnswered);
  }

  private static boolean endsWithBlankLine(byte[] bytes) {
    int n = bytes.length;
    return bytes[n - 4] == '\r'
        && bytes[n - 3] == '\n'
        && bytes[n - 2] == '\r'
        && bytes[n - 1] == '\n';
  }

  private static void awaitQuietly(CompletableFuture<Void> writer, Duration timeout) {
    try {
      writer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the body could not be sent to its end", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
