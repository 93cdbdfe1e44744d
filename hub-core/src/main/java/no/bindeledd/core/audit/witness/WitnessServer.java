package no.bindeledd.core.audit.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.bindeledd.core.canonical.CanonicalJson;

/**
 * A {@link Witness} over HTTP, as C2SP tlog-witness specifies, on the JDK's own HTTP server:
 *
 * <ul>
 *   <li>{@code POST /add-checkpoint}: 200 with the cosignature line ({@code text/plain}); 409 with
 *       the witness's size ({@code text/x.tlog.size}); 400, 403, 404 or 422 with a problem detail
 *       (RFC 9457) saying why;
 *   <li>{@code GET /<origin hash>/checkpoint}: the latest checkpoint cosigned of that log, or 404.
 * </ul>
 *
 * The submission and monitoring prefixes are both the server's root. A body larger than the limit
 * is refused with 413 before it is read: at once when its {@code Content-Length} says so, and at
 * the limit when it is sent in chunks. Bound to the loopback address unless told otherwise.
 */
public final class WitnessServer implements AutoCloseable {

  /** Large enough for a proof of 63 hashes and a checkpoint with a hundred signatures. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  static final String SIZE_TYPE = "text/x.tlog.size";
  private static final String PROBLEM_TYPE = "application/problem+json";
  private static final String PROBLEM_BASE = "https://bindeledd.no/problems/witness-";
  private static final Pattern MONITORING_PATH = Pattern.compile("/([0-9a-f]{64})/checkpoint");
  private static final Logger LOG = Logger.getLogger(WitnessServer.class.getName());

  private final HttpServer server;
  private final ExecutorService threads;
  private final Witness witness;
  private final int maxBodyBytes;

  private WitnessServer(
      HttpServer server, ExecutorService threads, Witness witness, int maxBodyBytes) {
    this.server = server;
    this.threads = threads;
    this.witness = witness;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Serves the witness on 127.0.0.1 at the port (0: any free port). */
  public static WitnessServer onLoopback(Witness witness, int port) throws IOException {
    return start(
        witness,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
        DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * Serves the witness at an address.
   *
   * @param maxBodyBytes the largest request body read
   * @throws IOException if the address cannot be bound
   */
  public static WitnessServer start(Witness witness, InetSocketAddress address, int maxBodyBytes)
      throws IOException {
    Objects.requireNonNull(witness, "witness");
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException(
          "A body limit below 1 KiB leaves no room for a checkpoint");
    }
    HttpServer server = HttpServer.create(address, 16);
    AtomicInteger count = new AtomicInteger();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "witness-http-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(threads);
    WitnessServer running = new WitnessServer(server, threads, witness, maxBodyBytes);
    server.createContext("/", running::handle);
    server.start();
    return running;
  }

  /** The address the server listens on, with the port it got. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The submission and monitoring prefix: {@code http://host:port/}. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  /** Stops listening at once; a request cut off is answered by nothing, and the log asks again. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      if ("/add-checkpoint".equals(path)) {
        if (!"POST".equals(method)) {
          exchange.getResponseHeaders().set("Allow", "POST");
          problem(exchange, 405, "method-not-allowed", "add-checkpoint takes a POST");
          return;
        }
        addCheckpoint(exchange);
        return;
      }
      Matcher monitoring = MONITORING_PATH.matcher(path);
      if (monitoring.matches()) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          problem(exchange, 405, "method-not-allowed", "a checkpoint is read with GET");
          return;
        }
        var checkpoint = witness.latestCheckpoint(monitoring.group(1));
        if (checkpoint.isEmpty()) {
          problem(exchange, 404, "no-checkpoint", "this witness has cosigned no checkpoint of it");
          return;
        }
        send(exchange, 200, "text/plain; charset=utf-8", checkpoint.get());
        return;
      }
      problem(
          exchange,
          404,
          "not-found",
          "a witness serves /add-checkpoint and /<origin hash>/checkpoint");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The witness failed to answer a request", e);
      throw e;
    }
  }

  private void addCheckpoint(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        problem(exchange, 400, "malformed", "the Content-Length is not a number");
        return;
      }
      if (declared > maxBodyBytes) {
        tooLarge(exchange);
        return;
      }
    }
    byte[] body = readAtMost(exchange.getRequestBody(), maxBodyBytes);
    if (body == null) {
      tooLarge(exchange);
      return;
    }
    try {
      String cosignature = witness.addCheckpoint(AddCheckpoint.parse(body));
      send(exchange, 200, "text/plain; charset=utf-8", cosignature);
    } catch (WitnessRefusal refusal) {
      if (refusal.reason() == WitnessRefusal.Reason.OLD_SIZE_MISMATCH) {
        send(exchange, 409, SIZE_TYPE, refusal.witnessSize().orElseThrow() + "\n");
      } else {
        problem(exchange, refusal.reason().status(), refusal.reason().slug(), refusal.detail());
      }
    }
  }

  private void tooLarge(HttpExchange exchange) throws IOException {
    // The connection is closed after the answer, so the rest of the body is never read.
    exchange.getResponseHeaders().set("Connection", "close");
    problem(
        exchange,
        413,
        "body-too-large",
        "an add-checkpoint body has at most " + maxBodyBytes + " bytes");
  }

  /** The body, or null if it is longer than {@code max}. */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) > 0) {
      if (read.size() + n > max) {
        return null;
      }
      read.write(buffer, 0, n);
    }
    return read.toByteArray();
  }

  private static void problem(HttpExchange exchange, int status, String slug, String detail)
      throws IOException {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", PROBLEM_BASE + slug);
    members.put("title", title(status));
    members.put("status", status);
    members.put("detail", detail);
    send(
        exchange,
        status,
        PROBLEM_TYPE,
        new String(CanonicalJson.encode(members), StandardCharsets.UTF_8));
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 422 -> "Unprocessable Content";
      default -> "Error";
    };
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
