package no.bindeledd.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 3161 over HTTP against a small server on the loopback address that serves the embedded TSA.
 */
class HttpTimestampAuthorityTest {

  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration ANSWER = Duration.ofSeconds(5);

  @TempDir static Path keysDir;

  private static DevelopmentTsa tsa;
  private static final Timestamps timestamps = new Timestamps();
  private static final byte[] DIGEST = TimestampsTest.sha256("checkpoint over HTTP");

  private HttpServer server;
  private final CountDownLatch slowAnswerReleased = new CountDownLatch(1);
  private ExecutorService threads;
  private final AtomicReference<String> receivedType = new AtomicReference<>();
  private final AtomicReference<String> receivedMethod = new AtomicReference<>();

  @BeforeAll
  static void createAuthority() {
    tsa = DevelopmentTsa.using(DevelopmentCa.loadOrCreate(keysDir).issueTimestampingKey());
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext(
        "/tsa",
        exchange -> {
          receivedMethod.set(exchange.getRequestMethod());
          receivedType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
          byte[] query = exchange.getRequestBody().readAllBytes();
          answer(exchange, 200, "application/timestamp-reply", tsa.respond(query));
        });
    server.createContext("/busy", exchange -> answer(exchange, 503, "text/plain", new byte[0]));
    server.createContext(
        "/html", exchange -> answer(exchange, 200, "text/html", "<p>hi</p>".getBytes()));
    server.createContext(
        "/huge",
        exchange ->
            answer(
                exchange,
                200,
                "application/timestamp-reply",
                new byte[HttpTimestampAuthority.MAX_RESPONSE_BYTES + 1]));
    server.createContext(
        "/slow",
        exchange -> {
          try {
            // Holds the answer back until the test is over, well past the client's timeout.
            slowAnswerReleased.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(exchange, 200, "application/timestamp-reply", new byte[0]);
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    slowAnswerReleased.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  @Test
  void timestampIsObtainedOverHttp() throws Exception {
    TimestampAuthority http = new HttpTimestampAuthority(uri("/tsa"), CONNECT, ANSWER);

    Timestamp stamped = timestamps.stamp(DIGEST, http, List.of(tsa.certificate()));

    assertThat(stamped.tsaCertificate()).isEqualTo(tsa.certificate());
    assertThat(receivedMethod.get()).isEqualTo("POST");
    assertThat(receivedType.get()).isEqualTo("application/timestamp-query");
  }

  @Test
  void contentTypeParametersAreAllowed() throws Exception {
    server.createContext(
        "/charset",
        exchange ->
            answer(
                exchange,
                200,
                "Application/Timestamp-Reply; charset=binary",
                tsa.respond(exchange.getRequestBody().readAllBytes())));
    TimestampAuthority http = new HttpTimestampAuthority(uri("/charset"), CONNECT, ANSWER);

    assertThat(timestamps.stamp(DIGEST, http, List.of(tsa.certificate()))).isNotNull();
  }

  @Test
  void errorStatusIsAnIoError() {
    TimestampAuthority http = new HttpTimestampAuthority(uri("/busy"), CONNECT, ANSWER);

    assertThatThrownBy(() -> http.respond(timestamps.request(DIGEST).encoded()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void answerOfAnotherTypeIsAnIoError() {
    TimestampAuthority http = new HttpTimestampAuthority(uri("/html"), CONNECT, ANSWER);

    assertThatThrownBy(() -> http.respond(timestamps.request(DIGEST).encoded()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("text/html");
  }

  @Test
  void oversizedAnswerIsAnIoError() {
    TimestampAuthority http = new HttpTimestampAuthority(uri("/huge"), CONNECT, ANSWER);

    assertThatThrownBy(() -> http.respond(timestamps.request(DIGEST).encoded()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("more than");
  }

  @Test
  void slowAuthorityTimesOut() {
    TimestampAuthority http =
        new HttpTimestampAuthority(uri("/slow"), CONNECT, Duration.ofMillis(300));
    long start = System.nanoTime();

    assertThatThrownBy(() -> http.respond(timestamps.request(DIGEST).encoded()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void onlyHttpAddressesAndPositiveTimeLimitsAreAccepted() {
    assertThatThrownBy(
            () -> new HttpTimestampAuthority(URI.create("ftp://tsa.example/"), CONNECT, ANSWER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpTimestampAuthority(URI.create("/relative"), CONNECT, ANSWER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpTimestampAuthority(uri("/tsa"), Duration.ZERO, ANSWER))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private URI uri(String path) {
    return URI.create(
        "http://"
            + server.getAddress().getHostString()
            + ":"
            + server.getAddress().getPort()
            + path);
  }

  private static void answer(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
