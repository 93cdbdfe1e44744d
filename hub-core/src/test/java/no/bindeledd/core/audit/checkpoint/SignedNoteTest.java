package no.bindeledd.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import no.bindeledd.core.audit.checkpoint.NoteRejected.Reason;
import org.junit.jupiter.api.Test;

class SignedNoteTest {

  private static final String NAME = "bindeledd.example/fjordvik-audit";
  private static final KeyPair KEYS = Ed25519Keys.generate();
  private static final VerifierKey KEY = VerifierKey.of(NAME, KEYS.getPublic());

  @Test
  void verifierKeyHasTheStandardTextForm() {
    String text = KEY.encoded();

    assertThat(text)
        .matches("bindeledd\\.example/fjordvik-audit\\+[0-9a-f]{8}\\+A[A-Za-z0-9+/]{43}");
    assertThat(VerifierKey.parse(text)).isEqualTo(KEY);
    assertThat(VerifierKey.parse(text).keyId()).isEqualTo(KEY.keyId());
    assertThat(VerifierKey.parse(text.replace(KEY.keyIdHex(), KEY.keyIdHex().toUpperCase())))
        .isEqualTo(KEY);
  }

  @Test
  void textWithBlankLinesAndNonAsciiCharactersRoundTrips() {
    String text = "Første avsnitt\n\nAndre avsnitt – med tankestrek\n\n";

    String note = SignedNote.sign(text, "Señor-0", KEYS.getPrivate());

    assertThat(SignedNote.verify(note, VerifierKey.of("Señor-0", KEYS.getPublic())))
        .isEqualTo(text);
    assertThat(
            SignedNote.verify(
                note.getBytes(StandardCharsets.UTF_8), VerifierKey.of("Señor-0", KEYS.getPublic())))
        .isEqualTo(text);
  }

  @Test
  void textsAndNamesTheFormatForbidsCannotBeSigned() {
    for (String text : List.of("", "no newline", "carriage\r\n", "tab\t\n", "lone \ud800\n")) {
      assertThatThrownBy(() -> SignedNote.sign(text, NAME, KEYS.getPrivate()))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class);
    }
    for (String name : List.of("", "a b", "a+b", "a\u00a0b", "a\u2003b", "a\u3000b", "a\nb")) {
      assertThatThrownBy(() -> SignedNote.sign("text\n", name, KEYS.getPrivate()))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void onlyEd25519KeysSign() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);

    assertThatThrownBy(() -> SignedNote.sign("text\n", NAME, rsa.generateKeyPair().getPrivate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Ed25519");
  }

  @Test
  void repeatedSignatureByTheKeyVerifies() {
    String note = SignedNote.sign("text\n", NAME, KEYS.getPrivate());
    String line = note.substring(note.indexOf('\u2014'));

    assertThat(SignedNote.verify(note + line, KEY)).isEqualTo("text\n");
  }

  @Test
  void sixteenOtherSignaturesBeforeTheKnownOneAreAccepted() {
    StringBuilder note = new StringBuilder("text\n\n");
    for (int i = 0; i < 16; i++) {
      KeyPair witness = Ed25519Keys.generate();
      String signed = SignedNote.sign("text\n", "witness.example/w" + i, witness.getPrivate());
      note.append(signed.substring(signed.indexOf('\u2014')));
    }
    String signed = SignedNote.sign("text\n", NAME, KEYS.getPrivate());
    note.append(signed.substring(signed.indexOf('\u2014')));

    assertThat(SignedNote.verify(note.toString(), KEY)).isEqualTo("text\n");
  }

  @Test
  void knownKeysSignatureMustBeCanonicalBase64AndSixtyFourBytes() {
    String note = SignedNote.sign("text\n", NAME, KEYS.getPrivate());
    String base64 = note.substring(note.lastIndexOf(' ') + 1, note.length() - 1);
    byte[] raw = Base64.getDecoder().decode(base64);
    assertThat(raw).hasSize(68);
    String nonCanonical = altered(base64);
    assertThat(Base64.getDecoder().decode(nonCanonical)).isEqualTo(raw);
    String shortened = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, 67));

    assertRejected(
        () -> SignedNote.verify(note.replace(base64, nonCanonical), KEY), Reason.BAD_SIGNATURE);
    assertRejected(
        () -> SignedNote.verify(note.replace(base64, shortened), KEY), Reason.BAD_SIGNATURE);
  }

  @Test
  void unpairedSurrogateInANoteIsMalformed() {
    String note = SignedNote.sign("text\n", NAME, KEYS.getPrivate());

    assertRejected(() -> SignedNote.verify("\ud800" + note, KEY), Reason.MALFORMED);
  }

  @Test
  void atLeastOneKeyIsNeeded() {
    assertThatThrownBy(() -> SignedNote.verify("text\n\n", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Sets a bit that base64 decoding ignores (68 bytes leave two unused bits in the character before
   * the "="): the spelling changes, the bytes do not.
   */
  private static String altered(String base64) {
    char last = base64.charAt(base64.length() - 2);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char flipped = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    return base64.substring(0, base64.length() - 2) + flipped + "=";
  }

  private static void assertRejected(Runnable verification, Reason reason) {
    assertThatThrownBy(verification::run)
        .isInstanceOfSatisfying(NoteRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
