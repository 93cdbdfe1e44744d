package no.bindeledd.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import no.bindeledd.core.crypto.TimestampRejected.Reason;
import no.bindeledd.core.crypto.bc.TimestampTestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimestampsTest {

  @TempDir static Path keysDir;

  private static DevelopmentCa ca;
  private static TimestampingKey tsaKey;
  private static DevelopmentTsa tsa;
  private static List<X509Certificate> trusted;
  private static final Timestamps timestamps = new Timestamps();
  private static final byte[] DIGEST = sha256("bindeledd.example/fjordvik-audit\n1234\n...");

  @BeforeAll
  static void createAuthority() {
    ca = DevelopmentCa.loadOrCreate(keysDir);
    tsaKey = ca.issueTimestampingKey();
    tsa = DevelopmentTsa.using(tsaKey);
    trusted = List.of(tsa.certificate());
  }

  @Test
  void tokenFromTheEmbeddedAuthorityIsAcceptedAndVerifiesOffline() throws Exception {
    Instant before = Instant.now().minusSeconds(1);

    Timestamp stamped = timestamps.stamp(DIGEST, tsa, trusted);

    assertThat(stamped.genTime()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(stamped.serialNumber()).isPositive();
    assertThat(stamped.tsaCertificate()).isEqualTo(tsa.certificate());
    assertThat(stamped.policy()).isEqualTo(DevelopmentTsa.POLICY);
    Timestamp verified = timestamps.verify(stamped.token(), DIGEST, trusted);
    assertThat(verified).isEqualTo(stamped);
  }

  @Test
  void everyTokenHasItsOwnSerialNumber() throws Exception {
    Timestamp first = timestamps.stamp(DIGEST, tsa, trusted);
    Timestamp second = timestamps.stamp(DIGEST, tsa, trusted);

    assertThat(first.serialNumber()).isNotEqualTo(second.serialNumber());
  }

  @Test
  void requestsCarryTheDigestAndAFreshNonce() {
    TimestampRequest first = timestamps.request(DIGEST);
    TimestampRequest second = timestamps.request(DIGEST);

    assertThat(first.digest()).isEqualTo(DIGEST);
    assertThat(TestBytes.indexOf(first.encoded(), DIGEST)).isPositive();
    assertThat(first.nonce()).isNotEqualTo(second.nonce());
    assertThatThrownBy(() -> timestamps.request(new byte[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  /**
   * The token's signing-time attribute repeats the generation time, and Bouncy Castle already
   * refuses a token whose two times disagree, before any signature is checked.
   */
  @Test
  void tokenWithAChangedTimeContradictsItself() throws Exception {
    Timestamp stamped = timestamps.stamp(DIGEST, tsa, trusted);
    byte[] token = stamped.token();
    String year = String.valueOf(stamped.genTime().atZone(ZoneOffset.UTC).getYear());
    int at = TestBytes.indexOf(token, year.getBytes(UTF_8));
    assertThat(at).isPositive();
    token[at + 3] ^= 0x01;

    assertThatThrownBy(() -> timestamps.verify(token, DIGEST, trusted))
        .isInstanceOfSatisfying(
            TimestampRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
        .hasMessageContaining("genTime");
  }

  @Test
  void tokenWithAChangedSerialNumberIsABadSignature() throws Exception {
    Timestamp stamped = timestamps.stamp(DIGEST, tsa, trusted);
    byte[] token = stamped.token();
    int at = TestBytes.indexOf(token, stamped.serialNumber().toByteArray());
    assertThat(at).isPositive();
    token[at + 5] ^= 0x01;

    assertRejected(() -> timestamps.verify(token, DIGEST, trusted), Reason.BAD_SIGNATURE);
  }

  @Test
  void tokenWithAChangedDigestIsABadSignature() throws Exception {
    byte[] token = timestamps.stamp(DIGEST, tsa, trusted).token();
    token[TestBytes.indexOf(token, DIGEST)] ^= 0x01;
    byte[] changed = DIGEST.clone();
    changed[0] ^= 0x01;

    assertRejected(() -> timestamps.verify(token, changed, trusted), Reason.BAD_SIGNATURE);
  }

  @Test
  void tokenWithAChangedSignatureIsABadSignature() throws Exception {
    byte[] token = timestamps.stamp(DIGEST, tsa, trusted).token();
    token[token.length - 5] ^= 0x01;

    assertRejected(() -> timestamps.verify(token, DIGEST, trusted), Reason.BAD_SIGNATURE);
  }

  @Test
  void tokenForAnotherDigestIsRejected() throws Exception {
    byte[] token = timestamps.stamp(DIGEST, tsa, trusted).token();

    assertRejected(
        () -> timestamps.verify(token, sha256("another checkpoint"), trusted), Reason.WRONG_DIGEST);
  }

  @Test
  void responseToAnotherRequestForTheSameDigestHasTheWrongNonce() {
    TimestampRequest earlier = timestamps.request(DIGEST);
    byte[] replayed = tsa.respond(earlier.encoded());
    TimestampRequest now = timestamps.request(DIGEST);

    assertThat(timestamps.accept(earlier, replayed, trusted).tsaCertificate())
        .isEqualTo(tsa.certificate());
    assertRejected(() -> timestamps.accept(now, replayed, trusted), Reason.WRONG_NONCE);
  }

  @Test
  void responseForAnotherDigestIsRejected() {
    TimestampRequest other = timestamps.request(sha256("another checkpoint"));
    TimestampRequest mine = timestamps.request(DIGEST);
    byte[] response = tsa.respond(other.encoded());

    assertRejected(() -> timestamps.accept(mine, response, trusted), Reason.WRONG_DIGEST);
  }

  @Test
  void tokenFromAnotherAuthorityOfTheSameCaIsUntrusted() throws Exception {
    DevelopmentTsa other = DevelopmentTsa.using(ca.issueTimestampingKey());

    assertRejected(() -> timestamps.stamp(DIGEST, other, trusted), Reason.UNTRUSTED_TSA);
    byte[] token = timestamps.stamp(DIGEST, other, List.of(other.certificate())).token();
    assertThatThrownBy(() -> timestamps.verify(token, DIGEST, trusted))
        .isInstanceOfSatisfying(
            TimestampRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_TSA))
        .hasMessageContaining(DevelopmentCa.TSA_COMMON_NAME)
        .hasMessageContaining(other.certificate().getSerialNumber().toString(16));
  }

  @Test
  void tokenFromAnAuthorityOfAnotherCaIsUntrusted(@TempDir Path otherKeys) throws Exception {
    DevelopmentTsa other =
        DevelopmentTsa.using(DevelopmentCa.loadOrCreate(otherKeys).issueTimestampingKey());

    assertRejected(() -> timestamps.stamp(DIGEST, other, trusted), Reason.UNTRUSTED_TSA);
  }

  @Test
  void refusedRequestIsNotGranted() {
    TimestampRequest request = timestamps.request(DIGEST);
    byte[] refusal = tsa.respond("not a request".getBytes(UTF_8));

    assertThatThrownBy(() -> timestamps.accept(request, refusal, trusted))
        .isInstanceOfSatisfying(
            TimestampRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_GRANTED))
        .hasMessageContaining("rejection")
        .hasMessageContaining("badDataFormat");
  }

  @Test
  void signerWithoutTheTimestampingKeyUsageIsNotAnAuthority() throws Exception {
    SigningKey agency = ca.issueSigningKey("910000001", "Oslo kommune");
    byte[] token =
        TimestampTestTokens.handMade(
            agency.privateKey(), agency.certificate(), DIGEST, Instant.now());

    assertThatThrownBy(() -> timestamps.verify(token, DIGEST, List.of(agency.certificate())))
        .isInstanceOfSatisfying(
            TimestampRejected.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_TSA_CERTIFICATE))
        .hasMessageContaining("1.3.6.1.5.5.7.3.8");
  }

  @Test
  void handMadeTokensAreOtherwiseSound() throws Exception {
    byte[] token =
        TimestampTestTokens.handMade(
            tsaKey.privateKey(), tsaKey.certificate(), DIGEST, Instant.now());

    assertThat(timestamps.verify(token, DIGEST, trusted).policy()).isEqualTo("1.2.3.4");
  }

  @Test
  void tokenFromBeforeTheAuthorityWasCertifiedIsRejected() throws Exception {
    Instant beforeCertificate =
        tsa.certificate().getNotBefore().toInstant().minus(Duration.ofDays(1));
    DevelopmentTsa backdated =
        DevelopmentTsa.using(tsaKey, Clock.fixed(beforeCertificate, ZoneOffset.UTC));

    assertRejected(
        () -> timestamps.stamp(DIGEST, backdated, trusted), Reason.CERTIFICATE_NOT_VALID);
  }

  @Test
  void unreadableBytesAreMalformed() throws Exception {
    TimestampRequest request = timestamps.request(DIGEST);
    byte[] response = tsa.respond(request.encoded());
    byte[] token = timestamps.accept(request, response, trusted).token();
    byte[] withTrailingByte = Arrays.copyOf(token, token.length + 1);

    assertRejected(() -> timestamps.accept(request, new byte[0], trusted), Reason.MALFORMED);
    assertRejected(
        () -> timestamps.accept(request, "junk".getBytes(UTF_8), trusted), Reason.MALFORMED);
    assertRejected(
        () -> timestamps.accept(request, Arrays.copyOf(response, response.length - 20), trusted),
        Reason.MALFORMED);
    assertRejected(() -> timestamps.verify(response, DIGEST, trusted), Reason.MALFORMED);
    assertRejected(() -> timestamps.verify(withTrailingByte, DIGEST, trusted), Reason.MALFORMED);
    assertRejected(
        () -> timestamps.verifyExactly(withTrailingByte, DIGEST, trusted), Reason.MALFORMED);
    assertRejected(
        () -> timestamps.verify(ca.certificate().getEncoded(), DIGEST, trusted), Reason.MALFORMED);
  }

  @Test
  void anUnchangedTokenVerifiesExactly() throws Exception {
    Timestamp stamped = timestamps.stamp(DIGEST, tsa, trusted);

    assertThat(timestamps.verifyExactly(stamped.token(), DIGEST, trusted)).isEqualTo(stamped);
    assertRejected(
        () -> timestamps.verifyExactly(stamped.token(), sha256("another note"), trusted),
        Reason.WRONG_DIGEST);
  }

  /**
   * The signature leaves parts of the token uncovered, such as the certificate it carries; a bit
   * changed there still passes the ordinary check, but not the exact one.
   */
  @Test
  void aChangeOutsideTheSignatureIsOnlyCaughtByTheExactCheck() throws Exception {
    byte[] token = timestamps.stamp(DIGEST, tsa, trusted).token();
    byte[] certificate = tsa.certificate().getEncoded();
    int at = TestBytes.indexOf(token, certificate);
    assertThat(at).isPositive();
    // A bit of the certificate's own signature, at its very end.
    token[at + certificate.length - 3] ^= 0x01;

    assertThat(timestamps.verify(token, DIGEST, trusted).tsaCertificate())
        .isEqualTo(tsa.certificate());
    assertRejected(() -> timestamps.verifyExactly(token, DIGEST, trusted), Reason.MALFORMED);
  }

  /** One bit in every byte, each bit position in turn: not one changed token verifies exactly. */
  @Test
  void everyByteOfATokenIsCoveredByTheExactCheck() throws Exception {
    byte[] token = timestamps.stamp(DIGEST, tsa, trusted).token();
    List<Integer> accepted = new ArrayList<>();

    for (int i = 0; i < token.length; i++) {
      byte[] changed = token.clone();
      changed[i] ^= (byte) (1 << (i % 8));
      try {
        timestamps.verifyExactly(changed, DIGEST, trusted);
        accepted.add(i);
      } catch (TimestampRejected expected) {
        // as it should be
      }
    }

    assertThat(accepted).as("bytes whose change was accepted").isEmpty();
  }

  @Test
  void aTokenCarryingACertificateThatIsNotTrustedIsNotExact() throws Exception {
    byte[] token = timestamps.stamp(DIGEST, tsa, trusted).token();
    TimestampingKey other = ca.issueTimestampingKey();

    // The token's own authority is trusted; what it carries must be among the trusted, exactly.
    assertThat(
            timestamps
                .verifyExactly(token, DIGEST, List.of(other.certificate(), tsa.certificate()))
                .tsaCertificate())
        .isEqualTo(tsa.certificate());
    assertRejected(
        () -> timestamps.verifyExactly(token, DIGEST, List.of(other.certificate())),
        Reason.UNTRUSTED_TSA);
  }

  @Test
  void atLeastOneAuthorityMustBeTrusted() throws Exception {
    byte[] token = timestamps.stamp(DIGEST, tsa, trusted).token();

    assertThatThrownBy(() -> timestamps.verify(token, DIGEST, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertRejected(ThrowingRunnable check, Reason reason) {
    assertThatThrownBy(check::run)
        .isInstanceOfSatisfying(
            TimestampRejected.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
