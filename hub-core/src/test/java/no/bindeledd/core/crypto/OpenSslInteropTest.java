package no.bindeledd.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of ADR 0004: what the hub signs, OpenSSL verifies, and what OpenSSL signs with an
 * agency key, the hub verifies.
 */
class OpenSslInteropTest {

  private static final byte[] CONTENT = content();

  @TempDir static Path keysDir;

  private static OpenSsl openssl;
  private static SigningKey oslo;
  private static DevelopmentCa ca;
  private static final Signatures signatures = new Signatures();

  @TempDir Path work;

  @BeforeAll
  static void issueKeys() {
    openssl = OpenSsl.onPath();
    ca = DevelopmentCa.loadOrCreate(keysDir);
    oslo = ca.issueSigningKey("910000001", "Oslo kommune");
  }

  @Test
  void hubSignatureVerifiesWithOpenSsl() throws Exception {
    Files.write(work.resolve("msg.p7m"), signatures.sign(CONTENT, oslo));
    Files.writeString(work.resolve("ca.pem"), Pem.encode(ca.certificate()));

    String output =
        openssl.succeed(
            work, "cms", "-verify", "-inform", "DER", "-in", "msg.p7m", "-CAfile", "ca.pem",
            "-binary", "-out", "out.bin");

    assertThat(output).contains("Verification successful");
    assertThat(Files.readAllBytes(work.resolve("out.bin"))).isEqualTo(CONTENT);
  }

  @Test
  void openSslRejectsATamperedHubSignature() throws Exception {
    byte[] message = signatures.sign(CONTENT, oslo);
    message[TestBytes.indexOf(message, CONTENT) + 3] ^= 0x01;
    Files.write(work.resolve("msg.p7m"), message);
    Files.writeString(work.resolve("ca.pem"), Pem.encode(ca.certificate()));

    OpenSsl.Result result =
        openssl.run(
            work, "cms", "-verify", "-inform", "DER", "-in", "msg.p7m", "-CAfile", "ca.pem",
            "-binary", "-out", "out.bin");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("Verification failure");
  }

  @Test
  void openSslSignatureVerifiesInTheHub() throws Exception {
    byte[] message = signWithOpenSsl();

    VerifiedContent verified =
        signatures.verify(message, List.of(oslo.certificate()), Instant.now());

    assertThat(verified.content()).isEqualTo(CONTENT);
    assertThat(verified.signer()).isSameAs(oslo.certificate());
    assertThat(verified.signingTime()).isBetween(Instant.now().minusSeconds(60), Instant.now());
  }

  @Test
  void openSslSignatureWithoutCertificateIsMatchedToTheRegisteredOne() throws Exception {
    byte[] message = signWithOpenSsl("-nocerts");

    VerifiedContent verified =
        signatures.verify(message, List.of(oslo.certificate()), Instant.now());

    assertThat(verified.content()).isEqualTo(CONTENT);
  }

  @Test
  void openSslSignatureNamingTheSignerByKeyIdentifierVerifiesInTheHub() throws Exception {
    byte[] message = signWithOpenSsl("-keyid");

    assertThat(signatures.verify(message, List.of(oslo.certificate()), Instant.now()).content())
        .isEqualTo(CONTENT);
  }

  @Test
  void openSslAcceptsTheAgencyCertificateForSigning() throws Exception {
    Files.writeString(work.resolve("ca.pem"), Pem.encode(ca.certificate()));
    Files.writeString(work.resolve("agency.pem"), Pem.encode(oslo.certificate()));

    String output =
        openssl.succeed(work, "verify", "-purpose", "smimesign", "-CAfile", "ca.pem", "agency.pem");

    assertThat(output).contains("agency.pem: OK");
  }

  @Test
  void openSslReadsTheOrganisationNumberFromTheSubject() throws Exception {
    Files.writeString(work.resolve("agency.pem"), Pem.encode(oslo.certificate()));

    String subject =
        openssl.succeed(
            work, "x509", "-in", "agency.pem", "-noout", "-subject", "-nameopt", "RFC2253");

    assertThat(subject)
        .contains(
            "CN=Oslo kommune",
            "O=Oslo kommune",
            "organizationIdentifier=NTRNO-910000001",
            "serialNumber=910000001",
            "C=NO");
  }

  private byte[] signWithOpenSsl(String... options) throws Exception {
    Files.writeString(work.resolve("agency.pem"), Pem.encode(oslo.certificate()));
    Files.writeString(work.resolve("agency.key"), Pem.encode(oslo.privateKey()));
    Files.write(work.resolve("content.bin"), CONTENT);
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "cms",
                "-sign",
                "-binary",
                "-nodetach",
                "-md",
                "sha256",
                "-signer",
                "agency.pem",
                "-inkey",
                "agency.key",
                "-in",
                "content.bin",
                "-outform",
                "DER",
                "-out",
                "signed.p7m"));
    arguments.addAll(List.of(options));
    openssl.succeed(work, arguments.toArray(String[]::new));
    return Files.readAllBytes(work.resolve("signed.p7m"));
  }

  /** Text with Norwegian letters, line endings of both kinds and every byte value. */
  private static byte[] content() {
    var bytes = new ByteArrayOutputStream();
    bytes.writeBytes("Vedtak om bosetting\r\nKommune: Tromsø\nÆØÅ æøå\n".getBytes(UTF_8));
    for (int value = 0; value < 256; value++) {
      bytes.write(value);
    }
    return bytes.toByteArray();
  }
}
