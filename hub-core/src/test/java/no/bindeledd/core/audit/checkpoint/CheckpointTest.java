package no.bindeledd.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import no.bindeledd.core.audit.checkpoint.NoteRejected.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {

  private static final String ORIGIN = "bindeledd.example/fjordvik-audit";
  private static final byte[] ROOT =
      HexFormat.of().parseHex("dead1ebeef1ebaadf00d0123456789abcdef0123456789abcdef0123456789ab");
  private static final String ROOT_BASE64 = Base64.getEncoder().encodeToString(ROOT);
  private static final KeyPair HUB_KEY = Ed25519Keys.generate();
  private static final VerifierKey HUB =
      VerifierKey.of(ORIGIN, Ed25519Keys.publicKeyOf(HUB_KEY.getPrivate()));

  private static final String BODY =
      ORIGIN + "\n" + "1234\n" + ROOT_BASE64 + "\n" + "time 2026-11-25T03:40:00Z\n";

  @Test
  void bodyIsOriginSizeRootAndTimeEachEndingInANewline() {
    Checkpoint checkpoint =
        Checkpoint.at(ORIGIN, 1234, ROOT, Instant.parse("2026-11-25T03:40:00.987654Z"));

    assertThat(checkpoint.body()).isEqualTo(BODY);
    assertThat(checkpoint.time()).contains(Instant.parse("2026-11-25T03:40:00Z"));
    assertThat(checkpoint.extensions()).containsExactly("time 2026-11-25T03:40:00Z");
  }

  @Test
  void bodyIsReadBackUnchanged() {
    Checkpoint parsed = Checkpoint.parse(BODY);

    assertThat(parsed.origin()).isEqualTo(ORIGIN);
    assertThat(parsed.size()).isEqualTo(1234);
    assertThat(parsed.rootHash()).isEqualTo(ROOT);
    assertThat(parsed.body()).isEqualTo(BODY);
    assertThat(parsed)
        .isEqualTo(Checkpoint.at(ORIGIN, 1234, ROOT, Instant.parse("2026-11-25T03:40:00Z")));
  }

  @Test
  void emptyTreeHasSizeZeroAndTheHashOfNothing() throws Exception {
    byte[] empty = MessageDigest.getInstance("SHA-256").digest(new byte[0]);
    String body = ORIGIN + "\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n";

    Checkpoint parsed = Checkpoint.parse(body);

    assertThat(parsed.size()).isZero();
    assertThat(parsed.rootHash()).isEqualTo(empty);
    assertThat(parsed.time()).isEmpty();
    assertThat(new Checkpoint(ORIGIN, 0, empty, List.of()).body()).isEqualTo(body);
  }

  @Test
  void otherExtensionLinesAreCarriedAsTheyAre() {
    String body = BODY + "some other ecosystem's line\n";

    Checkpoint parsed = Checkpoint.parse(body);

    assertThat(parsed.extensions())
        .containsExactly("time 2026-11-25T03:40:00Z", "some other ecosystem's line");
    assertThat(parsed.body()).isEqualTo(body);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "no newline at the end",
        ORIGIN + "\n1234\n",
        ORIGIN + "\n1234\n" + "ROOT",
        ORIGIN + "\n1234\n" + "ROOT\n\n",
        ORIGIN + "\n1234\n" + "ROOT\n\ntime 2026-11-25T03:40:00Z\n",
        "\n1234\n" + "ROOT\n",
        ORIGIN + "\n01234\n" + "ROOT\n",
        ORIGIN + "\n00\n" + "ROOT\n",
        ORIGIN + "\n+1234\n" + "ROOT\n",
        ORIGIN + "\n-1\n" + "ROOT\n",
        ORIGIN + "\n 1234\n" + "ROOT\n",
        ORIGIN + "\n1234 \n" + "ROOT\n",
        ORIGIN + "\n1_234\n" + "ROOT\n",
        ORIGIN + "\n\u0661\u0662\n" + "ROOT\n",
        ORIGIN + "\n9223372036854775808\n" + "ROOT\n",
        ORIGIN + "\r\n1234\n" + "ROOT\n",
        ORIGIN + "\n1234\r\n" + "ROOT\n",
        ORIGIN + "\n1234\n" + "ROOT\r\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "time 2026-11-25T03:40Z\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "time 2026-11-25T03:40:00.5Z\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "time 2026-11-25T03:40:00+01:00\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "time 2026-02-30T03:40:00Z\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "time 2026-11-25T24:00:00Z\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "time 2026-12-31T23:59:60Z\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "time 2026-11-25T03:40:00Z\ntime 2026-11-25T03:40:00Z\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "time \n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "tab\tin an extension\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous \n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 1200\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 1200 HASH extra\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 1200  HASH\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous  1200 HASH\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 01200 HASH\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 0 HASH\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous -1 HASH\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 1234 HASH\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 5000 HASH\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 99999999999999999999 HASH\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 1200 SHORT\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 1200 UNPADDED\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 1200 HASH\nprevious 1100 HASH\n",
        ORIGIN + "\n1234\n" + "ROOT\n" + "previous 1200 HASH\nprevious 1200 HASH\n",
      })
  void malformedBodiesAreRefused(String template) {
    String body =
        template
            .replace("ROOT", ROOT_BASE64)
            .replace("HASH", ROOT_BASE64)
            .replace("SHORT", Base64.getEncoder().encodeToString(new byte[31]))
            .replace("UNPADDED", Base64.getEncoder().withoutPadding().encodeToString(ROOT));

    assertThatThrownBy(() -> Checkpoint.parse(body))
        .as(body)
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLaterCheckpointNamesThePreviousOneBySizeAndTheHashOfItsSignedNote() throws Exception {
    String first =
        Checkpoint.at(ORIGIN, 1200, ROOT, Instant.parse("2026-11-25T03:39:00Z"))
            .sign(ORIGIN, HUB_KEY.getPrivate());
    byte[] firstHash =
        MessageDigest.getInstance("SHA-256").digest(first.getBytes(StandardCharsets.UTF_8));

    Checkpoint later =
        Checkpoint.at(
            ORIGIN,
            1234,
            ROOT,
            Instant.parse("2026-11-25T03:40:00Z"),
            Checkpoint.Previous.of(1200, first));

    String line = "previous 1200 " + Base64.getEncoder().encodeToString(firstHash);
    assertThat(later.body()).isEqualTo(BODY + line + "\n");
    assertThat(later.previous())
        .contains(new Checkpoint.Previous(1200, firstHash))
        .hasValueSatisfying(
            previous -> {
              assertThat(previous.names(first.getBytes(StandardCharsets.UTF_8))).isTrue();
              assertThat(previous.names((first + " ").getBytes(StandardCharsets.UTF_8))).isFalse();
            });
    assertThat(Checkpoint.parse(later.body())).isEqualTo(later);
    assertThat(Checkpoint.verify(later.sign(ORIGIN, HUB_KEY.getPrivate()), ORIGIN, HUB).previous())
        .isEqualTo(later.previous());
    assertThat(Checkpoint.parse(BODY).previous()).as("the log's first").isEmpty();
    assertThatThrownBy(
            () ->
                Checkpoint.at(
                    ORIGIN, 1200, ROOT, Instant.now(), Checkpoint.Previous.of(1200, first)))
        .hasMessageContaining("the log only grows");
  }

  @Test
  void rootHashMustBeCanonicalBase64OfThirtyTwoBytes() {
    byte[] allFb = new byte[32];
    java.util.Arrays.fill(allFb, (byte) 0xfb);
    String withPlusAndSlash = Base64.getEncoder().encodeToString(allFb);
    assertThat(withPlusAndSlash).contains("+", "/");
    List<String> spellings =
        List.of(
            Base64.getEncoder().encodeToString(new byte[31]),
            Base64.getEncoder().encodeToString(new byte[33]),
            Base64.getEncoder().withoutPadding().encodeToString(ROOT),
            // The same 32 bytes with the unused low bits of the last character set.
            ROOT_BASE64.substring(0, 42) + "t=",
            ROOT_BASE64 + " ",
            " " + ROOT_BASE64,
            Base64.getMimeEncoder(20, new byte[] {' '}).encodeToString(ROOT),
            Base64.getUrlEncoder().encodeToString(allFb),
            "");
    assertThat(Base64.getDecoder().decode(ROOT_BASE64.substring(0, 42) + "t=")).isEqualTo(ROOT);
    assertThat(Checkpoint.parse(ORIGIN + "\n1\n" + withPlusAndSlash + "\n").rootHash())
        .isEqualTo(allFb);

    for (String spelling : spellings) {
      assertThatThrownBy(() -> Checkpoint.parse(ORIGIN + "\n1\n" + spelling + "\n"))
          .as(spelling)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theHubsCheckpointsAreCheckedWhenMade() {
    assertThatThrownBy(() -> Checkpoint.at(ORIGIN, -1, ROOT, Instant.now()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checkpoint.at(ORIGIN, 1, new byte[20], Instant.now()))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Checkpoint.at("two\nlines", 1, ROOT, Instant.now()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checkpoint.at("", 1, ROOT, Instant.now()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, 1, ROOT, List.of("")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, 1, ROOT, List.of("time yesterday")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rootHashCannotBeChangedFromOutside() {
    byte[] root = ROOT.clone();
    Checkpoint checkpoint = Checkpoint.at(ORIGIN, 1, root, Instant.now());

    root[0] ^= 1;
    checkpoint.rootHash()[1] ^= 1;

    assertThat(checkpoint.rootHash()).isEqualTo(ROOT);
  }

  @Test
  void signedCheckpointVerifiesWithThePublishedKey() {
    Checkpoint checkpoint = Checkpoint.parse(BODY);
    String note = checkpoint.sign(ORIGIN, HUB_KEY.getPrivate());

    assertThat(note).startsWith(BODY + "\n\u2014 " + ORIGIN + " ").endsWith("\n").hasLineCount(6);
    Checkpoint verified = Checkpoint.verify(note, ORIGIN, VerifierKey.parse(HUB.encoded()));
    assertThat(verified).isEqualTo(checkpoint);
  }

  @Test
  void changedSizeIsABadSignature() {
    String note = Checkpoint.parse(BODY).sign(ORIGIN, HUB_KEY.getPrivate());
    String forged = note.replace("\n1234\n", "\n1235\n");

    assertRejected(() -> Checkpoint.verify(forged, ORIGIN, HUB), Reason.BAD_SIGNATURE);
  }

  @Test
  void changedTimeIsABadSignature() {
    String note = Checkpoint.parse(BODY).sign(ORIGIN, HUB_KEY.getPrivate());
    String forged = note.replace("03:40:00Z", "03:41:00Z");

    assertRejected(() -> Checkpoint.verify(forged, ORIGIN, HUB), Reason.BAD_SIGNATURE);
  }

  @Test
  void checkpointFromAnotherLogIsRejected() {
    String note =
        Checkpoint.at("bindeledd.example/other-audit", 1, ROOT, Instant.now())
            .sign(ORIGIN, HUB_KEY.getPrivate());

    assertRejected(() -> Checkpoint.verify(note, ORIGIN, HUB), Reason.WRONG_ORIGIN);
  }

  @Test
  void signedTextThatIsNoCheckpointIsRejected() {
    String note = SignedNote.sign("hello\n", ORIGIN, HUB_KEY.getPrivate());

    assertRejected(() -> Checkpoint.verify(note, ORIGIN, HUB), Reason.NOT_A_CHECKPOINT);
  }

  @Test
  void keyOfTheSameNameThatTheVerifierDoesNotKnowIsAnUnknownKey() {
    KeyPair impostor = Ed25519Keys.generate();
    String note = Checkpoint.parse(BODY).sign(ORIGIN, impostor.getPrivate());

    assertRejected(() -> Checkpoint.verify(note, ORIGIN, HUB), Reason.UNKNOWN_KEY);
  }

  @Test
  void witnessCosignaturesAreIgnoredAndTheLogsSignatureStillCounts() {
    KeyPair witness = Ed25519Keys.generate();
    String logNote = Checkpoint.parse(BODY).sign(ORIGIN, HUB_KEY.getPrivate());
    String witnessNote = SignedNote.sign(BODY, "witness.example/w1", witness.getPrivate());
    String cosigned = logNote + witnessNote.substring(witnessNote.lastIndexOf('\u2014'));

    assertThat(cosigned.lines().filter(line -> line.startsWith("\u2014"))).hasSize(2);
    assertThat(Checkpoint.verify(cosigned, ORIGIN, HUB).size()).isEqualTo(1234);
    VerifierKey witnessKey = VerifierKey.of("witness.example/w1", witness.getPublic());
    assertThat(SignedNote.verify(cosigned, List.of(HUB, witnessKey))).isEqualTo(BODY);
  }

  private static void assertRejected(Runnable verification, Reason reason) {
    assertThatThrownBy(verification::run)
        .isInstanceOfSatisfying(NoteRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
