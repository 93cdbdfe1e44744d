package no.bindeledd.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import no.bindeledd.core.crypto.SignatureRejected.Reason;
import no.bindeledd.core.crypto.bc.CmsStructureEdits;
import no.bindeledd.core.crypto.bc.CmsTestMessages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A SignedData the hub accepts is one OpenSSL verifies too: the hub checks the parts the signature
 * does not cover (version numbers, the digest algorithm set) against RFC 5652, since an agency or
 * an auditor checks a stored message with OpenSSL later. Each case is a correctly signed message
 * with one such part changed.
 */
class CmsStructureTest {

  private static final byte[] CONTENT = "{\"answer\":\"Yes, referred.\"}".getBytes(UTF_8);

  @TempDir static Path keysDir;
  @TempDir static Path work;

  private static final Signatures signatures = new Signatures();
  private static OpenSsl openssl;
  private static DevelopmentCa ca;
  private static SigningKey agency;
  private static byte[] signed;

  @BeforeAll
  static void signOnce() throws Exception {
    openssl = OpenSsl.onPath();
    ca = DevelopmentCa.loadOrCreate(keysDir);
    agency = ca.issueSigningKey("910000001", "Oslo kommune");
    signed = signatures.sign(CONTENT, agency);
    Files.writeString(work.resolve("ca.pem"), Pem.encode(ca.certificate()));
    // The hub holds the registered certificate; OpenSSL is given it too, for messages without one.
    Files.writeString(work.resolve("agency.pem"), Pem.encode(agency.certificate()));
  }

  record Edit(String name, Function<byte[], byte[]> change, Reason refusal, String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Edit> refusedEdits() {
    return Stream.of(
        new Edit(
            "SignedData version 0",
            m -> CmsStructureEdits.withVersion(m, 0),
            Reason.MALFORMED,
            "the SignedData has version 0, but with this signer and content it has version 1"),
        new Edit(
            "SignedData version 2",
            m -> CmsStructureEdits.withVersion(m, 2),
            Reason.MALFORMED,
            "has version 2"),
        new Edit(
            "SignedData version 3 with a signer named by issuer and serial",
            m -> CmsStructureEdits.withVersion(m, 3),
            Reason.MALFORMED,
            "has version 3"),
        new Edit(
            "SignedData version 4",
            m -> CmsStructureEdits.withVersion(m, 4),
            Reason.MALFORMED,
            "has version 4"),
        new Edit(
            "SignedData version 5",
            m -> CmsStructureEdits.withVersion(m, 5),
            Reason.MALFORMED,
            "has version 5"),
        new Edit(
            "SignedData version -1",
            m -> CmsStructureEdits.withVersion(m, -1),
            Reason.MALFORMED,
            "has version -1"),
        new Edit(
            "SignedData version beyond a long",
            m -> CmsStructureEdits.withVersion(m, Long.MAX_VALUE),
            Reason.MALFORMED,
            "version"),
        new Edit(
            "digestAlgorithms empty",
            m -> CmsStructureEdits.withDigestAlgorithms(m, List.of()),
            Reason.MALFORMED,
            "digestAlgorithms do not name the signer's digest algorithm 2.16.840.1.101.3.4.2.1"),
        new Edit(
            "digestAlgorithms naming SHA-384 only, the signer using SHA-256",
            m -> CmsStructureEdits.withDigestAlgorithms(m, List.of("SHA-384")),
            Reason.MALFORMED,
            "digestAlgorithms do not name the signer's digest algorithm"),
        new Edit(
            "digestAlgorithms adding SHA-1",
            m -> CmsStructureEdits.withDigestAlgorithms(m, List.of("SHA-256", "SHA-1")),
            Reason.BAD_SIGNATURE,
            "digest algorithm 1.3.14.3.2.26, which is not accepted"),
        new Edit(
            "digestAlgorithms naming SHA-1 only",
            m -> CmsStructureEdits.withDigestAlgorithms(m, List.of("SHA-1")),
            Reason.BAD_SIGNATURE,
            "not accepted"),
        new Edit(
            "digestAlgorithms with parameters on SHA-256",
            m -> CmsStructureEdits.withIntegerDigestParameters(m),
            Reason.MALFORMED,
            "carries parameters"),
        new Edit(
            "SignerInfo version 0",
            m -> CmsStructureEdits.withSignerInfoVersion(m, 0),
            Reason.MALFORMED,
            "the SignerInfo has version 0, but one naming its signer by issuer and serial number"
                + " has version 1"),
        new Edit(
            "SignerInfo version 3 naming its signer by issuer and serial",
            m -> CmsStructureEdits.withSignerInfoVersion(m, 3),
            Reason.MALFORMED,
            "the SignerInfo has version 3"),
        new Edit(
            "SignerInfo version 2",
            m -> CmsStructureEdits.withSignerInfoVersion(m, 2),
            Reason.MALFORMED,
            "the SignerInfo has version 2"),
        new Edit(
            "a signer named by key identifier in a SignedData of version 1",
            m ->
                CmsStructureEdits.withVersion(
                    CmsTestMessages.signerNamedByKeyIdentifier(CONTENT, agency), 1),
            Reason.MALFORMED,
            "the SignedData has version 1, but with this signer and content it has version 3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedEdits")
  void aStructureRfc5652ForbidsIsRefusedAndSaysWhy(Edit edit) {
    byte[] message = edit.change().apply(signed);

    SignatureRejected rejected = verifyExpectingRejection(message);

    assertThat(rejected.reason()).isEqualTo(edit.refusal());
    assertThat(rejected.getMessage()).contains(edit.detail());
  }

  /**
   * The promise, over every case here and the structures the hub accepts: nothing the hub accepts
   * is refused by {@code openssl cms -verify}.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("everyStructure")
  void whatTheHubAcceptsOpenSslVerifies(String name, byte[] message) throws Exception {
    boolean hubAccepts = accepts(message);
    Path file = Files.write(Files.createTempFile(work, "structure-", ".p7m"), message);

    OpenSsl.Result verdict =
        openssl.run(
            work,
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-in",
            file.toString(),
            "-CAfile",
            "ca.pem",
            "-certfile",
            "agency.pem",
            "-binary",
            "-out",
            file + ".out");

    if (hubAccepts) {
      assertThat(verdict.exitCode()).as("openssl on %s: %s", name, verdict.output()).isZero();
    }
  }

  static Stream<Arguments> acceptedStructures() {
    return Stream.of(
        Arguments.of("as the hub signs it", signed),
        Arguments.of(
            "digestAlgorithms naming SHA-256 and SHA-384",
            CmsStructureEdits.withDigestAlgorithms(signed, List.of("SHA-256", "SHA-384"))),
        Arguments.of(
            "digestAlgorithms with NULL parameters on SHA-256",
            CmsStructureEdits.withNullDigestParameters(signed)),
        Arguments.of(
            "a signer named by key identifier, version 3",
            CmsTestMessages.signerNamedByKeyIdentifier(CONTENT, agency)));
  }

  static Stream<Arguments> everyStructure() {
    return Stream.concat(
        acceptedStructures(),
        refusedEdits().map(e -> Arguments.of(e.name(), e.change().apply(signed))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedStructures")
  void aStructureRfc5652AllowsIsAccepted(String name, byte[] message) {
    assertThat(accepts(message)).as(name).isTrue();
  }

  @ParameterizedTest(name = "OpenSSL naming its signer by {0}")
  @ValueSource(strings = {"issuer and serial number", "subject key identifier"})
  void whatOpenSslSignsKeepsTheVersionsRfc5652Gives(String naming) throws Exception {
    Files.writeString(work.resolve("agency.key"), Pem.encode(agency.privateKey()));
    Files.write(work.resolve("content.bin"), CONTENT);
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "cms",
                "-sign",
                "-binary",
                "-nodetach",
                "-md",
                "sha256",
                "-signer",
                "agency.pem",
                "-inkey",
                "agency.key",
                "-in",
                "content.bin",
                "-outform",
                "DER",
                "-out",
                "signed.p7m"));
    if (naming.equals("subject key identifier")) {
      arguments.add("-keyid");
    }
    openssl.succeed(work, arguments.toArray(String[]::new));

    assertThat(accepts(Files.readAllBytes(work.resolve("signed.p7m")))).isTrue();
  }

  private static boolean accepts(byte[] message) {
    try {
      return signatures.verify(message, List.of(agency.certificate()), Instant.now()).content()
          != null;
    } catch (SignatureRejected e) {
      return false;
    }
  }

  private static SignatureRejected verifyExpectingRejection(byte[] message) {
    SignatureRejected rejected =
        catchThrowableOfType(
            SignatureRejected.class,
            () -> signatures.verify(message, List.of(agency.certificate()), Instant.now()));
    assertThat(rejected).as("the hub refuses the message").isNotNull();
    return rejected;
  }
}
