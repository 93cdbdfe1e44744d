package no.bindeledd.web.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How the system tests start the packaged WAR on Payara Micro, whichever profile: the command line
 * the launcher uses (the run profile's heap, the preboot commands, a profile's properties), and the
 * wait until the hub answers. {@link RunningHub} starts the embedded profile with it, {@code
 * ProductionHub} the production profile.
 */
public final class PayaraHub {

  private PayaraHub() {}

  /**
   * Starts the hub in a process of its own, its output in {@code log}.
   *
   * @param profile the profile's properties file in {@code config/profiles}, e.g. {@code
   *     embedded.properties}
   * @param properties further system properties ({@code -Dname=value}) for the hub's JVM
   * @param environment variables added to the test JVM's environment, as the production profile
   *     reads its settings from
   */
  public static Process start(
      String profile, int port, List<String> properties, Map<String, String> environment, Path log)
      throws IOException {
    return start(profile, port, properties, environment, log, List.of());
  }

  /** As the other {@code start}, with further Payara Micro options ({@code --logproperties}). */
  public static Process start(
      String profile,
      int port,
      List<String> properties,
      Map<String, String> environment,
      Path log,
      List<String> options)
      throws IOException {
    Path target = Path.of(required("hub.build.dir"));
    Path repo = Path.of(required("hub.repo.dir"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            // The run profile's heap, so that the limits are tested against what the hub runs
            // with (RequestLimitsIT floods it).
            "-Xmx" + required("hub.heap"),
            "-Duser.timezone=UTC",
            "-Djava.io.tmpdir=" + target,
            "-Dhub.http.address=127.0.0.1"));
    command.addAll(properties);
    command.addAll(
        List.of(
            "-jar",
            target.resolve("payara-micro.jar").toString(),
            "--deploy",
            target.resolve("hub-web.war").toString(),
            "--contextroot",
            "/",
            "--port",
            String.valueOf(port),
            "--nocluster",
            "--disablephonehome",
            "--prebootcommandfile",
            repo.resolve("config/payara/preboot.asadmin").toString(),
            "--systemproperties",
            repo.resolve("config/profiles").resolve(profile).toString()));
    command.addAll(options);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * Waits until {@code probe} answers 200; stops the process and fails, naming the log, when it
   * exits, its deployment fails, or {@code timeout} passes.
   */
  public static void awaitReady(Process process, URI probe, Path log, Duration timeout) {
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(10)).build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the hub exited at start; see " + log);
      }
      if (deploymentFailed(log)) {
        stop(process);
        throw new IllegalStateException("the hub's deployment failed; see " + log);
      }
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the hub started", e);
      }
      try {
        // Polling a starting server: there is no event to wait on from outside its process.
        process.waitFor(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the hub started", e);
      }
    }
    stop(process);
    throw new IllegalStateException("the hub did not start within " + timeout + "; see " + log);
  }

  private static boolean deploymentFailed(Path log) {
    try {
      return Files.exists(log)
          && Files.readString(log, StandardCharsets.ISO_8859_1)
              .contains("Exception while loading the app");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Asks the process to stop (SIGTERM), as an operator's service manager does; kills it after 30 s.
   */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A system property Maven's failsafe sets; a clear error when a test runs outside Maven. */
  public static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set: run the system tests through Maven");
    }
    return value;
  }

  /** A port nothing listens on right now, on any address. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
