package no.bindeledd.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published test vectors of the Go implementation everyone else in the transparency-log ecosystem
 * is checked against, so that compatibility is shown with existing tooling and not only with this
 * package itself.
 *
 * <p>Keys, texts and signatures below are quoted from golang.org/x/mod, file sumdb/note/
 * note_test.go (TestNewVerifier, TestSign, TestOpen); the checkpoint of the Go checksum database
 * from github.com/transparency-dev/formats, file log/note_test.go (TestSumDBNoteParsing).
 */
class GoNoteInteropTest {

  private static final String PETER_KEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String PETER_SIGNER_KEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String ENOCH_KEY =
      "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

  private static final String TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  private static final String PETER_SIG =
      "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  private static final String ENOCH_SIG =
      "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

  private static final String SUMDB_KEY =
      "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";
  private static final String SUMDB_CHECKPOINT =
      "go.sum database tree\n"
          + "6476701\n"
          + "mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n"
          + "\n"
          + "\u2014 sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n";

  @Test
  void goVerifierKeyIsReadAndWrittenUnchanged() {
    VerifierKey peter = VerifierKey.parse(PETER_KEY);

    assertThat(peter.name()).isEqualTo("PeterNeumann");
    assertThat(peter.keyIdHex()).isEqualTo("c74f20a3");
    assertThat(peter.keyId()).isEqualTo(0xc74f20a3);
    assertThat(peter.encoded()).isEqualTo(PETER_KEY);
  }

  @Test
  void signingWithGosTestKeyGivesGosSignedNoteByteForByte() {
    PrivateKey key = peterPrivateKey();

    assertThat(SignedNote.sign(TEXT, "PeterNeumann", key)).isEqualTo(TEXT + "\n" + PETER_SIG);
    assertThat(VerifierKey.of("PeterNeumann", Ed25519Keys.publicKeyOf(key)).encoded())
        .isEqualTo(PETER_KEY);
  }

  @Test
  void goSignedNoteVerifies() {
    assertThat(SignedNote.verify(TEXT + "\n" + PETER_SIG, VerifierKey.parse(PETER_KEY)))
        .isEqualTo(TEXT);
  }

  @Test
  void signaturesByUnknownKeysAreIgnored() {
    String both = TEXT + "\n" + PETER_SIG + ENOCH_SIG;

    assertThat(SignedNote.verify(both, VerifierKey.parse(PETER_KEY))).isEqualTo(TEXT);
    assertThat(SignedNote.verify(both, VerifierKey.parse(ENOCH_KEY))).isEqualTo(TEXT);
    assertThat(
            SignedNote.verify(
                both, List.of(VerifierKey.parse(PETER_KEY), VerifierKey.parse(ENOCH_KEY))))
        .isEqualTo(TEXT);
  }

  @Test
  void noteSignedByAnotherKeyIsRejected() {
    assertThatThrownBy(
            () -> SignedNote.verify(TEXT + "\n" + ENOCH_SIG, VerifierKey.parse(PETER_KEY)))
        .isInstanceOfSatisfying(
            NoteRejected.class,
            e -> assertThat(e.reason()).isEqualTo(NoteRejected.Reason.NO_SIGNATURE_BY_KEY))
        .hasMessageContaining("EnochRoot+af0cfe78");
  }

  /** Go's own "invalid signature" case: four characters spliced into the signature. */
  @Test
  void alteredSignatureIsRejected() {
    String note = TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);

    assertThatThrownBy(() -> SignedNote.verify(note, VerifierKey.parse(PETER_KEY)))
        .isInstanceOfSatisfying(
            NoteRejected.class,
            e -> assertThat(e.reason()).isEqualTo(NoteRejected.Reason.BAD_SIGNATURE))
        .hasMessageContaining("PeterNeumann+c74f20a3");
  }

  /** Go's list of malformed notes, each refused by Go as "malformed note". */
  @Test
  void notesGoCallsMalformedAreMalformedHere() {
    List<byte[]> malformed =
        List.of(
            utf8(TEXT),
            utf8(TEXT + "\n"),
            utf8(TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1)),
            utf8("\u0001" + TEXT + "\n" + PETER_SIG),
            concat(new byte[] {(byte) 0xff}, utf8(TEXT + "\n" + PETER_SIG)),
            utf8(
                TEXT
                    + "\n"
                    + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="),
            utf8(TEXT + "\n" + PETER_SIG + "Unexpected line.\n"),
            utf8(TEXT + "\n" + PETER_SIG.repeat(SignedNote.MAX_SIGNATURES + 1)));
    VerifierKey peter = VerifierKey.parse(PETER_KEY);

    for (byte[] note : malformed) {
      assertThatThrownBy(() -> SignedNote.verify(note, peter))
          .as(new String(note, java.nio.charset.StandardCharsets.UTF_8))
          .isInstanceOfSatisfying(
              NoteRejected.class,
              e -> assertThat(e.reason()).isEqualTo(NoteRejected.Reason.MALFORMED));
    }
  }

  /** Go's TestNewVerifier: no substring and no single-character change of the key is accepted. */
  @Test
  void everyManglingOfAVerifierKeyIsRefused() {
    List<String> mangled = new java.util.ArrayList<>();
    for (int i = 0; i <= PETER_KEY.length(); i++) {
      for (int j = i + 1; j <= PETER_KEY.length(); j++) {
        if (i != 0 || j != PETER_KEY.length()) {
          mangled.add(PETER_KEY.substring(i, j));
        }
      }
    }
    for (int i = 0; i < PETER_KEY.length(); i++) {
      char[] chars = PETER_KEY.toCharArray();
      chars[i]++;
      mangled.add(new String(chars));
    }
    // Wrong key length and unknown algorithm, each with the key ID adjusted to match.
    mangled.add("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==");
    mangled.add("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");

    for (String key : mangled) {
      assertThatThrownBy(() -> VerifierKey.parse(key))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** A real checkpoint of the Go checksum database, signed by its production key. */
  @Test
  void checkpointOfTheGoChecksumDatabaseVerifies() {
    Checkpoint checkpoint =
        Checkpoint.verify(SUMDB_CHECKPOINT, "go.sum database tree", VerifierKey.parse(SUMDB_KEY));

    assertThat(checkpoint.origin()).isEqualTo("go.sum database tree");
    assertThat(checkpoint.size()).isEqualTo(6476701L);
    assertThat(Base64.getEncoder().encodeToString(checkpoint.rootHash()))
        .isEqualTo("mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=");
    assertThat(checkpoint.extensions()).isEmpty();
    assertThat(checkpoint.time()).isEmpty();
    assertThat(checkpoint.body())
        .isEqualTo(SUMDB_CHECKPOINT.substring(0, SUMDB_CHECKPOINT.indexOf("\n\n") + 1));
  }

  @Test
  void checkpointOfTheGoChecksumDatabaseWithAChangedSizeIsRejected() {
    String forged = SUMDB_CHECKPOINT.replace("6476701", "6476702");

    assertThatThrownBy(
            () -> Checkpoint.verify(forged, "go.sum database tree", VerifierKey.parse(SUMDB_KEY)))
        .isInstanceOfSatisfying(
            NoteRejected.class,
            e -> assertThat(e.reason()).isEqualTo(NoteRejected.Reason.BAD_SIGNATURE));
  }

  /** Go's signer key is "PRIVATE+KEY+name+id+" and base64 of 0x01 followed by the seed. */
  private static PrivateKey peterPrivateKey() {
    String base64 = PETER_SIGNER_KEY.substring("PRIVATE+KEY+PeterNeumann+c74f20a3+".length());
    byte[] typed = Base64.getDecoder().decode(base64);
    assertThat(typed[0]).isEqualTo((byte) 0x01);
    return Ed25519Keys.privateKey(Arrays.copyOfRange(typed, 1, typed.length));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
