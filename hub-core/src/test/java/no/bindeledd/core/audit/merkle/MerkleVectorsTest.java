package no.bindeledd.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The inclusion and consistency proof vectors of transparency-dev/merkle: per tree, one proof that
 * holds and many mutations of it that must not. One test per file, named by its path. The subtree
 * folders hold the same for the subtree proofs of draft-ietf-plants-merkle-tree-certs: a leaf in a
 * subtree [start, end), and a subtree in the whole tree.
 *
 * <p>The vectors are published test data, never in the repository. Without them these tests are
 * skipped, saying where they looked and how to supply them; with {@code
 * -Dbindeledd.standards.required=true} (CI) they fail instead.
 */
class MerkleVectorsTest {

  static final String PROPERTY = "bindeledd.standards";

  /** When true, missing vectors fail the build instead of skipping these tests. */
  static final String REQUIRED = "bindeledd.standards.required";

  private static final Logger LOG = Logger.getLogger(MerkleVectorsTest.class.getName());

  /** Every folder of vectors; each must be there, and none is left out. */
  private static final List<String> FOLDERS =
      List.of("inclusion", "consistency", "subtreeinclusion", "subtreeconsistency");

  private static Optional<Path> found;

  /**
   * The vectors' folder, or empty when it is missing; then the first look logs one line that says
   * what is skipped and how to supply the vectors.
   */
  static synchronized Optional<Path> vectors() {
    if (found == null) {
      Path testdata = configuredFolder();
      found =
          testdata != null
                  && FOLDERS.stream()
                      .allMatch(folder -> Files.isDirectory(testdata.resolve(folder)))
              ? Optional.of(testdata)
              : Optional.empty();
      if (found.isEmpty() && !Boolean.getBoolean(REQUIRED)) {
        LOG.warning(() -> "Skipped MerkleVectorsTest: " + missing(testdata));
      }
    }
    return found;
  }

  private static String missing(Path testdata) {
    return "the transparency-dev Merkle proof vectors (github.com/transparency-dev/merkle,"
        + " testdata/) are not in "
        + (testdata == null ? "(" + PROPERTY + " is not set)" : testdata.toAbsolutePath())
        + "; run with -D"
        + PROPERTY
        + "=/path/to/standards, the folder that holds merkle/testdata/ (see README.md)";
  }

  /**
   * Each folder's vectors as tests; without the vectors, one test that is skipped, or fails when
   * the build requires the standards' data ({@value #REQUIRED}, as CI does).
   */
  private static Stream<DynamicNode> vectorsIn(String folder, VectorCheck check) {
    Optional<Path> testdata = vectors();
    if (testdata.isEmpty()) {
      String missing = missing(configuredFolder());
      return Stream.of(
          DynamicTest.dynamicTest(
              folder,
              () -> {
                if (Boolean.getBoolean(REQUIRED)) {
                  fail("Required by -D" + REQUIRED + "=true, but " + missing);
                }
                Assumptions.abort(missing);
              }));
    }
    return Stream.of(
        DynamicContainer.dynamicContainer(folder, vectorTests(testdata.get(), folder, check)));
  }

  /** Where the vectors are looked for: merkle/testdata/ in the configured folder. */
  private static Path configuredFolder() {
    String configured = System.getProperty(PROPERTY);
    return configured == null || configured.isBlank()
        ? null
        : Path.of(configured).resolve("merkle").resolve("testdata").normalize();
  }

  @TestFactory
  Stream<DynamicNode> inclusionVectors() {
    return vectorsIn("inclusion", MerkleVectorsTest::checkInclusion);
  }

  @TestFactory
  Stream<DynamicNode> consistencyVectors() {
    return vectorsIn("consistency", MerkleVectorsTest::checkConsistency);
  }

  @TestFactory
  Stream<DynamicNode> subtreeInclusionVectors() {
    return vectorsIn("subtreeinclusion", MerkleVectorsTest::checkSubtreeInclusion);
  }

  // Folders 1 to 4 each hold an invalid-subtree.json ([1, 15), rejected) that the generator at the
  // vectors' commit no longer writes there (it moved to additional/); it runs like any other file.
  @TestFactory
  Stream<DynamicNode> subtreeConsistencyVectors() {
    return vectorsIn("subtreeconsistency", MerkleVectorsTest::checkSubtreeConsistency);
  }

  @FunctionalInterface
  private interface VectorCheck {
    void check(JsonObject vector);
  }

  private static Stream<DynamicNode> vectorTests(Path testdata, String folder, VectorCheck check) {
    List<Path> files = jsonFiles(testdata.resolve(folder));
    assertThat(files).as("vectors in %s", testdata.resolve(folder)).isNotEmpty();
    return files.stream()
        .map(
            file -> {
              String name = testdata.relativize(file).toString().replace('\\', '/');
              return DynamicTest.dynamicTest(
                  name, file.toUri(), vectorTest(name, read(file), check));
            });
  }

  private static Executable vectorTest(String name, JsonObject vector, VectorCheck check) {
    boolean wantErr = vector.getBoolean("wantErr");
    String desc = vector.getString("desc");
    if (wantErr) {
      return () ->
          assertThatThrownBy(() -> check.check(vector))
              .as("%s must be rejected", desc)
              .isInstanceOf(ProofRejected.class);
    }
    return () -> assertThatCode(() -> check.check(vector)).as(desc).doesNotThrowAnyException();
  }

  private static void checkInclusion(JsonObject vector) {
    MerkleVerifier.verifyInclusion(
        uint64(vector, "leafIdx"),
        uint64(vector, "treeSize"),
        bytes(vector, "leafHash"),
        hashes(vector, "proof"),
        bytes(vector, "root"));
  }

  private static void checkConsistency(JsonObject vector) {
    MerkleVerifier.verifyConsistency(
        uint64(vector, "size1"),
        uint64(vector, "size2"),
        bytes(vector, "root1"),
        bytes(vector, "root2"),
        hashes(vector, "proof"));
  }

  // root is the subtree's hash, MTH(D[start:end]).
  private static void checkSubtreeInclusion(JsonObject vector) {
    MerkleVerifier.verifySubtreeInclusion(
        uint64(vector, "leafIdx"),
        uint64(vector, "start"),
        uint64(vector, "end"),
        bytes(vector, "leafHash"),
        hashes(vector, "proof"),
        bytes(vector, "root"));
  }

  // root1 is the subtree's hash, root2 the root of the tree of size leaves. In two kinds of file a
  // "root" is 12 bytes of text and the proof is still to be accepted: the whole tree as its own
  // subtree, with equal roots, and an empty subtree, whose proof says nothing of the tree's root.
  // The vectors are the contract; see MerkleVerifier.verifySubtreeConsistency.
  private static void checkSubtreeConsistency(JsonObject vector) {
    MerkleVerifier.verifySubtreeConsistency(
        uint64(vector, "start"),
        uint64(vector, "end"),
        uint64(vector, "size"),
        bytes(vector, "root1"),
        bytes(vector, "root2"),
        hashes(vector, "proof"));
  }

  /**
   * The vectors hold unsigned 64-bit numbers; the verifier takes them as the same 64 bits in a
   * long, so 2^64 - 1 (0 minus 1 in the reference's arithmetic) arrives as -1, and the end 2^63 + 2
   * of a subtree as a negative number too: both beyond any tree the verifier accepts.
   */
  private static long uint64(JsonObject vector, String name) {
    BigInteger value = vector.getJsonNumber(name).bigIntegerValueExact();
    assertThat(value.signum() >= 0 && value.bitLength() <= Long.SIZE)
        .as("%s = %s is an unsigned 64-bit number", name, value)
        .isTrue();
    return value.longValue();
  }

  private static byte[] bytes(JsonObject vector, String name) {
    return Base64.getDecoder().decode(vector.getString(name));
  }

  // As in the reference's JSON decoding, a null proof is an empty one.
  private static List<byte[]> hashes(JsonObject vector, String name) {
    if (vector.isNull(name)) {
      return List.of();
    }
    return vector.getJsonArray(name).stream()
        .map(value -> Base64.getDecoder().decode(((JsonString) value).getString()))
        .toList();
  }

  private static List<Path> jsonFiles(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject read(Path file) {
    try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
      JsonObject json = reader.readObject();
      assertThat(json.get("wantErr"))
          .as("%s has wantErr", file)
          .isIn(JsonValue.TRUE, JsonValue.FALSE);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
