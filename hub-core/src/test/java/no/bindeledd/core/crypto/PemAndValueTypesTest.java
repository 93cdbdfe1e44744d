package no.bindeledd.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemAndValueTypesTest {

  @TempDir static Path keysDir;

  private static SigningKey oslo;
  private static SigningKey bergen;

  @BeforeAll
  static void issueKeys() {
    DevelopmentCa ca = DevelopmentCa.loadOrCreate(keysDir);
    oslo = ca.issueSigningKey("910000001", "Oslo kommune");
    bergen = ca.issueSigningKey("910000002", "Bergen kommune");
  }

  @Test
  void certificateSurvivesPem() {
    String pem = Pem.encode(oslo.certificate());

    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(64));
    assertThat(Pem.certificate(pem)).isEqualTo(oslo.certificate());
  }

  @Test
  void certificateIsFoundAmongOtherText() {
    String text =
        "Subject: Oslo kommune\r\n" + Pem.encode(oslo.certificate()).replace("\n", "\r\n");

    assertThat(Pem.certificate(text)).isEqualTo(oslo.certificate());
  }

  @Test
  void privateKeyIsWrittenAsPkcs8() throws Exception {
    String pem = Pem.encode(oslo.privateKey());

    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    assertThat(
            KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))))
        .isEqualTo(oslo.privateKey());
  }

  @Test
  void textWithoutCertificateIsRefused() {
    assertThatThrownBy(() -> Pem.certificate("no certificate here"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BEGIN CERTIFICATE");
    assertThatThrownBy(
            () -> Pem.certificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void severalCertificatesAreRefusedRatherThanGuessedAt() {
    String two = Pem.encode(oslo.certificate()) + Pem.encode(bergen.certificate());

    assertThatThrownBy(() -> Pem.certificate(two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one");
  }

  @Test
  void signingKeyRefusesAPrivateKeyOfAnotherCertificate() {
    assertThatThrownBy(() -> new SigningKey("910000001", oslo.certificate(), bergen.privateKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong");
  }

  @Test
  void signingKeyNeverPrintsItsPrivateKey() {
    assertThat(oslo.toString())
        .contains("910000001", "Oslo kommune")
        .doesNotContain(oslo.privateKey().toString());
  }

  @Test
  void verifiedContentNeverPrintsTheContent() {
    byte[] content = "fødselsnummer 01010112345".getBytes(UTF_8);
    VerifiedContent verified = new VerifiedContent(content, oslo.certificate(), Instant.EPOCH);

    assertThat(verified.toString())
        .contains(content.length + " bytes")
        .doesNotContain("fødselsnummer", "01010112345");
  }

  @Test
  void verifiedContentComparesByValue() {
    VerifiedContent one = new VerifiedContent(new byte[] {1, 2}, oslo.certificate(), null);
    VerifiedContent same = new VerifiedContent(new byte[] {1, 2}, oslo.certificate(), null);

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(one).isNotEqualTo(new VerifiedContent(new byte[] {1, 3}, oslo.certificate(), null));
  }
}
