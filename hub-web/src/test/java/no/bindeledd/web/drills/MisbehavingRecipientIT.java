package no.bindeledd.web.drills;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.bindeledd.web.drills.MisbehavingRecipient.Behaviour;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.PayaraHub;
import no.bindeledd.web.it.RunningHub;
import no.bindeledd.web.it.Simulators;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One GP office's endpoint misbehaves (never answers, resets the connection, answers garbage) while
 * requests pile up for it: the requests to the other GP office, which reads its messages in the
 * hub's inbox, are delivered as fast as before; the hub gives up on each hand-over to the bad
 * endpoint within its HTTP timeout, closing the connection, and tells the sender why; and the hub
 * answers its own callers at once meanwhile.
 */
class MisbehavingRecipientIT {

  /** The hub's bound on one HTTP hand-over, short here so that the test need not wait long. */
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(3);

  /** How long a delivery to the inbox may take while another recipient misbehaves. */
  private static final Duration NORMAL_DELIVERY = Duration.ofSeconds(5);

  static MisbehavingRecipient badOffice;
  static RunningHub hub;
  static Simulators simulators;
  static HubClient caseworker;
  static String participant;

  @BeforeAll
  static void startAHubWhoseHttpGpOfficeMisbehaves() throws Exception {
    badOffice = new MisbehavingRecipient();
    Path work =
        Files.createTempDirectory(Path.of(PayaraHub.required("hub.build.dir")), "misbehaving-");
    Path repo = Path.of(PayaraHub.required("hub.repo.dir"));
    String demo =
        Files.readString(repo.resolve("config/deployment-demo.json"), StandardCharsets.UTF_8);
    String httpOffice = "${hub.simulators.url}/gp-offices/" + Demo.HTTP_GP_OFFICE + "/messages";
    assertThat(demo).contains(httpOffice);
    Path deployment =
        Files.writeString(
            work.resolve("deployment.json"),
            demo.replace(
                httpOffice,
                "http://localhost:"
                    + badOffice.port()
                    + "/gp-offices/"
                    + Demo.HTTP_GP_OFFICE
                    + "/messages"),
            StandardCharsets.UTF_8);
    // The age rules and the retention table are read from beside the deployment file.
    Files.copy(
        repo.resolve("config/consent-age-rules.json"), work.resolve("consent-age-rules.json"));
    Files.copy(repo.resolve("config/retention.json"), work.resolve("retention.json"));
    RunningHub.Ports ports = RunningHub.Ports.free();
    hub =
        RunningHub.start(
            work.resolve("hub-data"),
            ports,
            List.of(
                "-Dhub.deployment.file=" + deployment,
                "-Dhub.delivery.http-timeout=" + HTTP_TIMEOUT,
                // One try each, and a failed one back only after the test: each case's requests
                // then wait behind a few hand-overs at most, not behind every earlier case's
                // retries, so that its first request's error shows within the wait below.
                "-Dhub.delivery.max-retries=0",
                "-Dhub.delivery.retry.first-delay=PT10M",
                // The test hub caps the retry delay at two seconds otherwise: failed requests
                // would then come back at once, on every worker, ahead of each case's own.
                "-Dhub.delivery.retry.max-delay=PT10M",
                "-Dhub.delivery.lifetime.request=PT30M",
                // The requests to the bad office wait for the whole drill, which measures the other
                // office's deliveries meanwhile, not back-pressure: the office is never refused.
                "-Dhub.delivery.lag.warn-after=PT50M",
                "-Dhub.delivery.lag.refuse-after=PT1H"),
            List.of());
    simulators = Simulators.start(hub.base(), hub.dataDir(), ports.simulators(), ports.smtp());
    caseworker = hub.as(Demo.CASEWORKER);
    Reply created =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    participant = created.json().getString("id");
    for (String office : List.of(Demo.GP_OFFICE, Demo.HTTP_GP_OFFICE)) {
      Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(participant, office));
      assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (simulators != null) {
      simulators.stop();
    }
    if (hub != null) {
      hub.stop();
    }
    if (badOffice != null) {
      badOffice.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Behaviour.class)
  void otherRecipientsGetTheirMessagesInTheirNormalTimeWhileOneMisbehaves(Behaviour behaviour) {
    badOffice.behaves(behaviour);
    int connectionsBefore = badOffice.accepted();
    List<String> toTheBadOffice = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      toTheBadOffice.add(ask(Demo.HTTP_GP_OFFICE));
    }
    Awaitility.await("the hub tries the misbehaving office")
        .atMost(Duration.ofSeconds(90))
        .until(() -> badOffice.accepted() > connectionsBefore);

    List<Duration> times = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Instant asked = Instant.now();
      String id = ask(Demo.GP_OFFICE);
      awaitStatus(id, "delivered", NORMAL_DELIVERY.plusSeconds(10));
      times.add(Duration.between(asked, Instant.now()));
    }
    System.out.println(
        "[misbehaving recipient] "
            + behaviour.name().toLowerCase(Locale.ROOT)
            + ": deliveries to the inbox took "
            + times.stream().map(d -> d.toMillis() + " ms").toList());
    assertThat(times)
        .as("deliveries to the inbox while the HTTP office is " + behaviour)
        .allMatch(time -> time.compareTo(NORMAL_DELIVERY) < 0);

    String first = toTheBadOffice.get(0);
    JsonObject tried =
        Awaitility.await("the sender sees why " + first + " has not arrived")
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> caseworker.get("/api/messages/" + first + "/status").json(),
                m ->
                    m.containsKey("delivery")
                        && m.getJsonObject("delivery").containsKey("lastError"));
    assertThat(tried.getString("status")).isEqualTo("created");
    System.out.println(
        "[misbehaving recipient] "
            + behaviour.name().toLowerCase(Locale.ROOT)
            + ": the sender sees: "
            + tried.getJsonObject("delivery").getString("lastError"));
    // The queue to the bad office hands its requests over one after the other, each taking up to
    // the timeout: the last is done within that many timeouts.
    Awaitility.await("the hub ends every connection it opened to the misbehaving office")
        .atMost(HTTP_TIMEOUT.multipliedBy(toTheBadOffice.size() + 2L))
        .until(() -> badOffice.open() == 0);
    assertThat(badOffice.longestHeld())
        .as("the longest the hub held a connection to the misbehaving office")
        .isLessThan(HTTP_TIMEOUT.plusSeconds(2));
  }

  @Test
  void hubAnswersItsOwnCallersWhileARecipientMisbehaves() {
    badOffice.behaves(Behaviour.SILENT);
    for (int i = 0; i < 10; i++) {
      ask(Demo.HTTP_GP_OFFICE);
    }
    Instant asked = Instant.now();
    Reply me = caseworker.get("/api/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(2));
    assertThat(hub.anonymous().get("/health/live").status()).isEqualTo(200);
  }

  private static String ask(String office) {
    Reply request =
        caseworker.post("/api/requests", Demo.referralQuestionJson(participant, office));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    return request.json().getString("id");
  }

  private static void awaitStatus(String id, String status, Duration atMost) {
    Awaitility.await("message " + id + " is " + status)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> caseworker.get("/api/messages/" + id + "/status").json().getString("status"),
            status::equals);
  }
}
