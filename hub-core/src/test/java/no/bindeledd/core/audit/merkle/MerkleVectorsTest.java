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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The inclusion and consistency proof vectors of transparency-dev/merkle: per tree, one proof that
 * holds and many mutations of it that must not. One test per file, named by its path.
 *
 * <p>The vectors are test data kept beside the checkout, never in the repository; without them this
 * test fails and says where it looked.
 */
class MerkleVectorsTest {

  static final String PROPERTY = "bindeledd.standards";

  /**
   * Subtree proofs (a range [start, end) of the tree proven against the whole; from the Merkle Tree
   * Certificates drafts) are not RFC 9162 proofs, which always start at leaf 0, and this library
   * does not make or check them.
   */
  private static final List<String> OTHER_CONSTRUCTIONS =
      List.of("subtreeinclusion", "subtreeconsistency");

  static Path vectors() {
    String configured = System.getProperty(PROPERTY);
    Path testdata =
        configured == null
            ? null
            : Path.of(configured).resolve("merkle").resolve("testdata").normalize();
    if (testdata == null
        || !Files.isDirectory(testdata.resolve("inclusion"))
        || !Files.isDirectory(testdata.resolve("consistency"))) {
      fail(
          "The Merkle proof vectors were not found: looked in "
              + (testdata == null
                  ? "nothing, since the system property " + PROPERTY + " is not set"
                  : testdata.toAbsolutePath() + " for inclusion/ and consistency/")
              + ". Maven sets "
              + PROPERTY
              + " to ../shared/standards beside the checkout; to use another copy, run with -D"
              + PROPERTY
              + "=/path/to/standards (the folder that holds merkle/testdata/).");
    }
    return testdata;
  }

  @TestFactory
  Stream<DynamicNode> inclusionVectors() {
    Path testdata = vectors();
    return Stream.of(
        DynamicContainer.dynamicContainer(
            "inclusion", vectorTests(testdata, "inclusion", MerkleVectorsTest::checkInclusion)));
  }

  @TestFactory
  Stream<DynamicNode> consistencyVectors() {
    Path testdata = vectors();
    return Stream.of(
        DynamicContainer.dynamicContainer(
            "consistency",
            vectorTests(testdata, "consistency", MerkleVectorsTest::checkConsistency)));
  }

  @TestFactory
  Stream<DynamicNode> subtreeVectorsAreSkipped() {
    Path testdata = vectors();
    return Stream.of(
        DynamicContainer.dynamicContainer(
            "subtree proofs, not RFC 9162",
            OTHER_CONSTRUCTIONS.stream()
                .map(
                    folder ->
                        DynamicTest.dynamicTest(
                            folder + " (skipped)",
                            testdata.resolve(folder).toUri(),
                            () -> skip(testdata, folder)))));
  }

  private static void skip(Path testdata, String folder) {
    List<Path> files = jsonFiles(testdata.resolve(folder));
    // Confirm they are what the skip says: every one names a subtree range.
    for (Path file : files) {
      JsonObject vector = read(file);
      assertThat(vector.containsKey("start") && vector.containsKey("end"))
          .as("%s names a subtree [start, end)", testdata.relativize(file))
          .isTrue();
    }
    Assumptions.abort(
        files.size()
            + " vectors in "
            + folder
            + "/ are subtree proofs ([start, end) against the whole tree), a construction RFC"
            + " 9162 does not define; not checked");
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

  /**
   * The vectors hold unsigned 64-bit numbers; the verifier takes them as the same 64 bits in a
   * long, so 2^64 - 1 (0 minus 1 in the reference's arithmetic) arrives as -1.
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
