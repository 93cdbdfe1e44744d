package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.crypto.SigningKey;
import no.bindeledd.core.exchange.MessageEnvelope;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running hub and OpenSSL check each other: OpenSSL verifies what the hub signs, and the hub
 * accepts what OpenSSL signs with an agency's registered key, and nothing else.
 */
class SignaturesIT {

  static RunningHub hub;
  static HubClient caseworker;
  static HubClient gp;
  static JsonObject request;
  static JsonObject participant;
  @TempDir static Path work;

  @BeforeAll
  static void aDeliveredRequest() {
    hub = RunningHub.get();
    caseworker = hub.as(CASEWORKER);
    gp = hub.as(GP);
    participant =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId())).json();
    String id = participant.getString("id");
    caseworker.post("/api/consents", Demo.gpConsentJson(id));
    String requestId =
        caseworker.post("/api/requests", Demo.referralQuestionJson(id)).json().getString("id");
    request =
        Await.until(
            "the request is delivered",
            // The sender sees the status all along; the GP office only once it is delivered.
            () -> caseworker.get("/api/messages/" + requestId + "/status").json(),
            m -> "delivered".equals(m.getString("status")));
  }

  @Test
  void openSslVerifiesWhatTheHubSigned() throws Exception {
    Reply signature = gp.get("/api/messages/" + request.getString("id") + "/signature");
    assertThat(signature.contentType()).startsWith("application/pkcs7-mime");
    Path signed = Files.write(work.resolve("request.p7m"), signature.bytes());
    Path ca =
        Files.writeString(
            work.resolve("ca.pem"),
            hub.anonymous().get("/api/agencies/development-ca/certificate").body());
    Path content = work.resolve("request.json");

    Result verify =
        openssl(
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-in",
            signed.toString(),
            "-CAfile",
            ca.toString(),
            "-binary",
            "-out",
            content.toString());

    assertThat(verify.exitCode()).as(verify.output()).isZero();
    String json = Files.readString(content, StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"messageId\":\"" + request.getString("id") + "\"")
        .contains("referred to hospital");
  }

  @Test
  void theHubAcceptsAnAnswerOpenSslSignedWithTheGpOfficesKeyOnceOnly() throws Exception {
    byte[] signed = openSslSignedAnswer(Demo.GP_OFFICE, "Signed in the GP office's own system.");

    Reply accepted = gp.post("/api/messages", "application/pkcs7-mime", signed);

    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    assertThat(accepted.json().getString("body"))
        .isEqualTo("Signed in the GP office's own system.");
    Reply replayed = gp.post("/api/messages", "application/pkcs7-mime", signed);
    assertThat(replayed.status()).as("a replayed message is refused").isEqualTo(409);
  }

  @Test
  void theHubRejectsATamperedSignedAnswer() throws Exception {
    byte[] signed = openSslSignedAnswer(Demo.GP_OFFICE, "Original text of the answer.");
    String asText = new String(signed, StandardCharsets.ISO_8859_1);
    int at = asText.indexOf("Original");
    signed[at] = (byte) 'X';

    Reply rejected = gp.post("/api/messages", "application/pkcs7-mime", signed);

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.json().getString("refusal")).isEqualTo("bad-signature");
  }

  @Test
  void theHubRejectsAnAnswerSignedWithAnotherAgencysKey() throws Exception {
    byte[] signedBySchool = openSslSignedAnswer(Demo.SCHOOL, "Pretending to be the GP office.");

    Reply rejected = gp.post("/api/messages", "application/pkcs7-mime", signedBySchool);

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.json().getString("refusal")).isEqualTo("unknown-signer");
  }

  @Test
  void theHubRejectsASignedAnswerWhoseDigestSetOpenSslWouldRefuse() throws Exception {
    byte[] signed = openSslSignedAnswer(Demo.GP_OFFICE, "The digest set names SHA-384 only.");
    // The first SHA-256 identifier is in the digestAlgorithms set, outside what the signature
    // covers; naming SHA-384 there instead makes `openssl cms -verify` refuse the message.
    int sha256 = indexOf(signed, SHA256_OID);
    signed[sha256 + SHA256_OID.length - 1] = 0x02;

    assertRejectedAsMalformedAndNothingStored(signed, "digestAlgorithms do not name");
  }

  @Test
  void theHubRejectsASignedAnswerWithSignedDataVersionZero() throws Exception {
    byte[] signed = openSslSignedAnswer(Demo.GP_OFFICE, "The SignedData claims version 0.");
    // SignedData begins with its version, INTEGER 1, followed by the digestAlgorithms SET.
    int version = indexOf(signed, new byte[] {0x02, 0x01, 0x01, 0x31});
    signed[version + 2] = 0x00;

    assertRejectedAsMalformedAndNothingStored(signed, "the SignedData has version 0");
  }

  private static final byte[] SHA256_OID = {
    0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01
  };

  private static void assertRejectedAsMalformedAndNothingStored(byte[] signed, String why) {
    // Counted as the office sees the conversation: its own answers are there as soon as the hub
    // takes them in, while the caseworker sees an earlier test's answer only once it is delivered.
    String conversation = "/api/conversations/" + request.getString("id");
    int messagesBefore = gp.get(conversation).jsonArray().size();

    Reply rejected = gp.post("/api/messages", "application/pkcs7-mime", signed);

    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(400);
    assertThat(rejected.json().getString("refusal")).isEqualTo("malformed");
    assertThat(rejected.json().getString("detail")).contains(why);
    assertThat(gp.get(conversation).jsonArray()).hasSize(messagesBefore);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("the signed message does not hold the expected bytes");
  }

  /**
   * An answer envelope from the GP office to the request, signed by OpenSSL with {@code signer}'s
   * key.
   */
  private static byte[] openSslSignedAnswer(String signer, String text) throws Exception {
    MessageEnvelope envelope =
        new MessageEnvelope(
            UUID.randomUUID().toString(),
            request.getString("conversationId"),
            request.getString("id"),
            MessageKind.ANSWER,
            Demo.GP_OFFICE,
            Demo.REFUGEE_SERVICE,
            participant.getString("id"),
            participant.getString("nationalId"),
            request.getString("category"),
            request.getString("purpose"),
            null,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            text);
    SigningKey key =
        AgencyKeyStore.loadOrCreate(hub.dataDir().resolve("keys")).find(signer).orElseThrow();
    String name = UUID.randomUUID().toString();
    Path content = Files.write(work.resolve(name + ".json"), envelope.toCanonicalBytes());
    Path certificate =
        Files.writeString(work.resolve(name + ".crt"), Pem.encode(key.certificate()));
    Path privateKey = Files.writeString(work.resolve(name + ".key"), Pem.encode(key.privateKey()));
    Path out = work.resolve(name + ".p7m");
    Result sign =
        openssl(
            "cms",
            "-sign",
            "-binary",
            "-nodetach",
            "-md",
            "sha256",
            "-in",
            content.toString(),
            "-signer",
            certificate.toString(),
            "-inkey",
            privateKey.toString(),
            "-outform",
            "DER",
            "-out",
            out.toString());
    assertThat(sign.exitCode()).as(sign.output()).isZero();
    return Files.readAllBytes(out);
  }

  private record Result(int exitCode, String output) {}

  private static Result openssl(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "these tests need the openssl command on the PATH (Debian: apt-get install openssl)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("openssl did not finish");
    }
    return new Result(process.exitValue(), output);
  }
}
