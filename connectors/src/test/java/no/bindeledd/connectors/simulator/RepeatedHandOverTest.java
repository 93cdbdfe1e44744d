package no.bindeledd.connectors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import no.bindeledd.connectors.gp.format.AppRec;
import no.bindeledd.connectors.gp.format.AppRecStatus;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.connectors.gp.format.GpMessageFormat;
import no.bindeledd.connectors.gp.format.Party;
import no.bindeledd.connectors.gp.format.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated receivers do what a MsgHead communication module and NAV's system must: a message
 * handed over again under the id it came with the first time is recognised, answered with the
 * receipt the first got, and not taken a second time. Over real HTTP; the keys pass content through
 * unsigned, since signatures are not what this test is about (the system tests sign).
 */
class RepeatedHandOverTest {

  private static final AgencyKeys UNSIGNED =
      new AgencyKeys() {
        @Override
        public byte[] sign(byte[] content) {
          return content;
        }

        @Override
        public byte[] seal(byte[] content, String recipientOrgNumber) {
          return content;
        }

        @Override
        public boolean isEncrypted(byte[] message) {
          return false;
        }

        @Override
        public byte[] open(byte[] signed) {
          return signed;
        }
      };

  private final HttpClient http = HttpClient.newHttpClient();
  private final GpMessageFormat format = new GpMessageFormat();
  private SimulatorServer server;
  private GpOfficeSimulator office;
  private NavSimulator nav;

  @BeforeEach
  void start() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    server = new SimulatorServer("localhost", port);
    office =
        new GpOfficeSimulator(
                "311000063",
                new GpOfficeSimulator.Transport.Http(URI.create("http://localhost:9/unused")),
                UNSIGNED,
                format,
                Clock.systemUTC(),
                Duration.ofHours(1))
            .attach(server);
    nav = new NavSimulator("311000047", UNSIGNED).attach(server);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
    office.close();
  }

  private HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static DialogRequest request(String id) {
    return DialogRequest.opening(
        id,
        Instant.parse("2026-11-20T10:15:30Z"),
        Party.of("Fjordvik Refugee Service", "311000004", "8100001"),
        Party.of("Fjordvik GP Office", "311000063", "8100007"),
        new Patient("12848500095", "Amal", "Testesen"),
        "Was Amal referred to hospital after the appointment on 20 November?",
        "Follow-up in the introduction programme");
  }

  @Test
  void theGpOfficeTakesARequestOnceAndAnswersARepeatWithTheSameReceipt() throws Exception {
    byte[] first = format.write(request("3f2b1c1e-6a4d-4f7e-9a39-2c1d8e0f4b11"));
    byte[] other = format.write(request("9a1f0e2d-0b5c-4c61-8f3e-0d7a5b2c9e44"));

    HttpResponse<byte[]> once = post(office.path(), first);
    HttpResponse<byte[]> again = post(office.path(), first);
    HttpResponse<byte[]> another = post(office.path(), other);

    assertThat(once.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).as("the same receipt, byte for byte").isEqualTo(once.body());
    AppRec receipt = (AppRec) format.read(once.body());
    assertThat(receipt.status()).isEqualTo(AppRecStatus.OK);
    assertThat(((AppRec) format.read(another.body())).msgId())
        .as("another request gets a receipt of its own")
        .isNotEqualTo(receipt.msgId());
    assertThat(office.requests())
        .extracting(DialogRequest::msgId)
        .containsExactly(
            "3f2b1c1e-6a4d-4f7e-9a39-2c1d8e0f4b11", "9a1f0e2d-0b5c-4c61-8f3e-0d7a5b2c9e44");
    assertThat(office.repeats()).containsExactly("3f2b1c1e-6a4d-4f7e-9a39-2c1d8e0f4b11");
  }

  @Test
  void navTakesAPlanOnceAndAcknowledgesARepeatWithTheSameReference() throws Exception {
    String document =
        Json.createObjectBuilder()
            .add("messageId", "c0ffee00-1111-4222-8333-444455556666")
            .add("participant", "12848500095")
            .add("startDate", "2026-12-01")
            .add("phases", Json.createArrayBuilder())
            .add("consent", "consent-1")
            .build()
            .toString();
    byte[] body =
        Json.createObjectBuilder()
            .add("document", Json.createReader(new java.io.StringReader(document)).readObject())
            .add(
                "signature",
                Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8)))
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> once = post(nav.path(), body);
    HttpResponse<byte[]> again = post(nav.path(), body);

    assertThat(once.statusCode())
        .as(new String(once.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    assertThat(new String(again.body(), StandardCharsets.UTF_8))
        .as("the same acknowledgement, with the same reference")
        .isEqualTo(new String(once.body(), StandardCharsets.UTF_8))
        .contains("NAV-SIM-000001");
    assertThat(nav.plans()).hasSize(1);
    assertThat(nav.repeats()).containsExactly("c0ffee00-1111-4222-8333-444455556666");
  }
}
