package no.bindeledd.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The promise of ADR 0029: what the hub encrypts for an agency, OpenSSL decrypts with the agency's
 * key, and what OpenSSL encrypts for the hub's certificate, the hub decrypts, and then verifies the
 * signature inside. And everything else is refused with a named reason.
 */
class EnvelopesOpenSslInteropTest {

  private static final byte[] CONTENT =
      "<MsgHead>Forespørsel om helseopplysninger, synthetic</MsgHead>".getBytes(UTF_8);

  @TempDir static Path keysDir;

  private static OpenSsl openssl;
  private static DevelopmentCa ca;
  private static SigningKey gpSigning;
  private static EncryptionKey gpEncryption;
  private static EncryptionKey otherEncryption;
  private static final Signatures signatures = new Signatures();
  private static final Envelopes envelopes = new Envelopes();

  @TempDir Path work;

  @BeforeAll
  static void issueKeys() {
    openssl = OpenSsl.onPath();
    ca = DevelopmentCa.loadOrCreate(keysDir);
    gpSigning = ca.issueSigningKey("910000001", "Fjordvik legekontor");
    gpEncryption = ca.issueEncryptionKey("910000001", "Fjordvik legekontor");
    otherEncryption = ca.issueEncryptionKey("910000002", "Elvdal legekontor");
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
    "RSA_OAEP_SHA256, AES_256_GCM, id-smime-ct-authEnvelopedData",
    "RSA_OAEP_SHA256, AES_256_CBC, pkcs7-envelopedData",
    "RSA_PKCS1_V1_5, AES_256_CBC, pkcs7-envelopedData"
  })
  void openSslDecryptsWhatTheHubEncryptedAndVerifiesTheSignatureInside(
      KeyTransport transport, ContentCipher cipher, String contentType) throws Exception {
    byte[] signed = signatures.sign(CONTENT, gpSigning);
    Files.write(
        work.resolve("msg.p7m"),
        envelopes.encrypt(signed, gpEncryption.certificate(), transport, cipher));
    writeKeys(gpEncryption);
    Files.writeString(work.resolve("ca.pem"), Pem.encode(ca.certificate()));

    String structure = openssl.succeed(work, "asn1parse", "-inform", "DER", "-in", "msg.p7m", "-i");
    openssl.succeed(
        work,
        "cms",
        "-decrypt",
        "-inform",
        "DER",
        "-in",
        "msg.p7m",
        "-recip",
        "recipient.pem",
        "-inkey",
        "recipient.key",
        "-binary",
        "-out",
        "signed.p7m");
    String verified =
        openssl.succeed(
            work,
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-in",
            "signed.p7m",
            "-CAfile",
            "ca.pem",
            "-binary",
            "-out",
            "content.bin");

    assertThat(structure).contains(contentType);
    assertThat(structure)
        .contains(cipher == ContentCipher.AES_256_GCM ? "aes-256-gcm" : "aes-256-cbc");
    assertThat(structure)
        .contains(transport == KeyTransport.RSA_OAEP_SHA256 ? "rsaesOaep" : "rsaEncryption");
    assertThat(verified).contains("Verification successful");
    assertThat(Files.readAllBytes(work.resolve("content.bin"))).isEqualTo(CONTENT);
  }

  @ParameterizedTest(name = "openssl {0} {1}")
  @CsvSource({
    "-aes-256-gcm, oaep, RSA_OAEP_SHA256, AES_256_GCM",
    "-aes-256-cbc, oaep, RSA_OAEP_SHA256, AES_256_CBC",
    "-aes-256-cbc, pkcs1, RSA_PKCS1_V1_5, AES_256_CBC"
  })
  void theHubDecryptsWhatOpenSslEncryptedAndVerifiesTheSignatureInside(
      String cipherOption, String padding, KeyTransport transport, ContentCipher cipher)
      throws Exception {
    byte[] encrypted =
        encryptWithOpenSsl(
            signatures.sign(CONTENT, gpSigning), gpEncryption, cipherOption, padding);

    Envelopes.Decrypted decrypted =
        envelopes.decrypt(
            encrypted, List.of(otherEncryption, gpEncryption), Envelopes.MAX_ENCRYPTED_BYTES);
    VerifiedContent verified =
        signatures.verify(decrypted.content(), List.of(gpSigning.certificate()), Instant.now());

    assertThat(decrypted.recipient()).isEqualTo(gpEncryption);
    assertThat(decrypted.transport()).isEqualTo(transport);
    assertThat(decrypted.cipher()).isEqualTo(cipher);
    assertThat(envelopes.isEncrypted(encrypted)).isTrue();
    assertThat(verified.content()).isEqualTo(CONTENT);
  }

  @Test
  void theDevelopmentCaIssuesEncryptionCertificatesForKeyEnciphermentOnly() {
    assertThat(EnterpriseCertificates.mayEncryptFor(gpEncryption.certificate())).isTrue();
    assertThat(EnterpriseCertificates.mayHaveSigned(gpEncryption.certificate())).isFalse();
    assertThat(EnterpriseCertificates.mayEncryptFor(gpSigning.certificate())).isFalse();
    assertThat(EnterpriseCertificates.orgNumberOf(gpEncryption.certificate()))
        .contains("910000001");
  }

  @Test
  void garbageIsRefusedAsMalformed() {
    assertRefused("not CMS at all".getBytes(UTF_8), DecryptionRejected.Reason.MALFORMED);
    assertRefused(new byte[0], DecryptionRejected.Reason.MALFORMED);
  }

  @Test
  void aTruncatedMessageIsRefusedAsMalformed() {
    byte[] truncated = Arrays.copyOf(hubEncrypted(ContentCipher.AES_256_GCM), 400);

    assertThat(envelopes.isEncrypted(truncated)).as("still recognisable as an envelope").isTrue();
    assertRefused(truncated, DecryptionRejected.Reason.MALFORMED);
  }

  @Test
  void aSignedMessageThatIsNotEncryptedIsRefusedAsNotEncrypted() {
    byte[] signed = signatures.sign(CONTENT, gpSigning);

    assertThat(envelopes.isEncrypted(signed)).isFalse();
    assertRefused(signed, DecryptionRejected.Reason.NOT_ENCRYPTED);
  }

  @Test
  void aMessageForAnotherRecipientIsRefusedAsUnknownRecipient() {
    byte[] encrypted =
        envelopes.encrypt(
            CONTENT,
            otherEncryption.certificate(),
            KeyTransport.RSA_OAEP_SHA256,
            ContentCipher.AES_256_GCM);

    assertThatThrownBy(
            () ->
                envelopes.decrypt(encrypted, List.of(gpEncryption), Envelopes.MAX_ENCRYPTED_BYTES))
        .isInstanceOfSatisfying(
            DecryptionRejected.class,
            e -> {
              assertThat(e.reason()).isEqualTo(DecryptionRejected.Reason.UNKNOWN_RECIPIENT);
              assertThat(e.code()).isEqualTo("unknown-recipient");
            });
  }

  @Test
  void aChangedGcmCiphertextFailsItsTagAndIsRefused() {
    byte[] encrypted = hubEncrypted(ContentCipher.AES_256_GCM);
    // The 16-byte tag closes the structure; the ciphertext lies just before it.
    encrypted[encrypted.length - 16 - 2 - 10] ^= 0x01;

    assertRefused(encrypted, DecryptionRejected.Reason.NOT_DECRYPTED);
  }

  @Test
  void aChangedGcmTagIsRefused() {
    byte[] encrypted = hubEncrypted(ContentCipher.AES_256_GCM);
    encrypted[encrypted.length - 1] ^= 0x01;

    assertRefused(encrypted, DecryptionRejected.Reason.NOT_DECRYPTED);
  }

  @Test
  void aCbcCiphertextWithBrokenPaddingIsRefused() {
    byte[] encrypted = hubEncrypted(ContentCipher.AES_256_CBC);
    // The last byte of the second-last block flips the padding's last byte in the last block.
    encrypted[encrypted.length - 17] ^= 0x01;

    assertRefused(encrypted, DecryptionRejected.Reason.NOT_DECRYPTED);
  }

  @Test
  void aChangedCbcCiphertextThatStillDecryptsFailsTheSignatureInside() {
    byte[] encrypted =
        envelopes.encrypt(
            signatures.sign(CONTENT, gpSigning),
            gpEncryption.certificate(),
            KeyTransport.RSA_OAEP_SHA256,
            ContentCipher.AES_256_CBC);
    // CBC has no tag: a change one block before the end garbles that block and goes unnoticed,
    // which is why the hub encrypts signed messages only and checks the signature after.
    encrypted[encrypted.length - 40] ^= 0x01;

    byte[] content =
        envelopes
            .decrypt(encrypted, List.of(gpEncryption), Envelopes.MAX_ENCRYPTED_BYTES)
            .content();

    assertThatThrownBy(
            () -> signatures.verify(content, List.of(gpSigning.certificate()), Instant.now()))
        .isInstanceOf(SignatureRejected.class);
  }

  @Test
  void aMessageLargerThanTheLimitIsRefusedBeforeDecryption() {
    byte[] encrypted = hubEncrypted(ContentCipher.AES_256_GCM);

    assertThatThrownBy(
            () -> envelopes.decrypt(encrypted, List.of(gpEncryption), encrypted.length - 1))
        .isInstanceOfSatisfying(
            DecryptionRejected.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionRejected.Reason.TOO_LARGE));
  }

  @Test
  void aContentCipherTheHubDoesNotAcceptIsRefused() throws Exception {
    byte[] encrypted = encryptWithOpenSsl(CONTENT, gpEncryption, "-aes-128-cbc", "oaep");

    assertRefused(encrypted, DecryptionRejected.Reason.ALGORITHM_NOT_ACCEPTED);
  }

  @Test
  void rsaOaepWithSha1IsRefused() throws Exception {
    byte[] encrypted = encryptWithOpenSsl(CONTENT, gpEncryption, "-aes-256-gcm", "oaep-sha1");

    assertRefused(encrypted, DecryptionRejected.Reason.ALGORITHM_NOT_ACCEPTED);
  }

  private static byte[] hubEncrypted(ContentCipher cipher) {
    return envelopes.encrypt(
        signatures.sign(CONTENT, gpSigning),
        gpEncryption.certificate(),
        KeyTransport.RSA_OAEP_SHA256,
        cipher);
  }

  private static void assertRefused(byte[] message, DecryptionRejected.Reason reason) {
    assertThatThrownBy(
            () -> envelopes.decrypt(message, List.of(gpEncryption), Envelopes.MAX_ENCRYPTED_BYTES))
        .isInstanceOfSatisfying(
            DecryptionRejected.class,
            e -> {
              assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
              assertThat(e.getMessage()).doesNotContain("Exception", "org.bouncycastle");
            });
  }

  private void writeKeys(EncryptionKey key) throws Exception {
    Files.writeString(work.resolve("recipient.pem"), Pem.encode(key.certificate()));
    Files.writeString(work.resolve("recipient.key"), Pem.encode(key.privateKey()));
  }

  private byte[] encryptWithOpenSsl(
      byte[] content, EncryptionKey recipient, String cipherOption, String padding)
      throws Exception {
    writeKeys(recipient);
    Files.write(work.resolve("content.bin"), content);
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "cms",
                "-encrypt",
                "-binary",
                "-in",
                "content.bin",
                "-outform",
                "DER",
                "-out",
                "msg.p7m",
                "-recip",
                "recipient.pem"));
    switch (padding) {
      case "oaep" ->
          arguments.addAll(
              List.of("-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"));
      case "oaep-sha1" -> arguments.addAll(List.of("-keyopt", "rsa_padding_mode:oaep"));
      default -> {}
    }
    arguments.add(cipherOption);
    openssl.succeed(work, arguments.toArray(String[]::new));
    return Files.readAllBytes(work.resolve("msg.p7m"));
  }
}
