package no.bindeledd.connectors.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * One HTTP server for the simulated agencies' endpoints, on a fixed port so that the hub's
 * configuration can name them. It can be stopped and started again, to play a recipient that is
 * down for a while.
 */
public final class SimulatorServer implements AutoCloseable {

  /** Simulated endpoints take no more than this, as real ones limit what they accept. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(SimulatorServer.class.getName());

  private final String host;
  private final int port;
  private final Map<String, HttpHandler> handlers = new LinkedHashMap<>();
  private HttpServer server;
  private ExecutorService executor;

  public SimulatorServer(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Adds an endpoint; takes effect at the next start. */
  public synchronized SimulatorServer handle(String path, HttpHandler handler) {
    handlers.put(path, handler);
    return this;
  }

  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 50);
    } catch (IOException e) {
      throw new IllegalStateException("the simulators cannot listen on " + host + ":" + port, e);
    }
    handlers.forEach(server::createContext);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.start();
    LOG.info(
        () -> "Simulated agencies listen on http://" + host + ":" + port + " " + handlers.keySet());
  }

  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      LOG.info(() -> "Simulated agencies on port " + port + " stopped");
    }
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    stop();
  }

  static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new IOException("request body larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (body == null || body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static void problem(HttpExchange exchange, int status, String detail) throws IOException {
    String json =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("status", status)
            .add("detail", detail)
            .build()
            .toString();
    respond(exchange, status, "application/problem+json", json.getBytes(StandardCharsets.UTF_8));
  }
}
