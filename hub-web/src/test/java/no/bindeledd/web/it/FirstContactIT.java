package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import no.bindeledd.web.it.ListeningSockets.Listener;
import no.bindeledd.web.it.ReadmeWalkthrough.Result;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A newcomer's first contact, as the README has it: the run command starts the hub and the
 * development sign-in beneath it, which listen on loopback only and on the documented ports; the
 * walkthrough runs from another folder, twice, and leaves the checkout as it was; ending the
 * process stops everything, and the next start finds the data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstContactIT {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private static Path repo;
  private static Path build;
  private static LaunchedHub hub;

  @BeforeAll
  static void runTheRunCommand() throws IOException {
    repo = Path.of(System.getProperty("hub.repo.dir"));
    build = Path.of(System.getProperty("hub.build.dir"));
    Path data = Files.createTempDirectory(build, "launched-hub-data-");
    hub = new LaunchedHub(repo, data, build.resolve("launched-hub.log"));
    hub.start();
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.stopForcibly();
    }
  }

  @Test
  @Order(1)
  void theRunCommandRunsTheHubAndTheDevelopmentSignInBeneathItWithoutBuilding() throws IOException {
    assumeThat(ListeningSockets.available(hub.pid())).as("Linux /proc").isTrue();

    List<ProcessHandle> beneath = hub.process().descendants().toList();
    assertThat(beneath)
        .as("beneath the run command: the hub and the development sign-in, nothing else")
        .hasSize(2);
    List<List<String>> commands = new ArrayList<>();
    for (ProcessHandle process : beneath) {
      commands.add(LaunchedHub.commandLine(process.pid()));
    }
    assertThat(commands)
        .allSatisfy(
            command ->
                assertThat(Path.of(command.get(0)).getFileName().toString())
                    .as("%s", command)
                    .isEqualTo("java"))
        .anySatisfy(command -> assertThat(command).anyMatch(a -> a.endsWith("payara-micro.jar")))
        .anySatisfy(command -> assertThat(command).anyMatch(a -> a.endsWith("dev-idp.jar")));
    assertThat(hub.logText())
        .as("nothing changed since the build, so it did not build")
        .doesNotContain("Building the hub");
  }

  @Test
  @Order(2)
  void itListensOnLoopbackOnlyAndOnlyOnTheDocumentedPorts() throws IOException {
    assumeThat(ListeningSockets.available(hub.pid())).as("Linux /proc").isTrue();

    Set<Listener> listeners = new HashSet<>();
    for (ProcessHandle process : hub.process().descendants().toList()) {
      listeners.addAll(ListeningSockets.of(process.pid()));
    }

    assertThat(listeners)
        .as("the hub's and the development sign-in's listening sockets")
        .extracting(Listener::port)
        .contains(hub.httpPort, hub.simulatorsPort, hub.smtpPort, hub.signInPort);
    assertThat(listeners)
        .as("every socket they listen on is on the loopback interface")
        .allMatch(Listener::isLoopback);
    assertThat(listeners)
        .as("and on a port the README documents (%s)", hub.documentedPorts())
        .extracting(Listener::port)
        .allMatch(hub.documentedPorts()::containsValue);
  }

  @Test
  @Order(3)
  void theReadmeWalkthroughRunsTwiceFromAnotherFolderAndLeavesTheCheckoutAsItWas()
      throws IOException, InterruptedException {
    ReadmeWalkthrough walkthrough = ReadmeWalkthrough.from(repo.resolve("README.md"));
    assertThat(walkthrough.commands())
        .as("the walkthrough shows outputs to check")
        .filteredOn(c -> !c.expected().isEmpty())
        .hasSizeGreaterThan(20);
    List<String> statusBefore = gitStatus();
    Path elsewhere = Files.createTempDirectory(build, "walkthrough-started-here-");
    Map<String, String> environment = new HashMap<>();
    environment.put("BINDELEDD_HOME", repo.toString());
    environment.put("BINDELEDD_DATA", hub.dataDir.toString());
    environment.put("TMPDIR", build.toString());

    for (int run = 1; run <= 2; run++) {
      List<Result> results = walkthrough.run(hub.base().toString(), elsewhere, environment);

      SoftAssertions softly = new SoftAssertions();
      for (Result result : results) {
        softly
            .assertThat(result.matches())
            .as(
                "run %d, command %d: %s%nprinted: %s%nthe README shows: %s",
                run,
                result.command().number(),
                result.command().firstLine(),
                result.output().strip(),
                String.join("\n", result.command().expected()))
            .isTrue();
        softly
            .assertThat(result.output())
            .as("run %d, command %d: %s", run, result.command().number(), result.command().text())
            .doesNotContain("jq: error")
            .doesNotContain("command not found")
            .doesNotContain("No such file or directory")
            .doesNotContain("curl: (");
      }
      softly.assertAll();

      Path scratch = scratchFolder(results);
      assertThat(scratch).as("the scratch folder the walkthrough named").isDirectory();
      for (String file :
          List.of("receipt.html", "answer.p7m", "ca.pem", "reply.p7m", "access-log.html")) {
        assertThat(scratch.resolve(file)).as("run %d wrote %s there", run, file).isNotEmptyFile();
      }
      assertThat(elsewhere).as("the folder it was started in").isEmptyDirectory();
      deleteTree(scratch);
    }
    assertThat(gitStatus()).as("git status of the checkout").isEqualTo(statusBefore);
  }

  @Test
  @Order(4)
  void endingTheProcessStopsEverythingAndTheNextStartFindsTheData() throws Exception {
    String kari = hub.token("kari.caseworker");
    HttpResponse<String> registered =
        hub.send(
            kari,
            "POST",
            "/api/participants",
            "{\"nationalId\":\""
                + Demo.adultNationalId()
                + "\",\"givenName\":\"Stopp\",\"familyName\":\"Testesen\","
                + "\"preferredLanguage\":\"nb\"}");
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    String id = json(registered.body()).getString("id");

    List<ProcessHandle> beneath = hub.process().descendants().toList();
    hub.signal("TERM");
    assertThat(hub.awaitExit(STOP_TIMEOUT))
        .as("the run command stops within %s of kill <pid>", STOP_TIMEOUT)
        .isTrue();
    assertNothingRunsOrListens(beneath);

    hub.start();
    HttpResponse<String> read = hub.send(kari, "GET", "/api/participants/" + id, null);
    assertThat(read.statusCode())
        .as("the next start finds the data: %s", read.body())
        .isEqualTo(200);
    assertThat(json(read.body()).getString("givenName")).isEqualTo("Stopp");
    String auditor = hub.token("aud.auditor");
    assertThat(hub.send(auditor, "GET", "/api/audit/integrity", null).body())
        .as("and its audit log intact")
        .contains("\"intact\":true");

    // Ctrl-C in a terminal sends SIGINT to the run command, which stops both. A process started
    // with SIGINT ignored (as a background job of a script is) keeps ignoring it, and then the run
    // command does not catch it either: that can't be tested here, so it is ended as any other
    // process is.
    boolean catchesInterrupt = catchesSignal(hub.pid(), 2);
    beneath = hub.process().descendants().toList();
    hub.signal(catchesInterrupt ? "INT" : "TERM");
    assertThat(hub.awaitExit(STOP_TIMEOUT))
        .as(
            "the run command stops within %s of %s",
            STOP_TIMEOUT, catchesInterrupt ? "Ctrl-C" : "kill")
        .isTrue();
    assertNothingRunsOrListens(beneath);
  }

  private static void assertNothingRunsOrListens(List<ProcessHandle> beneath) {
    assertThat(beneath)
        .as("the hub and the development sign-in ended with the run command")
        .noneMatch(ProcessHandle::isAlive);
    for (Map.Entry<String, Integer> port : hub.documentedPorts().entrySet()) {
      assertThat(listens(port.getValue()))
          .as("after the stop, nothing listens on the %s port %d", port.getKey(), port.getValue())
          .isFalse();
    }
  }

  private static boolean listens(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (ConnectException refused) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the process has a handler for the signal, by its caught-signals mask in /proc. */
  private static boolean catchesSignal(long pid, int signal) throws IOException {
    Path status = Path.of("/proc", String.valueOf(pid), "status");
    if (!Files.isRegularFile(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigCgt:")) {
        long mask = Long.parseUnsignedLong(line.substring("SigCgt:".length()).strip(), 16);
        return (mask & (1L << (signal - 1))) != 0;
      }
    }
    return false;
  }

  private static Path scratchFolder(List<Result> results) {
    String announced = "The walkthrough's files go to ";
    return results.stream()
        .map(Result::output)
        .flatMap(String::lines)
        .filter(line -> line.startsWith(announced))
        .map(line -> Path.of(line.substring(announced.length()).strip()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the walkthrough did not name its scratch folder"));
  }

  /** The checkout's git status, or nothing to compare when this is not a git checkout. */
  private static List<String> gitStatus() throws IOException, InterruptedException {
    if (!Files.exists(repo.resolve(".git"))) {
      return List.of();
    }
    Process git =
        new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=all")
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new String(git.getInputStream().readAllBytes()).lines().toList();
    assertThat(git.waitFor()).as("git status: %s", lines).isZero();
    return new ArrayList<>(new HashSet<>(lines)).stream().sorted().toList();
  }

  private static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
