package no.bindeledd.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 3161 with the tool auditors have: tokens of the embedded authority verify with {@code openssl
 * ts -verify}, and responses of OpenSSL's own authority ({@code openssl ts -reply}) are accepted by
 * the hub, or refused with the reason OpenSSL gives.
 */
class TimestampOpenSslInteropTest {

  /** A signed checkpoint as the hub will timestamp it: the digest is of the whole note. */
  private static final byte[] NOTE =
      ("bindeledd.example/fjordvik-audit\n1234\n3q0evu8euq3wDQEjRWeJq83vASNFZ4mrze8BI0Vnias=\n"
              + "time 2026-11-25T03:40:00Z\n\n\u2014 bindeledd.example/fjordvik-audit"
              + " AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n")
          .getBytes(UTF_8);

  private static final String OPENSSL_POLICY = "1.2.3.4.1";

  @TempDir static Path keysDir;

  private static OpenSsl openssl;
  private static DevelopmentCa ca;
  private static DevelopmentTsa tsa;
  private static byte[] digest;
  private static final Timestamps timestamps = new Timestamps();

  @TempDir Path work;

  @BeforeAll
  static void createAuthorities() throws Exception {
    openssl = OpenSsl.onPath();
    ca = DevelopmentCa.loadOrCreate(keysDir);
    tsa = DevelopmentTsa.using(ca.issueTimestampingKey());
    digest = MessageDigest.getInstance("SHA-256").digest(NOTE);
  }

  @BeforeEach
  void writeCertificates() throws Exception {
    Files.writeString(work.resolve("ca.pem"), Pem.encode(ca.certificate()));
    Files.writeString(work.resolve("tsa.pem"), Pem.encode(tsa.certificate()));
    Files.write(work.resolve("note.txt"), NOTE);
  }

  @Test
  void hubRequestIsReadByOpenSsl() throws Exception {
    TimestampRequest request = timestamps.request(digest);
    Files.write(work.resolve("query.tsq"), request.encoded());

    String text = openssl.succeed(work, "ts", "-query", "-in", "query.tsq", "-text");

    assertThat(text).contains("Hash Algorithm: sha256").contains("Certificate required: yes");
    assertThat(nonceIn(text)).isEqualTo(request.nonce());
  }

  @Test
  void hubTokenVerifiesWithOpenSsl() throws Exception {
    Timestamp stamped = timestamps.stamp(digest, tsa, List.of(tsa.certificate()));
    Files.write(work.resolve("token.der"), stamped.token());

    String byDigest =
        openssl.succeed(
            work,
            "ts",
            "-verify",
            "-digest",
            HexFormat.of().formatHex(digest),
            "-in",
            "token.der",
            "-token_in",
            "-CAfile",
            "ca.pem",
            "-untrusted",
            "tsa.pem");
    String byData =
        openssl.succeed(
            work,
            "ts",
            "-verify",
            "-data",
            "note.txt",
            "-in",
            "token.der",
            "-token_in",
            "-CAfile",
            "ca.pem",
            "-untrusted",
            "tsa.pem");

    assertThat(byDigest).contains("Verification: OK");
    assertThat(byData).contains("Verification: OK");
  }

  @Test
  void hubResponseAnswersTheQueryForOpenSsl() throws Exception {
    TimestampRequest request = timestamps.request(digest);
    Files.write(work.resolve("query.tsq"), request.encoded());
    Files.write(work.resolve("reply.tsr"), tsa.respond(request.encoded()));

    String output =
        openssl.succeed(
            work,
            "ts",
            "-verify",
            "-queryfile",
            "query.tsq",
            "-in",
            "reply.tsr",
            "-CAfile",
            "ca.pem",
            "-untrusted",
            "tsa.pem");
    String text = openssl.succeed(work, "ts", "-reply", "-in", "reply.tsr", "-text");

    assertThat(output).contains("Verification: OK");
    assertThat(text).contains("Status: Granted.").contains("Policy OID: " + DevelopmentTsa.POLICY);
    assertThat(nonceIn(text)).isEqualTo(request.nonce());
  }

  @Test
  void openSslRefusesAHubTokenForAnotherDigest() throws Exception {
    Timestamp stamped = timestamps.stamp(digest, tsa, List.of(tsa.certificate()));
    Files.write(work.resolve("token.der"), stamped.token());
    byte[] other = digest.clone();
    other[0] ^= 0x01;

    OpenSsl.Result result =
        openssl.run(
            work,
            "ts",
            "-verify",
            "-digest",
            HexFormat.of().formatHex(other),
            "-in",
            "token.der",
            "-token_in",
            "-CAfile",
            "ca.pem",
            "-untrusted",
            "tsa.pem");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("Verification: FAILED");
  }

  @Test
  void openSslResponseIsAcceptedByTheHub() throws Exception {
    TimestampingKey openSslKey = ca.issueTimestampingKey();
    writeOpenSslAuthority(openSslKey, "sha256, sha384, sha512");
    TimestampRequest request = timestamps.request(digest);
    Files.write(work.resolve("query.tsq"), request.encoded());
    Instant before = Instant.now().minusSeconds(2);

    openssl.succeed(
        work, "ts", "-reply", "-config", "tsa.cnf", "-queryfile", "query.tsq", "-out", "reply.tsr");
    Timestamp accepted =
        timestamps.accept(
            request,
            Files.readAllBytes(work.resolve("reply.tsr")),
            List.of(openSslKey.certificate()));

    assertThat(accepted.tsaCertificate()).isEqualTo(openSslKey.certificate());
    assertThat(accepted.policy()).isEqualTo(OPENSSL_POLICY);
    // OpenSSL counts on from the serial file and writes back the number it used.
    assertThat(accepted.serialNumber())
        .isEqualTo(new BigInteger(Files.readString(work.resolve("tsaserial")).strip(), 16));
    assertThat(accepted.genTime()).isBetween(before, Instant.now().plusSeconds(2));
    assertThat(timestamps.verify(accepted.token(), digest, List.of(openSslKey.certificate())))
        .isEqualTo(accepted);
    assertThat(
            timestamps.verifyExactly(accepted.token(), digest, List.of(openSslKey.certificate())))
        .isEqualTo(accepted);
    assertThatThrownBy(
            () -> timestamps.verify(accepted.token(), digest, List.of(tsa.certificate())))
        .isInstanceOfSatisfying(
            TimestampRejected.class,
            e -> assertThat(e.reason()).isEqualTo(TimestampRejected.Reason.UNTRUSTED_TSA));
  }

  @Test
  void openSslRefusalIsNotGrantedWithItsReason() throws Exception {
    TimestampingKey openSslKey = ca.issueTimestampingKey();
    writeOpenSslAuthority(openSslKey, "sha512");
    TimestampRequest request = timestamps.request(digest);
    Files.write(work.resolve("query.tsq"), request.encoded());

    openssl.succeed(
        work, "ts", "-reply", "-config", "tsa.cnf", "-queryfile", "query.tsq", "-out", "reply.tsr");
    byte[] refusal = Files.readAllBytes(work.resolve("reply.tsr"));

    assertThatThrownBy(() -> timestamps.accept(request, refusal, List.of(openSslKey.certificate())))
        .isInstanceOfSatisfying(
            TimestampRejected.class,
            e -> assertThat(e.reason()).isEqualTo(TimestampRejected.Reason.NOT_GRANTED))
        .hasMessageContaining("rejection")
        .hasMessageContaining("badAlg");
  }

  /**
   * OpenSSL's authority reads its key, certificate and serial counter as its configuration says.
   */
  private void writeOpenSslAuthority(TimestampingKey key, String digests) throws Exception {
    Files.writeString(work.resolve("openssl-tsa.pem"), Pem.encode(key.certificate()));
    Files.writeString(work.resolve("openssl-tsa.key"), Pem.encode(key.privateKey()));
    Files.writeString(work.resolve("tsaserial"), "01\n");
    Files.writeString(
        work.resolve("tsa.cnf"),
        String.join(
            "\n",
            "[ tsa ]",
            "default_tsa = tsa_config",
            "",
            "[ tsa_config ]",
            "serial = ./tsaserial",
            "signer_cert = ./openssl-tsa.pem",
            "certs = ./openssl-tsa.pem",
            "signer_key = ./openssl-tsa.key",
            "signer_digest = sha256",
            "default_policy = " + OPENSSL_POLICY,
            "digests = " + digests,
            "accuracy = secs:1",
            "ordering = no",
            "tsa_name = yes",
            "ess_cert_id_chain = no",
            "ess_cert_id_alg = sha256",
            ""));
  }

  /** The nonce OpenSSL printed; it prints whole bytes, so an odd number of hex digits gets a 0. */
  private static java.math.BigInteger nonceIn(String openSslText) {
    java.util.regex.Matcher nonce =
        java.util.regex.Pattern.compile("Nonce: 0x([0-9A-F]+)").matcher(openSslText);
    assertThat(nonce.find()).as(openSslText).isTrue();
    return new java.math.BigInteger(nonce.group(1), 16);
  }
}
