package no.bindeledd.core.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import org.junit.jupiter.api.Test;

/**
 * Cosignatures made by witnesses other people run, and keys they publish, so that compatibility is
 * shown with the witness network and not only with this package.
 *
 * <p>The cosigned tree head is quoted from github.com/mullvad/sigsum-rs, file src/lib.rs (the usage
 * example, made against Sigsum's test log with its policy sigsum-test-2025-3): the log key, tree
 * size, root hash, the log's signature, and the cosignature of witness.stagemole.eu, whose public
 * key is given in github.com/sigsum/sigsum-go, file pkg/policy/builtin/sigsum-test-2025-3
 * .builtin-policy. A Sigsum log's checkpoint origin is {@code sigsum.org/v1/tree/} and the hex
 * SHA-256 of its key. The cosigner verifier key of remora.n621.de is quoted from
 * github.com/transparency-dev/formats, file note/note_cosigv1_test.go (TestCoSigV1NewVerifier), and
 * its public key from the same Sigsum policy.
 */
class CosignatureInteropTest {

  private static final HexFormat HEX = HexFormat.of();

  private static final byte[] SIGSUM_LOG_KEY =
      HEX.parseHex("4644af2abd40f4895a003bca350f9d5912ab301a49c77f13e5b6d905c20a5fe6");
  private static final String SIGSUM_ORIGIN =
      "sigsum.org/v1/tree/4e89cc51651f0d95f3c6127c15e1a42e3ddf7046c5b17b752689c402e773bb4d";
  private static final String SIGSUM_CHECKPOINT =
      SIGSUM_ORIGIN
          + "\n8858\n"
          + Base64.getEncoder()
              .encodeToString(
                  HEX.parseHex("b8c0a14d4fa1440e8d624f0fbe1639477d41bcd3cd530317682925dcf09f1835"))
          + "\n";
  private static final byte[] SIGSUM_LOG_SIGNATURE =
      HEX.parseHex(
          "726ebfe875ca1b54a586ad77a0f28ecadbdc3e3bbff5fb7d8b0dd69aa1a3195a"
              + "30082e51b1982a70228ac455ef0d5da329bcaacc08a9dcf0dbc765fe0cc18400");

  private static final byte[] STAGEMOLE_KEY =
      HEX.parseHex("4a921b7caef58ae670cdc11ef4184f1c058f7b9259a9107a969f69fa54aa496f");
  private static final long STAGEMOLE_TIME = 1759300864L;
  private static final byte[] STAGEMOLE_SIGNATURE =
      HEX.parseHex(
          "fc44071f94fe33b4de857f60b4dc1703b59c8623147d68f99b1a4275bbc6897b"
              + "40c23a3d03d2c20e098ac1016f73258ebcaeeeeef2fa585106be9f49e26ccc0f");

  private static final String REMORA_VKEY =
      "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";
  private static final byte[] REMORA_KEY =
      HEX.parseHex("ebcdeb78e7fdb2ef9227b2c1ef11e94600b55b4d6d9a57877e31ee89e59adc36");

  private static VerifierKey stagemole() {
    return VerifierKey.of(
        "witness.stagemole.eu",
        VerifierKey.Type.COSIGNATURE_V1,
        Ed25519Keys.publicKey(STAGEMOLE_KEY));
  }

  private static String stagemoleLine(long time, byte[] signature) {
    byte[] blob =
        ByteBuffer.allocate(4 + 8 + 64)
            .putInt(stagemole().keyId())
            .putLong(time)
            .put(signature)
            .array();
    return "\u2014 witness.stagemole.eu " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  @Test
  void theQuotedTreeHeadIsTheOneTheSigsumLogSigned() throws Exception {
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(Ed25519Keys.publicKey(SIGSUM_LOG_KEY));
    ed25519.update(SIGSUM_CHECKPOINT.getBytes(StandardCharsets.UTF_8));

    assertThat(ed25519.verify(SIGSUM_LOG_SIGNATURE)).isTrue();
    assertThat(
            HEX.formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(SIGSUM_LOG_KEY)))
        .isEqualTo(SIGSUM_ORIGIN.substring("sigsum.org/v1/tree/".length()));
  }

  @Test
  void aRealWitnessCosignatureVerifiesWithItsTime() {
    Cosignatures.Found found =
        Cosignatures.verify(
            SIGSUM_CHECKPOINT,
            stagemoleLine(STAGEMOLE_TIME, STAGEMOLE_SIGNATURE),
            List.of(stagemole()));

    assertThat(found.verified()).hasSize(1);
    assertThat(found.verified().get(0).time()).isEqualTo(Instant.ofEpochSecond(STAGEMOLE_TIME));
    assertThat(found.verified().get(0).witnessId())
        .isEqualTo("witness.stagemole.eu+" + stagemole().keyIdHex());
    assertThat(found.witnesses()).isEqualTo(1);
  }

  @Test
  void theRealCosignatureFailsForAnotherTimeOrTreeHead() {
    assertThatThrownBy(
            () ->
                Cosignatures.verify(
                    SIGSUM_CHECKPOINT,
                    stagemoleLine(STAGEMOLE_TIME + 1, STAGEMOLE_SIGNATURE),
                    List.of(stagemole())))
        .isInstanceOf(NoteRejected.class)
        .hasMessageContaining("does not verify");
    assertThatThrownBy(
            () ->
                Cosignatures.verify(
                    SIGSUM_CHECKPOINT.replace("\n8858\n", "\n8859\n"),
                    stagemoleLine(STAGEMOLE_TIME, STAGEMOLE_SIGNATURE),
                    List.of(stagemole())))
        .isInstanceOf(NoteRejected.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void aPublishedCosignerKeyIsReadWithItsTypeAndKeyId() {
    VerifierKey remora = VerifierKey.parse(REMORA_VKEY);

    assertThat(remora.type()).isEqualTo(VerifierKey.Type.COSIGNATURE_V1);
    assertThat(remora.keyIdHex()).isEqualTo("da77ade7");
    assertThat(remora.rawPublicKey()).isEqualTo(REMORA_KEY);
    assertThat(remora.encoded()).isEqualTo(REMORA_VKEY);
    assertThat(
            VerifierKey.of(
                    "remora.n621.de",
                    VerifierKey.Type.COSIGNATURE_V1,
                    Ed25519Keys.publicKey(REMORA_KEY))
                .encoded())
        .isEqualTo(REMORA_VKEY);
  }

  @Test
  void theSamePublicKeyAsALogKeyHasAnotherKeyIdAndChecksNoCosignature() {
    VerifierKey asLogKey =
        VerifierKey.of("witness.stagemole.eu", Ed25519Keys.publicKey(STAGEMOLE_KEY));

    assertThat(asLogKey.keyId()).isNotEqualTo(stagemole().keyId());
    assertThat(asLogKey.encoded()).startsWith("witness.stagemole.eu+").contains("+AUqSG3yu");
    assertThatThrownBy(
            () ->
                Cosignatures.verify(
                    SIGSUM_CHECKPOINT,
                    stagemoleLine(STAGEMOLE_TIME, STAGEMOLE_SIGNATURE),
                    List.of(asLogKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a log's key, not a witness's");
  }

  @Test
  void ourCosignatureSignsExactlyTheMessageTheSpecificationSpellsOut() throws Exception {
    PrivateKey key = Ed25519Keys.privateKey(new byte[32]);
    Cosigner cosigner = new Cosigner("witness.example/w1", key);
    String text =
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    String line = cosigner.cosign(text, Instant.ofEpochSecond(1679315147));

    assertThat(line).startsWith("\u2014 witness.example/w1 ").endsWith("\n");
    byte[] blob =
        Base64.getDecoder().decode(line.substring("\u2014 witness.example/w1 ".length()).strip());
    ByteBuffer fields = ByteBuffer.wrap(blob);
    assertThat(blob).hasSize(4 + 8 + 64);
    assertThat(fields.getInt()).isEqualTo(cosigner.verifierKey().keyId());
    assertThat(fields.getLong()).isEqualTo(1679315147L);
    byte[] signature = new byte[64];
    fields.get(signature);
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(Ed25519Keys.publicKeyOf(key));
    ed25519.update(("cosignature/v1\ntime 1679315147\n" + text).getBytes(StandardCharsets.UTF_8));
    assertThat(ed25519.verify(signature)).isTrue();
    // The key ID is that of type 0x04: SHA-256(name || 0x0A || 0x04 || key)[:4].
    byte[] id =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(
                ByteBuffer.allocate("witness.example/w1\n".length() + 1 + 32)
                    .put("witness.example/w1\n".getBytes(StandardCharsets.US_ASCII))
                    .put((byte) 0x04)
                    .put(Ed25519Keys.rawPublicKey(Ed25519Keys.publicKeyOf(key)))
                    .array());
    assertThat(cosigner.verifierKey().keyId()).isEqualTo(ByteBuffer.wrap(id).getInt());
  }

  @Test
  void aCosignatureCoversTheExtensionLinesToo() {
    Cosigner cosigner = new Cosigner("witness.example/w1", Ed25519Keys.generate().getPrivate());
    String text = "log.example/a\n3\n" + "A".repeat(43) + "=\ntime 2026-11-25T03:40:00Z\n";
    String line = cosigner.cosign(text, Instant.ofEpochSecond(1_800_000_000L));

    assertThat(Cosignatures.verify(text, line, List.of(cosigner.verifierKey())).verified())
        .hasSize(1);
    assertThatThrownBy(
            () ->
                Cosignatures.verify(
                    text.replace("03:40:00", "03:40:01"), line, List.of(cosigner.verifierKey())))
        .isInstanceOf(NoteRejected.class);
  }

  @Test
  void cosignaturesWithoutATimeOrBeyond2To63AreRefused() throws Exception {
    PrivateKey key = Ed25519Keys.generate().getPrivate();
    Cosigner cosigner = new Cosigner("witness.example/w1", key);
    String text = "log.example/a\n3\n" + "A".repeat(43) + "=\n";
    for (long time : new long[] {0L, Long.MIN_VALUE}) {
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initSign(key);
      ed25519.update(
          ("cosignature/v1\ntime " + Long.toUnsignedString(time) + "\n" + text)
              .getBytes(StandardCharsets.UTF_8));
      byte[] blob =
          ByteBuffer.allocate(76)
              .putInt(cosigner.verifierKey().keyId())
              .putLong(time)
              .put(ed25519.sign())
              .array();
      String line = "\u2014 witness.example/w1 " + Base64.getEncoder().encodeToString(blob) + "\n";

      assertThatThrownBy(() -> Cosignatures.verify(text, line, List.of(cosigner.verifierKey())))
          .as("time %s", Long.toUnsignedString(time))
          .isInstanceOf(NoteRejected.class)
          .hasMessageContaining("no valid time");
    }
    assertThatThrownBy(() -> cosigner.cosign(text, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void linesByUnknownWitnessesAreNamedAndIgnored() {
    Cosigner known = new Cosigner("witness.example/known", Ed25519Keys.generate().getPrivate());
    Cosigner other = new Cosigner("witness.example/other", Ed25519Keys.generate().getPrivate());
    String text = "log.example/a\n3\n" + "A".repeat(43) + "=\n";
    Instant time = Instant.ofEpochSecond(1_800_000_000L);

    Cosignatures.Found found =
        Cosignatures.verify(
            text,
            other.cosign(text, time) + known.cosign(text, time),
            List.of(known.verifierKey()));

    assertThat(found.verified())
        .extracting(Cosignature::witness)
        .containsExactly(known.verifierKey());
    assertThat(found.unknownSigners())
        .containsExactly("witness.example/other+" + other.verifierKey().keyIdHex());
    assertThat(Cosignatures.verify(text, "", List.of(known.verifierKey())).verified()).isEmpty();
    assertThat(
            SignedNote.open(
                    (text + "\n" + other.cosign(text, time)).getBytes(StandardCharsets.UTF_8),
                    List.of())
                .unknownSigners())
        .hasSize(1);
  }
}
