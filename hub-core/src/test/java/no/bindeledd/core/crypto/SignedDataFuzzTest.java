package no.bindeledd.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import no.bindeledd.core.crypto.bc.CmsTestMessages;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes an agency's system may send as a signed message: opening them against the agency's
 * registered certificates gives the content and its signer, or refuses with {@link
 * SignatureRejected} and its reason. Nothing else may escape, and no input may take it long. See
 * docs/fuzzing.md.
 *
 * <p>Jazzer fuzzes one {@code @FuzzTest} per JVM, and the short pass gives each fuzz test class a
 * JVM of its own; so each way of opening a message has a class of one method. Opening an enveloped
 * (encrypted) message is fuzzed the same way, in {@link EnvelopesFuzzTest}.
 */
class SignedDataFuzzTest {

  private static final byte[] CONTENT =
      "{\"type\":\"question\",\"text\":\"Was Amal referred to hospital?\"}".getBytes(UTF_8);

  private static final Signatures SIGNATURES = new Signatures();
  static final SigningKey FJORDVIK;
  static final SigningKey FJELLET;
  static final List<X509Certificate> REGISTERED;
  static final Instant RECEIVED;

  static {
    try {
      DevelopmentCa ca = DevelopmentCa.loadOrCreate(Files.createTempDirectory("fuzz-ca"));
      FJORDVIK = ca.issueSigningKey("311000004", "Fjordvik kommune");
      FJELLET = ca.issueSigningKey("311000063", "Fjellet kommune");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    REGISTERED = List.of(FJORDVIK.certificate());
    RECEIVED = Instant.now().plusSeconds(1);
  }

  @MethodSource("messages")
  @FuzzTest(maxDuration = "5m")
  void anyBytesOpenAsSignedContentOrAreRejected(byte[] bytes) {
    VerifiedContent verified;
    try {
      verified = SIGNATURES.verify(bytes, REGISTERED, RECEIVED);
    } catch (SignatureRejected rejected) {
      assertThat(rejected.reason()).isNotNull();
      assertThat(rejected.getMessage()).isNotBlank();
      return;
    }
    assertThat(verified.content()).isNotNull();
    assertThat(REGISTERED).contains(verified.signer());
    assertThat(verified.signingTime()).isNotNull();
  }

  /** Signed messages as agencies send them, accepted and refused ones. */
  static Stream<byte[]> messages() {
    return Stream.of(
        SIGNATURES.sign(CONTENT, FJORDVIK),
        SIGNATURES.sign(new byte[0], FJORDVIK),
        CmsTestMessages.berEncoded(CONTENT, FJORDVIK),
        CmsTestMessages.detached(CONTENT, FJORDVIK),
        CmsTestMessages.signedByAll(CONTENT, FJORDVIK, FJELLET),
        CmsTestMessages.withoutCertificates(CONTENT, FJORDVIK),
        CmsTestMessages.signerNamedByKeyIdentifier(CONTENT, FJORDVIK),
        SIGNATURES.sign(CONTENT, FJELLET));
  }
}
