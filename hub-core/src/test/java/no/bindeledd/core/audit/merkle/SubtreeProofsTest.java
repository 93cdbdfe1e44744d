package no.bindeledd.core.audit.merkle;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The subtree proofs of draft-ietf-plants-merkle-tree-certs (§4, "Subtrees"): the tree makes them
 * as the draft defines them, and the verifier accepts every one of them and none changed by a bit,
 * a hash more or a hash less.
 *
 * <p>The proofs to verify come from the draft's recursive definitions ({@link ReferenceMerkle})
 * over a tree of random entries, at every size up to {@value #EXHAUSTIVE_UP_TO} and at random sizes
 * up to {@value #MAX_SIZE}; and from the tree, checked against the draft's accumulated test
 * vectors.
 */
class SubtreeProofsTest {

  private static final int MAX_SIZE = 300;
  private static final int EXHAUSTIVE_UP_TO = 40;
  private static final int RANDOM_SIZES = 12;
  private static final int SAMPLED_PER_SIZE = 40;
  private static final long SEED = 20260;
  private static final HexFormat HEX = HexFormat.of();

  private static final LogTree tree = new LogTree();
  private static final List<byte[]> leafHashes = new ArrayList<>();
  private static final byte[][] roots = new byte[MAX_SIZE + 1][];

  @BeforeAll
  static void grow() {
    Random random = new Random(SEED);
    for (int i = 0; i < MAX_SIZE; i++) {
      byte[] entry = new byte[random.nextInt(80)];
      random.nextBytes(entry);
      tree.appendEntry(entry);
      leafHashes.add(MerkleHash.leaf(entry));
    }
    for (int n = 0; n <= MAX_SIZE; n++) {
      roots[n] = tree.root(n);
    }
  }

  /**
   * The draft's "Accumulated Subtree Test Vectors": over the tree of leaves 0x00, 0x01, … 0x81, the
   * SHA-256 of every subtree hash, every subtree inclusion proof and every subtree consistency
   * proof, each written as a line, for every subtree of every tree up to 130 leaves. Every one of
   * those proofs verifies.
   */
  @Test
  void theTreeMatchesTheDraftsAccumulatedVectorsAndEachOfThoseProofsVerifies() {
    LogTree d = new LogTree();
    for (int i = 0; i < 130; i++) {
      d.appendEntry(new byte[] {(byte) i});
    }
    MessageDigest subtreeHashes = MerkleHash.sha256();
    MessageDigest inclusionProofs = MerkleHash.sha256();
    for (int end = 0; end <= 130; end++) {
      for (int start = 0; start <= end; start++) {
        if (!MerkleVerifier.isSubtree(start, end)) {
          continue;
        }
        byte[] hash = d.subtreeHash(start, end);
        subtreeHashes.update(line("[" + start + ", " + end + ") " + HEX.formatHex(hash)));
        for (int index = start; index < end; index++) {
          List<byte[]> proof = d.subtreeInclusionProof(index, start, end);
          inclusionProofs.update(line(index + " [" + start + ", " + end + ")", proof));
          MerkleVerifier.verifySubtreeInclusion(index, start, end, d.leafHash(index), proof, hash);
        }
      }
    }
    MessageDigest consistencyProofs = MerkleHash.sha256();
    for (int n = 0; n <= 130; n++) {
      for (int end = 0; end <= n; end++) {
        for (int start = 0; start <= end; start++) {
          if (!MerkleVerifier.isSubtree(start, end)) {
            continue;
          }
          List<byte[]> proof = d.subtreeConsistencyProof(start, end, n);
          consistencyProofs.update(line("[" + start + ", " + end + ") " + n, proof));
          MerkleVerifier.verifySubtreeConsistency(
              start, end, n, d.subtreeHash(start, end), d.root(n), proof);
        }
      }
    }
    assertThat(HEX.formatHex(subtreeHashes.digest()))
        .isEqualTo("b82806ad4265bb151c1119c0f4db437bb4d1a1f887b3a7fba1cd4ebf552e3e81");
    assertThat(HEX.formatHex(inclusionProofs.digest()))
        .isEqualTo("ac2a8f989e44d99e399db448050ff5f19757df53cfb716aa81015d3955d8163f");
    assertThat(HEX.formatHex(consistencyProofs.digest()))
        .isEqualTo("10fa99b37bf9bf9ffa26b412fbd98bd75363256d0b75d61bc4538b9c9c5a0a74");
  }

  @Test
  void proofsByTheDraftsDefinitionsVerifyAndAreTheTreesOwn() {
    for (int n : sizes()) {
      for (int[] subtree : subtrees(n)) {
        int start = subtree[0];
        int end = subtree[1];
        byte[] hash = ReferenceMerkle.mth(leafHashes, start, end);
        assertThat(tree.subtreeHash(start, end)).as("[%d, %d)", start, end).isEqualTo(hash);

        List<byte[]> proof = ReferenceMerkle.subtreeProof(leafHashes, start, end, n);
        assertThat(hex(tree.subtreeConsistencyProof(start, end, n)))
            .as("[%d, %d) in %d", start, end, n)
            .isEqualTo(hex(proof));
        assertThat(acceptsConsistency(start, end, n, hash, roots[n], proof))
            .as("[%d, %d) in %d", start, end, n)
            .isTrue();

        for (int index = start; inclusionsToo(n, end) && index < end; index++) {
          List<byte[]> path = ReferenceMerkle.path(leafHashes, index - start, start, end);
          assertThat(hex(tree.subtreeInclusionProof(index, start, end)))
              .as("leaf %d in [%d, %d)", index, start, end)
              .isEqualTo(hex(path));
          assertThat(acceptsInclusion(index, start, end, leafHashes.get(index), path, hash))
              .as("leaf %d in [%d, %d)", index, start, end)
              .isTrue();
        }
      }
    }
  }

  /** The draft: a subtree [0, end) gives the RFC's consistency proof, and [i, i + 1) its path. */
  @Test
  void subtreeProofsOfFirstTreesAndOfSingleLeavesAreTheRfcsProofs() {
    for (int n = 1; n <= 64; n++) {
      for (int end = 1; end <= n; end++) {
        assertThat(hex(tree.subtreeConsistencyProof(0, end, n)))
            .isEqualTo(hex(tree.consistencyProof(end, n)));
      }
      for (int i = 0; i < n; i++) {
        assertThat(hex(tree.subtreeConsistencyProof(i, i + 1, n)))
            .isEqualTo(hex(tree.inclusionProof(i, n)));
      }
    }
  }

  @Test
  void flippingABitOfAProofOrOfAHashItChecksIsRejected() {
    Random random = new Random(SEED);
    for (int n : sizes()) {
      for (int[] subtree : subtrees(n)) {
        int start = subtree[0];
        int end = subtree[1];
        byte[] hash = tree.subtreeHash(start, end);
        List<byte[]> proof = tree.subtreeConsistencyProof(start, end, n);
        int bit = random.nextInt(MerkleHash.SIZE * 8);
        for (int i = 0; i < proof.size(); i++) {
          assertThat(acceptsConsistency(start, end, n, hash, roots[n], flip(proof, i, bit)))
              .as("bit %d of hash %d, [%d, %d) in %d", bit, i, start, end, n)
              .isFalse();
        }
        assertThat(acceptsConsistency(start, end, n, flip(hash, bit), roots[n], proof))
            .as("subtree hash bit %d, [%d, %d) in %d", bit, start, end, n)
            .isFalse();
        // An empty subtree is in every tree: its proof is empty and binds no root (as the draft).
        assertThat(acceptsConsistency(start, end, n, hash, flip(roots[n], bit), proof))
            .as("root bit %d, [%d, %d) in %d", bit, start, end, n)
            .isEqualTo(start == end);

        for (int index = start; inclusionsToo(n, end) && index < end; index++) {
          List<byte[]> path = tree.subtreeInclusionProof(index, start, end);
          byte[] leaf = leafHashes.get(index);
          for (int i = 0; i < path.size(); i++) {
            assertThat(acceptsInclusion(index, start, end, leaf, flip(path, i, bit), hash))
                .as("bit %d of hash %d, leaf %d in [%d, %d)", bit, i, index, start, end)
                .isFalse();
          }
          assertThat(acceptsInclusion(index, start, end, flip(leaf, bit), path, hash))
              .as("leaf bit %d, leaf %d in [%d, %d)", bit, index, start, end)
              .isFalse();
          assertThat(acceptsInclusion(index, start, end, leaf, path, flip(hash, bit)))
              .as("subtree hash bit %d, leaf %d in [%d, %d)", bit, index, start, end)
              .isFalse();
        }
      }
    }
  }

  @Test
  void aHashMoreOrAHashLessIsRejected() {
    byte[] extra = leafHashes.get(0);
    for (int n = 1; n <= EXHAUSTIVE_UP_TO; n++) {
      for (int[] subtree : subtrees(n)) {
        int start = subtree[0];
        int end = subtree[1];
        byte[] hash = tree.subtreeHash(start, end);
        List<byte[]> proof = tree.subtreeConsistencyProof(start, end, n);
        for (List<byte[]> changed : insertionsAndRemovals(proof, extra)) {
          assertThat(acceptsConsistency(start, end, n, hash, roots[n], changed))
              .as("[%d, %d) in %d with %d hashes", start, end, n, changed.size())
              .isFalse();
        }
        if (end == n) {
          for (int index = start; index < end; index++) {
            List<byte[]> path = tree.subtreeInclusionProof(index, start, end);
            for (List<byte[]> changed : insertionsAndRemovals(path, extra)) {
              assertThat(acceptsInclusion(index, start, end, leafHashes.get(index), changed, hash))
                  .as("leaf %d in [%d, %d) with %d hashes", index, start, end, changed.size())
                  .isFalse();
            }
          }
        }
      }
    }
  }

  /** Every size up to {@value #EXHAUSTIVE_UP_TO}, then a fixed random sample up to the maximum. */
  private static TreeSet<Integer> sizes() {
    TreeSet<Integer> sizes = new TreeSet<>();
    for (int n = 0; n <= EXHAUSTIVE_UP_TO; n++) {
      sizes.add(n);
    }
    Random random = new Random(SEED + 1);
    while (sizes.size() < EXHAUSTIVE_UP_TO + 1 + RANDOM_SIZES) {
      sizes.add(EXHAUSTIVE_UP_TO + 1 + random.nextInt(MAX_SIZE - EXHAUSTIVE_UP_TO));
    }
    sizes.add(MAX_SIZE);
    return sizes;
  }

  /**
   * The subtrees [start, end) of the tree of {@code n} leaves, {@code end ≤ n}: all of them up to
   * {@value #EXHAUSTIVE_UP_TO} leaves, a fixed random sample in larger trees. By the draft's
   * definition written out plainly: {@code start} a multiple of the smallest power of two at or
   * above {@code end - start}.
   */
  private static List<int[]> subtrees(int n) {
    List<int[]> all = new ArrayList<>();
    for (int end = 0; end <= n; end++) {
      for (int start = 0; start <= end; start++) {
        int ceiling = 1;
        while (ceiling < end - start) {
          ceiling *= 2;
        }
        if (start % ceiling == 0) {
          all.add(new int[] {start, end});
        }
      }
    }
    if (n <= EXHAUSTIVE_UP_TO) {
      return all;
    }
    Random random = new Random(SEED + n);
    List<int[]> sample = new ArrayList<>();
    for (int i = 0; i < SAMPLED_PER_SIZE; i++) {
      sample.add(all.get(random.nextInt(all.size())));
    }
    return sample;
  }

  /**
   * Whether to check the inclusion proofs of the subtree [start, end) while at size {@code n}: they
   * do not depend on the tree's size, so in the exhaustive sizes only once, at {@code n = end}.
   */
  private static boolean inclusionsToo(int n, int end) {
    return end == n || n > EXHAUSTIVE_UP_TO;
  }

  private static byte[] line(String prefix, List<byte[]> proof) {
    StringBuilder line = new StringBuilder(prefix);
    for (byte[] hash : proof) {
      line.append(' ').append(HEX.formatHex(hash));
    }
    return line(line.toString());
  }

  private static byte[] line(String text) {
    return (text + "\n").getBytes(US_ASCII);
  }

  private static List<List<byte[]>> insertionsAndRemovals(List<byte[]> proof, byte[] extra) {
    List<List<byte[]>> changed = new ArrayList<>();
    for (int i = 0; i <= proof.size(); i++) {
      List<byte[]> longer = new ArrayList<>(proof);
      longer.add(i, extra);
      changed.add(longer);
    }
    for (int i = 0; i < proof.size(); i++) {
      List<byte[]> shorter = new ArrayList<>(proof);
      shorter.remove(i);
      changed.add(shorter);
    }
    return changed;
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }

  private static byte[] flip(byte[] hash, int bit) {
    byte[] flipped = hash.clone();
    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
    return flipped;
  }

  private static List<byte[]> flip(List<byte[]> proof, int index, int bit) {
    List<byte[]> flipped = new ArrayList<>(proof);
    flipped.set(index, flip(proof.get(index), bit));
    return flipped;
  }

  private static boolean acceptsInclusion(
      long index, long start, long end, byte[] leafHash, List<byte[]> proof, byte[] subtreeHash) {
    try {
      MerkleVerifier.verifySubtreeInclusion(index, start, end, leafHash, proof, subtreeHash);
      return true;
    } catch (ProofRejected e) {
      return false;
    }
  }

  private static boolean acceptsConsistency(
      long start, long end, long size, byte[] subtreeHash, byte[] root, List<byte[]> proof) {
    try {
      MerkleVerifier.verifySubtreeConsistency(start, end, size, subtreeHash, root, proof);
      return true;
    } catch (ProofRejected e) {
      return false;
    }
  }
}
