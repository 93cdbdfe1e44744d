package no.bindeledd.web.production;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.DevelopmentTsa;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.web.it.PayaraHub;

/**
 * An RFC 3161 time-stamping authority in a process of its own, as a production hub uses one: a
 * separate JVM started from the test class path that answers {@code application/timestamp-query}
 * POSTs over HTTP on a loopback port. Its key and certificate come from a CA of the test's, kept in
 * a folder, so that a restarted authority signs with the same certificate. The tokens are made by
 * the core's responder, the one the embedded profile uses inside the hub.
 */
public final class TimestampingAuthority {

  private static final String PORT_FILE = "port";
  private static final String CERTIFICATE_FILE = "tsa.pem";

  private final Process process;
  private final Path folder;
  private final int port;
  private final Path log;

  private TimestampingAuthority(Process process, Path folder, int port, Path log) {
    this.process = process;
    this.folder = folder;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the authority on any free port, keeping its CA and key in {@code folder} (a fresh folder
   * makes a new authority, an old one restarts the same).
   */
  public static TimestampingAuthority start(Path folder) {
    return start(folder, 0);
  }

  /** As {@link #start(Path)}, on the given port (0 for any), for a test that restarts it there. */
  public static TimestampingAuthority start(Path folder, int port) {
    try {
      Files.createDirectories(folder);
      Path portFile = folder.resolve(PORT_FILE);
      Files.deleteIfExists(portFile);
      Path log = folder.resolve("tsa.log");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx64m",
                  "-XX:TieredStopAtLevel=1",
                  "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                  "-cp",
                  System.getProperty("java.class.path"),
                  TimestampingAuthority.class.getName(),
                  folder.toString(),
                  String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      await("the time-stamping authority listens")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> Files.exists(portFile) || !process.isAlive());
      if (!process.isAlive()) {
        throw new IllegalStateException("the time-stamping authority exited; see " + log);
      }
      int listening = Integer.parseInt(Files.readString(portFile).strip());
      TimestampingAuthority tsa = new TimestampingAuthority(process, folder, listening, log);
      Runtime.getRuntime().addShutdownHook(new Thread(tsa::stop, "stop-tsa"));
      return tsa;
    } catch (IOException e) {
      throw new IllegalStateException("could not start the time-stamping authority", e);
    }
  }

  /** Where the hub sends its time-stamp queries (HUB_TSA_URL). */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public int port() {
    return port;
  }

  /** The authority's certificate as a PEM file (HUB_TSA_CERTIFICATES). */
  public Path certificateFile() {
    return folder.resolve(CERTIFICATE_FILE);
  }

  public X509Certificate certificate() {
    try {
      return Pem.certificate(Files.readString(certificateFile(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + certificateFile(), e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the authority, so that a test can watch the hub cope without it. */
  public void stop() {
    PayaraHub.stop(process);
  }

  /** Kills the authority's JVM (SIGKILL). */
  public void kill() {
    process.toHandle().destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public Path log() {
    return log;
  }

  /**
   * The authority's process: {@code folder port}. Writes the certificate PEM, then the port it
   * listens on, each atomically, so that the port file's appearance means it is ready.
   */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    DevelopmentTsa tsa =
        DevelopmentTsa.loadOrCreate(
            folder.resolve("keys"), DevelopmentCa.loadOrCreate(folder.resolve("ca")));
    writeAtomically(folder.resolve(CERTIFICATE_FILE), Pem.encode(tsa.certificate()));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
              exchange.sendResponseHeaders(405, -1);
              return;
            }
            byte[] query;
            try (InputStream in = exchange.getRequestBody()) {
              query = in.readNBytes(64 * 1024);
            }
            byte[] reply = tsa.respond(query);
            exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(reply);
            }
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    writeAtomically(folder.resolve(PORT_FILE), String.valueOf(server.getAddress().getPort()));
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, text, StandardCharsets.US_ASCII);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
