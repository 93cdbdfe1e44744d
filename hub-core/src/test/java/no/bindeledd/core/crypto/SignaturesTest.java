package no.bindeledd.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.bindeledd.core.crypto.SignatureRejected.Reason;
import no.bindeledd.core.crypto.bc.CmsTestMessages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignaturesTest {

  private static final byte[] CONTENT =
      "{\"type\":\"bosetting\",\"tekst\":\"Søknad om bosetting for familien\"}".getBytes(UTF_8);

  @TempDir static Path keysDir;
  @TempDir static Path otherKeysDir;

  private static final Signatures signatures = new Signatures();
  private static SigningKey oslo;
  private static SigningKey bergen;
  private static SigningKey osloFromAnotherCa;

  @BeforeAll
  static void issueKeys() {
    DevelopmentCa ca = DevelopmentCa.loadOrCreate(keysDir);
    oslo = ca.issueSigningKey("910000001", "Oslo kommune");
    bergen = ca.issueSigningKey("910000002", "Bergen kommune");
    osloFromAnotherCa =
        DevelopmentCa.loadOrCreate(otherKeysDir).issueSigningKey("910000001", "Oslo kommune");
  }

  @Test
  void signedContentVerifiesAndComesBackUnchanged() {
    byte[] message = signatures.sign(CONTENT, oslo);

    VerifiedContent verified =
        signatures.verify(message, List.of(oslo.certificate()), Instant.now());

    assertThat(verified.content()).isEqualTo(CONTENT);
    assertThat(verified.signer()).isSameAs(oslo.certificate());
  }

  @Test
  void verificationReportsWhenTheSignerSigned() {
    Instant before = Instant.now().minusSeconds(1);
    byte[] message = signatures.sign(CONTENT, oslo);

    VerifiedContent verified =
        signatures.verify(message, List.of(oslo.certificate()), Instant.now());

    assertThat(verified.signingTime()).isBetween(before, Instant.now().plusSeconds(1));
  }

  @Test
  void berEncodingWithIndefiniteLengthsIsAccepted() {
    byte[] message = CmsTestMessages.berEncoded(CONTENT, oslo);
    assertThat(CmsTestMessages.format(message).der()).isFalse();

    assertThat(signatures.verify(message, List.of(oslo.certificate()), Instant.now()).content())
        .isEqualTo(CONTENT);
  }

  @Test
  void emptyContentCanBeSigned() {
    byte[] message = signatures.sign(new byte[0], oslo);

    assertThat(signatures.verify(message, List.of(oslo.certificate()), Instant.now()).content())
        .isEmpty();
  }

  @Test
  void signatureFollowsTheAgreedFormat() {
    CmsTestMessages.Format format = CmsTestMessages.format(signatures.sign(CONTENT, oslo));

    assertThat(format.der()).as("DER encoded").isTrue();
    assertThat(format.contentType()).as("id-data").isEqualTo("1.2.840.113549.1.7.1");
    assertThat(format.digestAlgorithms()).as("SHA-256").containsExactly("2.16.840.1.101.3.4.2.1");
    assertThat(format.signatureAlgorithm())
        .as("sha256WithRSAEncryption")
        .isEqualTo("1.2.840.113549.1.1.11");
    assertThat(format.signerNamedByIssuerAndSerial()).isTrue();
    assertThat(format.signedAttributes())
        .as("content-type, message-digest, signing-time")
        .contains("1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4", "1.2.840.113549.1.9.5");
    assertThat(format.certificates()).isEqualTo(1);
  }

  @Test
  void tamperedContentIsRejected() {
    byte[] message = signatures.sign(CONTENT, oslo);
    int contentStart = TestBytes.indexOf(message, CONTENT);
    assertThat(contentStart).as("content is encapsulated").isPositive();
    message[contentStart + 5] ^= 0x01;

    assertRejected(message, List.of(oslo.certificate()), Reason.BAD_SIGNATURE);
  }

  @Test
  void flippedSignatureByteIsRejected() {
    byte[] message = signatures.sign(CONTENT, oslo);
    int signatureStart = TestBytes.indexOf(message, CmsTestMessages.format(message).signature());
    message[signatureStart + 100] ^= 0x01;

    assertRejected(message, List.of(oslo.certificate()), Reason.BAD_SIGNATURE);
  }

  @Test
  void anotherAgencysCertificateIsAnUnknownSigner() {
    byte[] message = signatures.sign(CONTENT, bergen);

    assertRejected(message, List.of(oslo.certificate()), Reason.UNKNOWN_SIGNER);
  }

  @Test
  void sameSubjectFromAnotherCaIsAnUnknownSigner() {
    assertThat(osloFromAnotherCa.certificate().getSubjectX500Principal())
        .isEqualTo(oslo.certificate().getSubjectX500Principal());
    assertThat(osloFromAnotherCa.certificate().getIssuerX500Principal())
        .isEqualTo(oslo.certificate().getIssuerX500Principal());
    byte[] message = signatures.sign(CONTENT, osloFromAnotherCa);

    assertRejected(message, List.of(oslo.certificate()), Reason.UNKNOWN_SIGNER);
  }

  @Test
  void noRegisteredCertificateMeansAnUnknownSigner() {
    assertRejected(signatures.sign(CONTENT, oslo), List.of(), Reason.UNKNOWN_SIGNER);
  }

  @Test
  void anyOfTheRegisteredCertificatesIsAccepted() {
    byte[] message = signatures.sign(CONTENT, oslo);

    VerifiedContent verified =
        signatures.verify(
            message, List.of(bergen.certificate(), oslo.certificate()), Instant.now());

    assertThat(verified.signer()).isSameAs(oslo.certificate());
  }

  @Test
  void signerWithoutEmbeddedCertificateIsFoundAmongTheRegistered() {
    byte[] message = CmsTestMessages.withoutCertificates(CONTENT, oslo);

    VerifiedContent verified =
        signatures.verify(
            message, List.of(bergen.certificate(), oslo.certificate()), Instant.now());

    assertThat(verified.signer()).isSameAs(oslo.certificate());
    assertThat(verified.content()).isEqualTo(CONTENT);
  }

  @Test
  void signerNamedByKeyIdentifierIsFoundAmongTheRegistered() {
    byte[] message = CmsTestMessages.signerNamedByKeyIdentifier(CONTENT, oslo);

    assertThat(signatures.verify(message, List.of(oslo.certificate()), Instant.now()).signer())
        .isSameAs(oslo.certificate());
  }

  @Test
  void signerWithoutEmbeddedCertificateMustStillBeRegistered() {
    byte[] message = CmsTestMessages.withoutCertificates(CONTENT, osloFromAnotherCa);

    assertRejected(message, List.of(oslo.certificate()), Reason.UNKNOWN_SIGNER);
  }

  @Test
  void certificateIsNotAcceptedAfterItExpires() {
    byte[] message = signatures.sign(CONTENT, oslo);
    Instant afterExpiry = oslo.certificate().getNotAfter().toInstant().plusSeconds(1);

    assertRejected(message, List.of(oslo.certificate()), afterExpiry, Reason.CERTIFICATE_EXPIRED);
  }

  @Test
  void aMessageSignedJustBeforeExpiryAndReceivedAfterIsRefusedAsExpired() {
    Instant notAfter = oslo.certificate().getNotAfter().toInstant();
    byte[] message = CmsTestMessages.signedAt(CONTENT, oslo, notAfter.minusSeconds(60));

    assertRejected(
        message, List.of(oslo.certificate()), notAfter.plusSeconds(60), Reason.CERTIFICATE_EXPIRED);
  }

  @Test
  void aSigningTimeBackdatedBeyondTheBoundIsNotTakenAsTheMomentOfSigning() {
    Instant received = Instant.now();
    byte[] backdated =
        CmsTestMessages.signedAt(CONTENT, oslo, received.minus(Duration.ofHours(25)));

    assertRejected(
        backdated, List.of(oslo.certificate()), received, Reason.SIGNING_TIME_NOT_ACCEPTED);
  }

  @Test
  void aSigningTimeBeforeTheCertificateWasValidIsRefusedEvenWithinTheBound() {
    Instant notBefore = oslo.certificate().getNotBefore().toInstant();
    byte[] backdated = CmsTestMessages.signedAt(CONTENT, oslo, notBefore.minusSeconds(600));

    assertRejected(
        backdated,
        List.of(oslo.certificate()),
        notBefore.plusSeconds(60),
        Reason.CERTIFICATE_NOT_VALID);
  }

  @Test
  void aSigningTimeAfterReceiptIsRefused() {
    Instant received = Instant.now();
    byte[] future = CmsTestMessages.signedAt(CONTENT, oslo, received.plus(Duration.ofMinutes(10)));

    assertRejected(future, List.of(oslo.certificate()), received, Reason.SIGNING_TIME_NOT_ACCEPTED);
  }

  @Test
  void aRefusalForTheCertificateCarriesWhatTheMessageSaidForAddressingIt() {
    Instant afterExpiry = oslo.certificate().getNotAfter().toInstant().plusSeconds(1);
    byte[] message = CmsTestMessages.signedAt(CONTENT, oslo, afterExpiry.minusSeconds(30));

    assertThatThrownBy(() -> signatures.verify(message, List.of(oslo.certificate()), afterExpiry))
        .isInstanceOfSatisfying(
            SignatureRejected.class,
            rejected -> assertThat(rejected.signedContent()).contains(CONTENT));
  }

  @Test
  void certificateIsNotValidBeforeItsValidityBegins() {
    byte[] message = signatures.sign(CONTENT, oslo);
    Instant beforeValidity = oslo.certificate().getNotBefore().toInstant().minusSeconds(1);

    assertRejected(
        message, List.of(oslo.certificate()), beforeValidity, Reason.CERTIFICATE_NOT_VALID);
  }

  @Test
  void garbageIsMalformed() {
    byte[] garbage = new byte[512];
    new Random(4).nextBytes(garbage);

    assertRejected(garbage, List.of(oslo.certificate()), Reason.MALFORMED);
  }

  @Test
  void emptyInputIsMalformed() {
    assertRejected(new byte[0], List.of(oslo.certificate()), Reason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 10, 100, 1000, -1})
  void truncatedDerIsMalformed(int length) {
    byte[] message = signatures.sign(CONTENT, oslo);
    int keep = length > 0 ? length : message.length + length;

    assertRejected(Arrays.copyOf(message, keep), List.of(oslo.certificate()), Reason.MALFORMED);
  }

  @Test
  void bytesAfterTheSignedDataAreMalformed() {
    byte[] message = signatures.sign(CONTENT, oslo);
    byte[] extended = Arrays.copyOf(message, message.length + 3);

    assertRejected(extended, List.of(oslo.certificate()), Reason.MALFORMED);
  }

  @Test
  void certificateIsNotASignedMessage() throws Exception {
    assertRejected(oslo.certificate().getEncoded(), List.of(oslo.certificate()), Reason.MALFORMED);
  }

  @Test
  void detachedSignatureHasNoContent() {
    byte[] message = CmsTestMessages.detached(CONTENT, oslo);

    assertRejected(message, List.of(oslo.certificate()), Reason.NO_CONTENT);
  }

  @Test
  void twoSignersAreRejected() {
    byte[] message = CmsTestMessages.signedByAll(CONTENT, oslo, bergen);

    assertRejected(
        message, List.of(oslo.certificate(), bergen.certificate()), Reason.NOT_ONE_SIGNER);
  }

  @Test
  void noSignerIsRejected() {
    byte[] message = CmsTestMessages.signedByAll(CONTENT);

    assertRejected(message, List.of(oslo.certificate()), Reason.NOT_ONE_SIGNER);
  }

  @Test
  void sha1SignatureIsRejected() {
    byte[] message = CmsTestMessages.withSignatureAlgorithm(CONTENT, oslo, "SHA1withRSA");

    assertRejected(message, List.of(oslo.certificate()), Reason.BAD_SIGNATURE);
  }

  @Test
  void rejectionExplainsItselfWithoutLibraryInternals() {
    byte[] truncated = Arrays.copyOf(signatures.sign(CONTENT, oslo), 300);

    SignatureRejected rejected =
        (SignatureRejected)
            catchThrowable(
                () -> signatures.verify(truncated, List.of(oslo.certificate()), Instant.now()));

    assertThat(rejected.getMessage())
        .startsWith("Signature rejected (MALFORMED): ")
        .doesNotContain("\n", "org.bouncycastle", "Exception");
    assertThat(rejected.getCause()).isNull();
  }

  /**
   * Flips every byte of a signed message in turn: whatever each corruption does, the hub either
   * rejects it with a reason or still returns the original content and signer, never anything else.
   */
  @Test
  void noCorruptionLeaksAnExceptionOrChangesWhatIsAccepted() {
    byte[] message = signatures.sign(CONTENT, oslo);
    List<X509Certificate> registered = List.of(oslo.certificate());
    for (int i = 0; i < message.length; i++) {
      byte[] corrupted = message.clone();
      corrupted[i] ^= (byte) 0xA5;
      try {
        VerifiedContent verified = signatures.verify(corrupted, registered, Instant.now());
        assertThat(verified.content()).as("content after corrupting byte %d", i).isEqualTo(CONTENT);
        assertThat(verified.signer()).isSameAs(oslo.certificate());
      } catch (SignatureRejected expected) {
        assertThat(expected.getMessage())
            .as("message after corrupting byte %d", i)
            .doesNotContain("\n", "org.bouncycastle");
      }
    }
  }

  @Test
  void oneInstanceServesManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<byte[]>> tasks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        byte[] content = ("melding " + i).getBytes(UTF_8);
        SigningKey key = i % 2 == 0 ? oslo : bergen;
        tasks.add(
            () ->
                signatures
                    .verify(
                        signatures.sign(content, key), List.of(key.certificate()), Instant.now())
                    .content());
      }
      List<Future<byte[]>> results = pool.invokeAll(tasks);
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(("melding " + i).getBytes(UTF_8));
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void verifiedContentCannotBeChangedAfterwards() {
    VerifiedContent verified =
        signatures.verify(
            signatures.sign(CONTENT, oslo), List.of(oslo.certificate()), Instant.now());

    verified.content()[0] ^= 0x01;

    assertThat(verified.content()).isEqualTo(CONTENT);
  }

  @Test
  void signatureStaysValidForTheWholeLifetimeOfTheCertificate() {
    Instant nearExpiry = oslo.certificate().getNotAfter().toInstant().minus(Duration.ofMinutes(1));
    byte[] message = CmsTestMessages.signedAt(CONTENT, oslo, nearExpiry.minusSeconds(30));

    assertThat(signatures.verify(message, List.of(oslo.certificate()), nearExpiry).content())
        .isEqualTo(CONTENT);
  }

  private static void assertRejected(
      byte[] message, List<X509Certificate> registered, Reason reason) {
    assertRejected(message, registered, Instant.now(), reason);
  }

  private static void assertRejected(
      byte[] message, List<X509Certificate> registered, Instant at, Reason reason) {
    assertThatThrownBy(() -> signatures.verify(message, registered, at))
        .isInstanceOfSatisfying(
            SignatureRejected.class, rejected -> assertThat(rejected.reason()).isEqualTo(reason));
  }
}
