package no.bindeledd.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes an agency's system may send as an encrypted message: opening them with the hub's
 * encryption keys gives what was encrypted for the hub, or refuses with {@link DecryptionRejected}
 * and its reason. Nothing else may escape, and no input may take it long. See docs/fuzzing.md.
 *
 * <p>The seeds are envelopes made when the test starts, for keys of this run only (no private key
 * is kept): each content cipher and key transport the hub accepts, one for a key the hub does not
 * hold, one with its tag changed, one cut short, and a signed message that is not encrypted.
 *
 * <p>What opens with AES-256-GCM is one of the seeds' contents: the fuzzer mutates envelopes, and a
 * changed one fails its tag. AES-256-CBC has no tag, so a changed ciphertext may still decrypt to
 * other bytes; the signature inside is what refuses those (ADR 0029), so here it need only open for
 * the hub's key.
 */
class EnvelopesFuzzTest {

  private static final byte[] CONTENT =
      "{\"type\":\"answer\",\"text\":\"Amal was referred on 12 November.\"}".getBytes(UTF_8);

  private static final Envelopes ENVELOPES = new Envelopes();
  private static final EncryptionKey HUB;
  private static final EncryptionKey NOT_HELD;
  private static final SigningKey GP_OFFICE;

  static {
    try {
      DevelopmentCa ca = DevelopmentCa.loadOrCreate(Files.createTempDirectory("fuzz-ca"));
      HUB = ca.issueEncryptionKey("311000004", "Fjordvik kommune");
      NOT_HELD = ca.issueEncryptionKey("311000063", "Fjellet kommune");
      GP_OFFICE = ca.issueSigningKey("311000012", "Fjordvik legekontor");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final List<EncryptionKey> HELD = List.of(HUB);

  @MethodSource("envelopes")
  @FuzzTest(maxDuration = "5m")
  void anyBytesOpenToWhatWasEncryptedForTheHubOrAreRejected(byte[] bytes) {
    Envelopes.Decrypted opened;
    try {
      opened = ENVELOPES.decrypt(bytes, HELD, Envelopes.MAX_ENCRYPTED_BYTES);
    } catch (DecryptionRejected rejected) {
      assertThat(rejected.reason()).isNotNull();
      assertThat(rejected.getMessage()).isNotBlank();
      return;
    }
    assertThat(opened.recipient()).isEqualTo(HUB);
    assertThat(opened.transport()).isNotNull();
    assertThat(opened.cipher()).isNotNull();
    assertThat(opened.content()).isNotNull();
    if (opened.cipher() == ContentCipher.AES_256_GCM) {
      byte[] content = opened.content();
      assertThat(Arrays.equals(content, CONTENT) || content.length == 0)
          .as("AES-256-GCM opened to what a seed encrypted, not to other bytes")
          .isTrue();
    }
  }

  /** Encrypted messages as agencies send them, opened and refused ones. */
  static Stream<byte[]> envelopes() {
    byte[] gcm = encrypt(CONTENT, HUB, KeyTransport.RSA_OAEP_SHA256, ContentCipher.AES_256_GCM);
    byte[] changedTag = gcm.clone();
    changedTag[changedTag.length - 1] ^= 1;
    return Stream.of(
        gcm,
        encrypt(CONTENT, HUB, KeyTransport.RSA_OAEP_SHA256, ContentCipher.AES_256_CBC),
        encrypt(CONTENT, HUB, KeyTransport.RSA_PKCS1_V1_5, ContentCipher.AES_256_GCM),
        encrypt(CONTENT, HUB, KeyTransport.RSA_PKCS1_V1_5, ContentCipher.AES_256_CBC),
        encrypt(new byte[0], HUB, KeyTransport.RSA_OAEP_SHA256, ContentCipher.AES_256_GCM),
        encrypt(CONTENT, NOT_HELD, KeyTransport.RSA_OAEP_SHA256, ContentCipher.AES_256_GCM),
        changedTag,
        Arrays.copyOf(gcm, gcm.length / 2),
        new Signatures().sign(CONTENT, GP_OFFICE),
        issuerWithALengthOutOfBounds(gcm));
  }

  /**
   * The first finding, made again at each start: the recipient's issuer name, whose common name
   * claims more bytes than its attribute holds. Bouncy Castle reads the name only when it compares
   * the recipient with the hub's key, after the serial number matched, so a kept input would
   * reproduce it only with the key of the run that found it.
   */
  static byte[] issuerWithALengthOutOfBounds(byte[] envelope) {
    byte[] issuer = HUB.certificate().getIssuerX500Principal().getEncoded();
    int at = indexOf(envelope, issuer);
    assertThat(at)
        .as("the envelope names its recipient by issuer and serial number")
        .isNotNegative();
    // SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String "Bindeledd Development CA ..." } } }
    int commonName = at + 2 + 2 + 2 + 5;
    assertThat(unsigned(envelope, commonName)).as("a UTF8String, short length").isEqualTo(0x0c);
    byte[] broken = envelope.clone();
    broken[commonName + 1] = 0x55;
    return broken;
  }

  private static int unsigned(byte[] bytes, int at) {
    return bytes[at] & 0xff;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] encrypt(
      byte[] content, EncryptionKey recipient, KeyTransport transport, ContentCipher cipher) {
    return ENVELOPES.encrypt(content, recipient.certificate(), transport, cipher);
  }
}
