package no.bindeledd.web.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.connectors.simulator.GpOfficeSimulator;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.verify.ExportVerifier;
import no.bindeledd.core.audit.verify.Report;
import no.bindeledd.core.audit.verify.TrustAnchors;
import no.bindeledd.core.audit.verify.TrustedCheckpoint;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.devidp.DevelopmentSignIn;
import no.bindeledd.web.it.Await;
import no.bindeledd.web.it.Demo;
import no.bindeledd.web.it.HubClient;
import no.bindeledd.web.it.HubClient.Reply;
import no.bindeledd.web.it.PayaraHub;
import no.bindeledd.web.it.Simulators;
import no.bindeledd.web.production.Postgres;
import no.bindeledd.web.production.ProductionHub;
import no.bindeledd.web.production.TimestampingAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes of the packaged hub on the production profile, sharing one PostgreSQL database and the
 * content of one keys folder, behind HAProxy on loopback; the GP office's system (a simulator in
 * this JVM) takes the requests over real HTTP. A browser's session and live stream work whichever
 * node each request lands on. Then one node is killed with SIGKILL while requests keep coming
 * through the balancer: every request the hub acknowledged reaches the office's system once and is
 * recorded delivered once, the audit log verifies offline, and the survivor carries on.
 */
@Tag("two-nodes")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

  /** How long a dead node's claimed outbox rows wait before the other node takes them over. */
  private static final String CLAIM_LEASE = "PT5S";

  /** Deliveries to one agency at once on each node. */
  private static final int WORKERS = 2;

  static Path work;
  static Postgres.Database database;
  static TimestampingAuthority tsa;
  static DevelopmentSignIn signIn;
  static DevelopmentIssuer issuer;
  static ProductionHub nodeA;
  static ProductionHub nodeB;
  static Balancer balancer;
  static Simulators simulators;

  @BeforeAll
  static void startTwoNodesBehindABalancer() throws IOException {
    // Before anything starts: without HAProxy the test cannot run, and says so.
    assertThat(Balancer.binary())
        .as("HAProxy is installed (apt-get install haproxy; .ci/run installs it)")
        .isPresent();
    Path target = Path.of(PayaraHub.required("hub.build.dir"));
    work = Files.createTempDirectory(target, "two-nodes-");
    database = Postgres.get().newDatabase();
    tsa = TimestampingAuthority.start(work.resolve("tsa"));
    signIn =
        DevelopmentSignIn.start(
            Path.of(PayaraHub.required("hub.repo.dir"), "config/deployment-demo.json"),
            InetAddress.getLoopbackAddress(),
            0);
    issuer = new DevelopmentIssuer(signIn);
    int balancerPort = PayaraHub.freePort();
    int simulatorsPort = PayaraHub.freePort();
    int smtpPort = PayaraHub.freePort();
    String publicUrl = "http://localhost:" + balancerPort;

    nodeA = node("node-a", publicUrl, simulatorsPort, smtpPort).start();
    // The second node gets the same keys folder content: agency keys, the log key and origin, and
    // the first node's memory of its checkpoints, as an operator copies them to a new node.
    Path keysB = Files.createDirectories(work.resolve("node-b").resolve("keys"));
    try (Stream<Path> files = Files.list(nodeA.keysDir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(
            file,
            keysB.resolve(file.getFileName()),
            StandardCopyOption.COPY_ATTRIBUTES,
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    nodeB = node("node-b", publicUrl, simulatorsPort, smtpPort).start();
    balancer =
        Balancer.start(work.resolve("balancer"), balancerPort, List.of(nodeA.port(), nodeB.port()));
    simulators = Simulators.start(balancer.base(), nodeA.dataDir(), simulatorsPort, smtpPort);
    Await.until(
        "the balancer passes requests to the nodes",
        () -> HubClient.withToken(balancer.base(), null).get("/api/audit/log-key").status(),
        status -> status == 200);
  }

  private static ProductionHub.Builder node(
      String name, String publicUrl, int simulatorsPort, int smtpPort) {
    return ProductionHub.builder(work.resolve(name), database, issuer, tsa)
        .simulatorsPort(simulatorsPort)
        .smtpPort(smtpPort)
        .environment("HUB_PUBLIC_URL", publicUrl)
        .environment("HUB_NODES_NAME", name)
        .environment("HUB_OUTBOX_CLAIM_LEASE", CLAIM_LEASE)
        .environment("HUB_NODES_LEASE", "PT3S")
        // In-place retries well inside the claim lease: 0.1 s and 0.2 s.
        .property("-Dhub.delivery.max-retries=2")
        .property("-Dhub.delivery.workers=" + WORKERS);
  }

  @AfterAll
  static void stopEverything() throws InterruptedException {
    if (simulators != null) {
      simulators.stop();
    }
    if (balancer != null) {
      balancer.close();
    }
    for (ProductionHub node : new ProductionHub[] {nodeA, nodeB}) {
      if (node != null && node.isAlive()) {
        node.stop();
      }
    }
    if (signIn != null) {
      signIn.stop();
    }
    if (tsa != null) {
      tsa.stop();
    }
  }

  private static HubClient as(URI node, String username) {
    return HubClient.withToken(node, issuer.accessToken(username));
  }

  /** A participant with a consent for the GP office that takes requests over HTTP; its id. */
  private static String consentingParticipant(HubClient caseworker) {
    Reply created =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(id, Demo.HTTP_GP_OFFICE));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return id;
  }

  @Test
  @Order(1)
  void aBrowsersSessionAndLiveStreamWorkWhicheverNodeEachRequestLandsOn() throws IOException {
    URI a = nodeA.base();
    URI b = nodeB.base();
    // Started on one node, completed on the other, as a balancer may send the provider's callback.
    Browser kari = Browser.signIn(a, b, Demo.CASEWORKER);
    assertThat(Browser.json(kari.get(a, "/api/me").body()).getString("name"))
        .isEqualTo("Kari Kasus");
    assertThat(kari.get(b, "/api/me").statusCode()).isEqualTo(200);
    String csrf = kari.csrfToken(a);
    assertThat(kari.csrfToken(b)).as("one session, one CSRF token, on both nodes").isEqualTo(csrf);

    try (LiveEvents onA = LiveEvents.withSession(a, kari)) {
      assertThat(onA.status()).isEqualTo(200);
      HttpResponse<String> participant =
          kari.post(b, "/api/participants", Demo.participantJson(Demo.adultNationalId()), csrf);
      assertThat(participant.statusCode()).as(participant.body()).isEqualTo(201);
      String subject = Browser.json(participant.body()).getString("id");
      HttpResponse<String> consent =
          kari.post(a, "/api/consents", Demo.gpConsentJson(subject, Demo.HTTP_GP_OFFICE), csrf);
      assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
      HttpResponse<String> request =
          kari.post(
              b, "/api/requests", Demo.referralQuestionJson(subject, Demo.HTTP_GP_OFFICE), csrf);
      assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
      String sent = Browser.json(request.body()).getString("id");

      onA.awaitMessage(
          "the stream on node A hears of the request node B stored, and of its delivery", sent);
      HttpResponse<String> refused = kari.post(a, "/api/participants", "{}", "another-token");
      assertThat(refused.statusCode()).as("CSRF holds on every node").isEqualTo(403);

      HttpResponse<String> out = kari.post(b, "/auth/logout", null, csrf);
      assertThat(out.statusCode()).isEqualTo(200);
      assertThat(kari.get(a, "/auth/session").statusCode())
          .as("signed out on node B, the session is over on node A too")
          .isEqualTo(401);
      assertThat(kari.get(a, "/api/me").statusCode()).isEqualTo(401);
      onA.awaitEnd("the stream node A held for the session ends with it");
    }
  }

  @Test
  @Order(2)
  void aNodeKilledUnderLoadLosesNothingDeliversNothingTwiceAndTheSurvivorCarriesOn()
      throws Exception {
    URI through = balancer.base();
    HubClient caseworker = as(through, Demo.CASEWORKER);
    HubClient auditor = as(through, Demo.AUDITOR);
    List<String> participants = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      participants.add(consentingParticipant(caseworker));
    }
    // What the auditor saved before the crash, which the export must prove it extends.
    JsonObject saved =
        Await.until(
                "a checkpoint covers the preparation",
                () -> auditor.get("/api/audit/checkpoints/latest"),
                reply -> reply.status() == 200)
            .json();
    Browser madeOnA = Browser.signIn(nodeA.base(), nodeA.base(), Demo.CASEWORKER);
    LiveEvents onSurvivor = LiveEvents.withToken(nodeB.base(), caseworker.token());
    assertThat(onSurvivor.status()).isEqualTo(200);

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(3);
    for (int t = 0; t < 3; t++) {
      int thread = t;
      load.submit(
          () -> {
            int n = thread;
            while (running.get()) {
              String subject = participants.get(n++ % participants.size());
              try {
                Reply sent =
                    caseworker.post(
                        "/api/requests", Demo.referralQuestionJson(subject, Demo.HTTP_GP_OFFICE));
                if (sent.status() == 201) {
                  acknowledged.add(sent.json().getString("id").toLowerCase(Locale.ROOT));
                }
              } catch (RuntimeException e) {
                // Not acknowledged (the node died under the request): the client knows nothing.
              }
            }
          });
    }
    Await.until("requests flow through both nodes", acknowledged::size, n -> n >= 15);
    // The office's module answers slowly for a moment, so that each node is in the middle of a
    // hand-over when node A dies: taken by the office, its receipt not yet back, the delivery not
    // yet recorded. One node hands over on its workers at most, so more held than that means both
    // are.
    GpOfficeSimulator office = simulators.httpOffice;
    office.holdsReceiptsFor(Duration.ofSeconds(2));
    Await.until(
        "both nodes are handing a request over", office::receiptsHeld, held -> held > WORKERS);
    nodeA.kill();
    office.holdsReceiptsFor(Duration.ZERO);
    assertThat(nodeA.isAlive()).as("node A is gone").isFalse();
    int atTheKill = acknowledged.size();
    Await.until(
        "requests keep flowing through the survivor",
        Duration.ofSeconds(60),
        acknowledged::size,
        n -> n >= atTheKill + 15);
    running.set(false);
    load.shutdown();
    assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    // No acknowledged message is lost: each reaches the office's system and is delivered.
    Await.until(
        "every acknowledged request reached the GP office's system",
        Duration.ofSeconds(90),
        () -> requestsAtTheOffice().keySet(),
        ids -> ids.containsAll(acknowledged));
    for (String id : acknowledged) {
      Await.until(
          "request " + id + " is delivered",
          () -> caseworker.get("/api/messages/" + id + "/status").json().getString("status"),
          status -> status.equals("delivered") || status.equals("read"));
    }
    // None is delivered twice: the office's system took each once, and the hub recorded each
    // delivery once, whatever was handed over again after the kill.
    Map<String, Long> atOffice = requestsAtTheOffice();
    assertThat(atOffice.values())
        .as(
            "each request taken once by the office's system (handed over again and recognised: "
                + simulators.httpOffice.repeats()
                + ")")
        .allMatch(count -> count == 1);
    assertThat(office.repeats())
        .as(
            "what the killed node had handed over was handed over again by the survivor, under its"
                + " own MsgId, and recognised")
        .isNotEmpty();
    Map<String, Long> deliveries = deliveriesRecorded();
    for (String id : acknowledged) {
      assertThat(deliveries.get(id)).as("delivery of " + id + " recorded once").isEqualTo(1L);
    }
    assertThat(deliveries.values()).as("no message recorded delivered twice").allMatch(c -> c == 1);

    // The survivor carries on: new traffic, checkpoints, live events, the session made on A.
    long before = latestCheckpointSize(auditor);
    String after = consentingParticipant(caseworker);
    Reply request =
        caseworker.post("/api/requests", Demo.referralQuestionJson(after, Demo.HTTP_GP_OFFICE));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    String last = request.json().getString("id");
    Await.until(
        "the survivor delivers new requests",
        () -> caseworker.get("/api/messages/" + last + "/status").json().getString("status"),
        "delivered"::equals);
    onSurvivor.awaitMessage("the survivor's live stream tells of the new request", last);
    Await.until(
        "the survivor signs checkpoints over the new entries",
        () -> latestCheckpointSize(auditor),
        size -> size > before);
    assertThat(leaseHolder()).as("the survivor holds the checkpoint lease").startsWith("node-b");
    assertThat(madeOnA.get(through, "/api/me").statusCode())
        .as("a session made on the killed node still works on the survivor")
        .isEqualTo(200);
    onSurvivor.close();

    // The audit log verifies offline, and extends what the auditor saved before the crash.
    Reply export = auditor.get("/api/audit/export");
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    Path file = Files.write(work.resolve("audit-export.zip"), export.bytes());
    TrustAnchors anchors =
        TrustAnchors.of(
                VerifierKey.parse(
                    auditor.get("/api/audit/log-key?log=" + Demo.FJORDVIK).body().strip()),
                List.of(Pem.certificate(auditor.get("/api/audit/tsa-certificates").body())))
            .withCheckpoints(
                List.of(new TrustedCheckpoint("saved.note", saved.getString("signedNote"))));
    Report report =
        new ExportVerifier(
                anchors, ExportVerifier.Options.defaults().withAllowPendingTimestamps(true))
            .verify(file);
    assertThat(report.verified()).as(report.toString()).isTrue();
  }

  /** The office system's requests, counted by MsgId. */
  private static Map<String, Long> requestsAtTheOffice() {
    Map<String, Long> counts = new HashMap<>();
    for (DialogRequest request : simulators.httpOffice.requests()) {
      counts.merge(request.msgId().toLowerCase(Locale.ROOT), 1L, Long::sum);
    }
    return counts;
  }

  /** How many times the hub's audit log recorded each message as delivered. */
  private static Map<String, Long> deliveriesRecorded() throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "select message_id, count(*) from audit_entry where action = 'message.delivered' and message_id is not null"
                    + " group by message_id");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        counts.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getLong(2));
      }
    }
    return counts;
  }

  private static String leaseHolder() throws SQLException {
    try (Connection connection = database.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "select holder from node_lease where name = 'audit-checkpoints'");
        ResultSet row = query.executeQuery()) {
      return row.next() ? row.getString(1) : "";
    }
  }

  private static long latestCheckpointSize(HubClient auditor) {
    return auditor
        .get("/api/audit/checkpoints/latest")
        .json()
        .getJsonNumber("treeSize")
        .longValue();
  }
}
