package no.bindeledd.web.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The hub as a newcomer runs it: the README's run command, {@code ./bindeledd}, in a process of its
 * own, with the hub and the development sign-in beneath it, on free ports and a data folder of the
 * test's. It is told never to build, so that a stale build fails the test instead of building
 * inside it: when nothing changed it must not build anyway.
 */
final class LaunchedHub {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final Path repo;
  final Path dataDir;
  final Path log;
  final int httpPort;
  final int simulatorsPort;
  final int smtpPort;
  final int witnessPort;
  final int signInPort;
  private Process process;

  LaunchedHub(Path repo, Path dataDir, Path log) throws IOException {
    this.repo = repo;
    this.dataDir = dataDir;
    this.log = log;
    this.httpPort = freePort();
    this.simulatorsPort = freePort();
    this.smtpPort = freePort();
    this.witnessPort = freePort();
    this.signInPort = freePort();
  }

  /** The ports the README documents for the embedded hub, as this one was given them. */
  Map<String, Integer> documentedPorts() {
    return Map.of(
        "HTTP", httpPort,
        "simulated agencies", simulatorsPort,
        "simulated mail server", smtpPort,
        "development witness", witnessPort,
        "development sign-in", signInPort);
  }

  void start() throws IOException {
    Path build = Path.of(System.getProperty("hub.build.dir"));
    ProcessBuilder launcher =
        new ProcessBuilder(repo.resolve("bindeledd").toString())
            .directory(build.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = launcher.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("BINDELEDD_DATA", dataDir.toString());
    env.put("BINDELEDD_PORT", String.valueOf(httpPort));
    env.put("BINDELEDD_SIMULATORS_PORT", String.valueOf(simulatorsPort));
    env.put("BINDELEDD_SMTP_PORT", String.valueOf(smtpPort));
    env.put("BINDELEDD_IDP_PORT", String.valueOf(signInPort));
    env.put("BINDELEDD_BUILD", "never");
    env.put(
        "BINDELEDD_JAVA_OPTS",
        "-Djava.io.tmpdir=" + build + " -Dhub.witness.development.port=" + witnessPort);
    process = launcher.start();
    awaitReady();
  }

  Process process() {
    return process;
  }

  long pid() {
    return process.pid();
  }

  URI base() {
    return URI.create("http://localhost:" + httpPort);
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the run command exited at start; see " + log);
      }
      if (status("/api/agencies/development-ca/certificate") == 200
          && status(
                  URI.create(
                      "http://localhost:"
                          + signInPort
                          + "/bindeledd/.well-known/openid-configuration"))
              == 200) {
        return;
      }
      try {
        // Polling a starting server: there is no event to wait on from outside its process.
        process.waitFor(250, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the hub started", e);
      }
    }
    stopForcibly();
    throw new IllegalStateException("the hub did not start within " + START_TIMEOUT + "; " + log);
  }

  /** The HTTP status of a GET, or 0 when nothing answers. */
  int status(String path) {
    return status(base().resolve(path));
  }

  int status(URI address) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Sends a signal by name (TERM, INT) to the hub's process, as a terminal or {@code kill} does.
   */
  void signal(String name) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
    }
  }

  /** Whether the process ended within {@code timeout}. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Kills the run command and what runs beneath it, which a killed script cannot stop itself. */
  void stopForcibly() {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  String token(String username) throws IOException, InterruptedException {
    Properties passwords = new Properties();
    try (var reader =
        Files.newBufferedReader(
            dataDir.resolve("dev-idp/demo-passwords.properties"), StandardCharsets.UTF_8)) {
      passwords.load(reader);
    }
    String form =
        "username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(passwords.getProperty(username), StandardCharsets.UTF_8);
    HttpResponse<String> reply =
        HTTP.send(
            HttpRequest.newBuilder(base().resolve("/api/dev-idp/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() != 200) {
      throw new IllegalStateException("no token for " + username + ": " + reply.body());
    }
    return jakarta.json.Json.createReader(new java.io.StringReader(reply.body()))
        .readObject()
        .getString("access_token");
  }

  HttpResponse<String> send(String token, String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base().resolve(path)).header("Authorization", "Bearer " + token);
    request =
        json == null
            ? request.method(method, HttpRequest.BodyPublishers.noBody())
            : request
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String logText() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static List<String> commandLine(long pid) throws IOException {
    byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
    return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
  }
}
