package no.bindeledd.web.it;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import no.bindeledd.devidp.DevelopmentSignIn;

/**
 * The real hub, started once per test JVM: the packaged WAR on Payara Micro, the embedded profile
 * and a fresh data folder, on a free port. System tests talk to it over HTTP only, as the agencies'
 * systems would.
 */
public final class RunningHub {

  /**
   * How long a hub may take to start; a busy machine may need more ({@code
   * -Dit.hub.start-timeout}).
   */
  private static final Duration START_TIMEOUT =
      Duration.parse(System.getProperty("it.hub.start-timeout", "PT3M"));

  private static RunningHub instance;
  private static DevelopmentSignIn signIn;

  /** Requests expire quickly here, so that a test can watch one expire. */
  public static final Duration REQUEST_LIFETIME = Duration.ofSeconds(30);

  private final Process process;
  private final URI base;
  private final Path dataDir;
  private final Path log;
  private final int simulatorsPort;
  private final int smtpPort;

  private RunningHub(
      Process process, URI base, Path dataDir, Path log, int simulatorsPort, int smtpPort) {
    this.process = process;
    this.base = base;
    this.dataDir = dataDir;
    this.log = log;
    this.simulatorsPort = simulatorsPort;
    this.smtpPort = smtpPort;
  }

  /** The hub, started on first use. */
  public static synchronized RunningHub get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "stop-hub"));
    }
    return instance;
  }

  private static RunningHub start() {
    try {
      return start(Files.createTempDirectory(Path.of(required("hub.build.dir")), "it-hub-data-"));
    } catch (IOException e) {
      throw new IllegalStateException("could not make a data folder", e);
    }
  }

  /**
   * The development sign-in that every hub of this test JVM sends browsers to, as the launcher runs
   * it beside the hub: started on first use, on a free loopback port, stopped with the JVM.
   */
  public static synchronized DevelopmentSignIn signIn() {
    if (signIn == null) {
      try {
        signIn =
            DevelopmentSignIn.start(
                Path.of(required("hub.repo.dir"), "config/deployment-demo.json"),
                InetAddress.getLoopbackAddress(),
                0);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the development sign-in", e);
      }
      DevelopmentSignIn started = signIn;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-dev-idp"));
    }
    return signIn;
  }

  /**
   * A hub of the caller's own on {@code dataDir}, for tests that stop and start it; the caller
   * stops it.
   */
  public static RunningHub start(Path dataDir) {
    return start(dataDir, List.of());
  }

  /**
   * A hub of the caller's own on {@code dataDir}, started with the further system properties {@code
   * properties} ({@code -Dname=value}); the caller stops it.
   */
  public static RunningHub start(Path dataDir, List<String> properties) {
    return start(dataDir, properties, List.of());
  }

  /**
   * A hub of the caller's own, as {@link #start(Path, List)}, with further Payara Micro options
   * {@code payaraOptions} (such as {@code --logproperties} and a file); the caller stops it.
   */
  public static RunningHub start(
      Path dataDir, List<String> properties, List<String> payaraOptions) {
    return start(dataDir, Ports.free(), properties, payaraOptions);
  }

  /**
   * The ports of one hub: its HTTP port, and where it expects the simulated agencies and the mail
   * server. A hub restarted on the same ports is the same hub to its clients and simulators.
   */
  public record Ports(int http, int simulators, int smtp) {

    /** Ports nothing listens on right now. */
    public static Ports free() {
      return new Ports(freePort(), freePort(), freePort());
    }
  }

  /**
   * A hub of the caller's own, as {@link #start(Path, List, List)}, on {@code ports}, for tests
   * that restart it where its clients and simulators still are; the caller stops it.
   */
  public static RunningHub start(
      Path dataDir, Ports ports, List<String> properties, List<String> payaraOptions) {
    Path target = Path.of(required("hub.build.dir"));
    Path repo = Path.of(required("hub.repo.dir"));
    try {
      Path log = target.resolve("it-hub-" + dataDir.getFileName() + ".log");
      int port = ports.http();
      // The tests play the other agencies from their own JVM, where they can take one down; the
      // hub is pointed at them and runs none of its own.
      int simulatorsPort = ports.simulators();
      int smtpPort = ports.smtp();
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              "-Dhub.data.dir=" + dataDir,
              "-Dhub.deployment.file=" + repo.resolve("config/deployment-demo.json"),
              "-Dhub.public-url=http://localhost:" + port,
              "-Dhub.dev-idp.port=" + signIn().port(),
              "-Dhub.delivery.first-retry-delay=PT0.1S",
              "-Dhub.outbox.poll-interval=PT0.1S",
              "-Dhub.simulators.port=" + simulatorsPort,
              "-Dhub.mail.smtp-host=localhost",
              "-Dhub.mail.smtp-port=" + smtpPort,
              "-Dhub.mail.from=bindeledd@fjordvik.example",
              "-Dhub.delivery.retry.first-delay=PT1S",
              "-Dhub.delivery.retry.max-delay=PT2S",
              "-Dhub.delivery.expiry-check-interval=PT1S",
              "-Dhub.delivery.lifetime.request=" + REQUEST_LIFETIME,
              // The development witness takes any free port; the hub names it at
              // /api/audit/witnesses.
              "-Dhub.witness.development.port=0",
              // Beside the development CA, the hub trusts the CAs a test puts in this folder, and
              // asks a certificate's OCSP responder again once its answer is a second old.
              "-Dhub.certificates.trust-list=" + trustListDir(dataDir),
              "-Dhub.certificates.revocation-max-age=PT1S"));
      command.addAll(properties);
      Process process =
          PayaraHub.start("embedded.properties", port, command, Map.of(), log, payaraOptions);
      RunningHub hub =
          new RunningHub(
              process,
              URI.create("http://localhost:" + port),
              dataDir,
              log,
              simulatorsPort,
              smtpPort);
      PayaraHub.awaitReady(
          process,
          hub.base.resolve("/api/agencies/development-ca/certificate"),
          log,
          START_TIMEOUT);
      return hub;
    } catch (IOException e) {
      throw new IllegalStateException("could not start the hub", e);
    }
  }

  /** The folder of extra trusted CA certificates (PEM files) of the hub on {@code dataDir}. */
  public static Path trustListDir(Path dataDir) throws IOException {
    return Files.createDirectories(dataDir.resolve("trust-list"));
  }

  private static String required(String property) {
    return PayaraHub.required(property);
  }

  private static int freePort() {
    return PayaraHub.freePort();
  }

  public void stop() {
    PayaraHub.stop(process);
  }

  public URI base() {
    return base;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** What the hub wrote to its standard output and error: its log. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the hub's log " + log, e);
    }
  }

  /** The port the hub expects the simulated agencies on. */
  public int simulatorsPort() {
    return simulatorsPort;
  }

  /** The port the hub sends notification e-mails to. */
  public int smtpPort() {
    return smtpPort;
  }

  /** The hub's process id, for tests that watch its memory. */
  public long pid() {
    return process.pid();
  }

  /** The generated password of a demo user, as the hub printed it at start. */
  public String passwordOf(String username) {
    Properties passwords = new Properties();
    try (Reader reader =
        Files.newBufferedReader(
            dataDir.resolve("dev-idp/demo-passwords.properties"), StandardCharsets.UTF_8)) {
      passwords.load(reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the demo passwords", e);
    }
    return passwords.getProperty(username);
  }

  public HubClient as(String username) {
    return HubClient.signedIn(this, username);
  }

  public HubClient anonymous() {
    return HubClient.anonymous(this);
  }
}
