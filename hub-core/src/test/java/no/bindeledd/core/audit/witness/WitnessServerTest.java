package no.bindeledd.core.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness over real HTTP on the loopback interface, through the client the hub uses. */
class WitnessServerTest {

  @TempDir Path folder;

  private final TestLog log = new TestLog("bindeledd.example/fjordvik-audit").growTo(20, "true");
  private WitnessState state;
  private Witness witness;
  private WitnessServer server;
  private WitnessClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    state = WitnessState.open(folder);
    witness =
        new Witness(
            Cosigner.loadOrCreate(folder, "witness.example/w1"),
            List.of(log.witnessed()),
            state,
            Clock.systemUTC());
    server = WitnessServer.onLoopback(witness, 0);
    client = new WitnessClient(server.url(), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    state.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.url().resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void itListensOnLoopbackOnly() {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.url().toString()).startsWith("http://127.0.0.1:");
  }

  @Test
  void aCheckpointIsCosignedAndTheAnswerVerifiesWithTheWitnessKey() throws Exception {
    WitnessClient.Reply reply = client.addCheckpoint(log.request(0, 5));

    assertThat(reply).isInstanceOf(WitnessClient.Cosigned.class);
    String note = log.checkpoint(5);
    String text = note.substring(0, note.lastIndexOf("\n\n") + 1);
    assertThat(
            Cosignatures.verify(
                    text, ((WitnessClient.Cosigned) reply).lines(), List.of(witness.verifierKey()))
                .verified())
        .hasSize(1);
  }

  @Test
  void aWrongOldSizeGetsAConflictWithTheSizeAsTheSpecificationTypesIt() throws Exception {
    client.addCheckpoint(log.request(0, 5));

    HttpResponse<String> raw =
        post("/add-checkpoint", new String(log.request(0, 8).encode(), StandardCharsets.UTF_8));

    assertThat(raw.statusCode()).isEqualTo(409);
    assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/x.tlog.size");
    assertThat(raw.body()).isEqualTo("5\n");
    assertThat(client.addCheckpoint(log.request(0, 8))).isEqualTo(new WitnessClient.Conflict(5));
  }

  @Test
  void refusalsCarryTheirStatusAndAProblemDetail() throws Exception {
    client.addCheckpoint(log.request(0, 10));
    TestLog rewritten = new TestLog(log.origin);
    rewritten.growTo(12, "rewritten");
    AddCheckpoint inconsistent =
        AddCheckpoint.of(
            10,
            rewritten.tree.consistencyProof(10, 12),
            no.bindeledd.core.audit.checkpoint.Checkpoint.at(
                    log.origin, 12, rewritten.tree.root(12), java.time.Instant.now())
                .sign(log.origin, log.keys.getPrivate()));

    HttpResponse<String> refused =
        post("/add-checkpoint", new String(inconsistent.encode(), StandardCharsets.UTF_8));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(refused.body())
        .contains("\"status\":422")
        .contains("\"type\":\"https://bindeledd.no/problems/witness-inconsistent\"")
        .contains("does not extend the one of 10 entries");
    assertThat(client.addCheckpoint(inconsistent))
        .isInstanceOfSatisfying(
            WitnessClient.Refused.class,
            r -> {
              assertThat(r.status()).isEqualTo(422);
              assertThat(r.detail())
                  .as("the client reads the problem's detail out of it")
                  .startsWith("the checkpoint of 12 entries does not extend the one of 10 entries");
            });
    assertThat(post("/add-checkpoint", "old 1\n").statusCode()).isEqualTo(400);
    assertThat(client.addCheckpoint(new TestLog("other.example/log").growTo(2, "x").request(0, 2)))
        .isInstanceOfSatisfying(
            WitnessClient.Refused.class, r -> assertThat(r.status()).isEqualTo(404));
    assertThat(client.addCheckpoint(new TestLog(log.origin).growTo(2, "x").request(0, 2)))
        .isInstanceOfSatisfying(
            WitnessClient.Refused.class, r -> assertThat(r.status()).isEqualTo(403));
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(server.url().resolve("/add-checkpoint")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(post("/elsewhere", "x").statusCode()).isEqualTo(404);
  }

  @Test
  void theLatestCosignedCheckpointIsServedForMonitors() throws Exception {
    URI monitoring =
        server.url().resolve("/" + WitnessState.originHash(log.origin) + "/checkpoint");
    assertThat(
            http.send(
                    HttpRequest.newBuilder(monitoring).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
    client.addCheckpoint(log.request(0, 9));

    HttpResponse<String> latest =
        http.send(HttpRequest.newBuilder(monitoring).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(SignedNote.verify(latest.body(), log.key)).startsWith(log.origin + "\n9\n");
    assertThat(SignedNote.verify(latest.body(), witness.verifierKey()))
        .startsWith(log.origin + "\n9\n");
  }

  @Test
  void aBodyDeclaredTooLargeIsAnsweredAtOnceWithoutBeingRead() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /add-checkpoint HTTP/1.1\r\nHost: witness\r\nContent-Length: 52428800\r\n\r\nold 0\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);

      assertThat(status).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
    byte[] large = new byte[WitnessServer.DEFAULT_MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(large, (byte) 'A');
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.url().resolve("/add-checkpoint"))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(large)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"status\":413");
  }
}
