package no.bindeledd.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every proof of a random tree of 300 leaves, for every size from 1 to 300, verifies; and the
 * mutations an attacker could try do not. The tree of the first n leaves is the tree of size n, so
 * one tree of 300 covers all 300 sizes.
 *
 * <p>Every proof is checked. Mutations are exhaustive in the small trees; in the larger ones they
 * touch a fixed random sample of leaves and first sizes, and flip one random bit per hash, which
 * keeps the run to seconds. Sizes are changed as far as RFC 9162 binds them: see {@link
 * #theProofDoesNotBindTheSizeBeyondItsShape()}.
 */
class LogTreePropertyTest {

  private static final int MAX_SIZE = 300;
  private static final int EXHAUSTIVE_BITS_UP_TO = 16;
  private static final int EXHAUSTIVE_INDEXES_UP_TO = 64;
  private static final int SAMPLED_PER_SIZE = 16;
  private static final long SEED = 9162;

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

  @Test
  void rootsProofsAndLeavesAreThoseOfTheRfcDefinitions() {
    for (int n = 0; n <= MAX_SIZE; n++) {
      assertThat(roots[n]).as("root %d", n).isEqualTo(ReferenceMerkle.mth(leafHashes, 0, n));
    }
    for (int n = 1; n <= 64; n++) {
      for (int m = 0; m < n; m++) {
        assertThat(hex(tree.inclusionProof(m, n)))
            .as("inclusion of %d in %d", m, n)
            .isEqualTo(hex(ReferenceMerkle.path(leafHashes, m, 0, n)));
      }
      for (int m = 1; m <= n; m++) {
        assertThat(hex(tree.consistencyProof(m, n)))
            .as("consistency of %d with %d", m, n)
            .isEqualTo(hex(ReferenceMerkle.proof(leafHashes, m, n)));
      }
    }
    for (int i = 0; i < MAX_SIZE; i++) {
      assertThat(tree.leafHash(i)).isEqualTo(leafHashes.get(i));
    }
  }

  @Test
  void everyInclusionProofVerifiesAndHasTheLengthTheVerifierExpects() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = tree.inclusionProof(m, n);
        assertThat(proof).hasSize(MerkleVerifier.inclusionProofLength(m, n));
        assertThat(accepts(m, n, leafHashes.get(m), proof, roots[n]))
            .as("leaf %d in %d", m, n)
            .isTrue();
      }
    }
  }

  @Test
  void everyConsistencyProofVerifiesAndHasTheLengthTheVerifierExpects() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = tree.consistencyProof(m, n);
        if (m < n) {
          assertThat(proof).hasSize(MerkleVerifier.consistencyProofLength(m, n));
        } else {
          assertThat(proof).isEmpty();
        }
        assertThat(accepts(m, n, roots[m], roots[n], proof)).as("%d to %d", m, n).isTrue();
      }
    }
  }

  @Test
  void flippingAnyBitOfAnInclusionProofItsLeafOrItsRootIsRejected() {
    Random random = new Random(SEED);
    for (int n = 1; n <= MAX_SIZE; n++) {
      for (int m : sample(0, n - 1, n)) {
        List<byte[]> proof = tree.inclusionProof(m, n);
        byte[] leaf = leafHashes.get(m);
        for (int bit : bits(n, random)) {
          assertThat(accepts(m, n, flip(leaf, bit), proof, roots[n]))
              .as("leaf bit %d, leaf %d in %d", bit, m, n)
              .isFalse();
          assertThat(accepts(m, n, leaf, proof, flip(roots[n], bit)))
              .as("root bit %d, leaf %d in %d", bit, m, n)
              .isFalse();
          for (int i = 0; i < proof.size(); i++) {
            assertThat(accepts(m, n, leaf, flip(proof, i, bit), roots[n]))
                .as("bit %d of hash %d, leaf %d in %d", bit, i, m, n)
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void flippingAnyBitOfAConsistencyProofOrOfEitherRootIsRejected() {
    Random random = new Random(SEED);
    for (int n = 1; n <= MAX_SIZE; n++) {
      for (int m : sample(1, n, n)) {
        List<byte[]> proof = tree.consistencyProof(m, n);
        for (int bit : bits(n, random)) {
          assertThat(accepts(m, n, flip(roots[m], bit), roots[n], proof))
              .as("first root bit %d, %d to %d", bit, m, n)
              .isFalse();
          assertThat(accepts(m, n, roots[m], flip(roots[n], bit), proof))
              .as("second root bit %d, %d to %d", bit, m, n)
              .isFalse();
          for (int i = 0; i < proof.size(); i++) {
            assertThat(accepts(m, n, roots[m], roots[n], flip(proof, i, bit)))
                .as("bit %d of hash %d, %d to %d", bit, i, m, n)
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void addingOrRemovingAProofHashIsRejected() {
    byte[] extra = leafHashes.get(0);
    for (int n = 1; n <= EXHAUSTIVE_INDEXES_UP_TO; n++) {
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = tree.inclusionProof(m, n);
        for (List<byte[]> changed : insertionsAndRemovals(proof, extra)) {
          assertThat(accepts(m, n, leafHashes.get(m), changed, roots[n]))
              .as("leaf %d in %d with %d hashes", m, n, changed.size())
              .isFalse();
        }
      }
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = tree.consistencyProof(m, n);
        for (List<byte[]> changed : insertionsAndRemovals(proof, extra)) {
          assertThat(accepts(m, n, roots[m], roots[n], changed))
              .as("%d to %d with %d hashes", m, n, changed.size())
              .isFalse();
        }
      }
    }
  }

  @Test
  void anotherLeafIndexIsRejected() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      for (int m : sample(0, n - 1, n)) {
        List<byte[]> proof = tree.inclusionProof(m, n);
        Set<Long> others = mutations(m);
        if (n <= EXHAUSTIVE_INDEXES_UP_TO) {
          for (long other = 0; other <= n; other++) {
            others.add(other);
          }
        }
        others.remove((long) m);
        for (long other : others) {
          assertThat(accepts(other, n, leafHashes.get(m), proof, roots[n]))
              .as("leaf %d's proof in %d as leaf %d", m, n, other)
              .isFalse();
        }
      }
    }
  }

  @Test
  void anotherTreeSizeIsRejectedWheneverTheProofCanTell() {
    for (int n = 1; n <= MAX_SIZE; n++) {
      for (int m : sample(0, n - 1, n)) {
        List<byte[]> proof = tree.inclusionProof(m, n);
        String shape = inclusionShape(m, n);
        for (long other : mutations(n)) {
          if (other == n) {
            continue;
          }
          if (other > 0 && other <= MAX_SIZE) {
            assertThat(accepts(m, other, leafHashes.get(m), proof, roots[(int) other]))
                .as("leaf %d's proof in %d against the root of %d", m, n, other)
                .isFalse();
          }
          assertThat(accepts(m, other, leafHashes.get(m), proof, roots[n]))
              .as("leaf %d's proof in %d claimed for size %d", m, n, other)
              .isEqualTo(shape.equals(inclusionShape(m, other)));
        }
      }
    }
    for (int n = 1; n <= MAX_SIZE; n++) {
      for (int m : sample(1, n, n)) {
        List<byte[]> proof = tree.consistencyProof(m, n);
        String shape = consistencyShape(m, n);
        for (long other : mutations(m)) {
          if (other == m) {
            continue;
          }
          if (other > 0 && other <= MAX_SIZE) {
            assertThat(accepts(other, n, roots[(int) other], roots[n], proof))
                .as("%d to %d's proof from %d with its root", m, n, other)
                .isFalse();
          }
          assertThat(accepts(other, n, roots[m], roots[n], proof))
              .as("%d to %d's proof claimed from %d", m, n, other)
              .isEqualTo(shape.equals(consistencyShape(other, n)));
        }
        for (long other : mutations(n)) {
          if (other == n) {
            continue;
          }
          if (other > 0 && other <= MAX_SIZE) {
            assertThat(accepts(m, other, roots[m], roots[(int) other], proof))
                .as("%d to %d's proof to %d with its root", m, n, other)
                .isFalse();
          }
          assertThat(accepts(m, other, roots[m], roots[n], proof))
              .as("%d to %d's proof claimed to %d", m, n, other)
              .isEqualTo(shape.equals(consistencyShape(m, other)));
        }
      }
    }
  }

  /**
   * RFC 9162 proofs bind the size only through the order in which they combine hashes: a proof
   * cannot tell a leaf hash from the hash of a subtree standing in its place. So the audit path of
   * leaf 0 in 8 leaves also verifies as one in 5, 6 or 7 leaves — against the 8-leaf root, never
   * against the root of a real 5-, 6- or 7-leaf tree. A verifier must take the size and the root
   * together from a signed tree head, as RFC 9162 §2.1.3.2 presumes.
   */
  @Test
  void theProofDoesNotBindTheSizeBeyondItsShape() {
    List<byte[]> proof = tree.inclusionProof(0, 8);
    for (int size = 5; size <= 7; size++) {
      assertThat(accepts(0, size, leafHashes.get(0), proof, roots[8])).isTrue();
      assertThat(accepts(0, size, leafHashes.get(0), proof, roots[size])).isFalse();
    }
    List<byte[]> consistency = tree.consistencyProof(4, 8);
    assertThat(accepts(4, 5, roots[4], roots[8], consistency)).isTrue();
    assertThat(accepts(4, 5, roots[4], roots[5], consistency)).isFalse();
  }

  // Same order of combinations as the original size and index: the proof computes the same root.
  private static String inclusionShape(long index, long size) {
    if (index < 0 || index >= size) {
      return "invalid";
    }
    StringBuilder shape = new StringBuilder();
    long fn = index;
    long sn = size - 1;
    while (sn != 0) {
      if ((fn & 1) == 1 || fn == sn) {
        shape.append('L');
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        shape.append('R');
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return shape.toString();
  }

  private static String consistencyShape(long size1, long size2) {
    if (size1 <= 0 || size1 >= size2) {
      return size1 > 0 && size1 == size2 ? "equal" : "invalid";
    }
    StringBuilder shape = new StringBuilder(Long.bitCount(size1) == 1 ? "P" : "");
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    while (sn != 0) {
      if ((fn & 1) == 1 || fn == sn) {
        shape.append('B');
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        shape.append('S');
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return shape.toString();
  }

  private static Set<Long> mutations(long value) {
    Set<Long> values = new LinkedHashSet<>();
    values.add(value - 1);
    values.add(value + 1);
    values.add(value * 2);
    values.add(value / 2);
    for (int b = 0; b < 10; b++) {
      values.add(value ^ (1L << b));
    }
    values.add(0L);
    values.add(-1L);
    values.add(Long.MAX_VALUE);
    values.add(Long.MIN_VALUE);
    return values;
  }

  /**
   * The indexes or first sizes from {@code first} to {@code last} to mutate in a tree of {@code
   * size}: all of them in trees up to {@value #EXHAUSTIVE_INDEXES_UP_TO} leaves; beyond, the edges
   * and a fixed random sample, which keeps the run to seconds.
   */
  private static Set<Integer> sample(int first, int last, int size) {
    Set<Integer> sample = new TreeSet<>();
    if (size <= EXHAUSTIVE_INDEXES_UP_TO) {
      for (int i = first; i <= last; i++) {
        sample.add(i);
      }
      return sample;
    }
    Random random = new Random(SEED + size);
    sample.addAll(List.of(first, first + 1, last - 1, last));
    for (int i = 0; i < SAMPLED_PER_SIZE; i++) {
      sample.add(first + random.nextInt(last - first + 1));
    }
    return sample;
  }

  private static int[] bits(int size, Random random) {
    if (size <= EXHAUSTIVE_BITS_UP_TO) {
      int[] all = new int[MerkleHash.SIZE * 8];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    return new int[] {random.nextInt(MerkleHash.SIZE * 8)};
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
    return hashes.stream().map(HexFormat.of()::formatHex).toList();
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

  private static boolean accepts(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    try {
      MerkleVerifier.verifyInclusion(index, size, leafHash, proof, root);
      return true;
    } catch (ProofRejected e) {
      return false;
    }
  }

  private static boolean accepts(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    try {
      MerkleVerifier.verifyConsistency(size1, size2, root1, root2, proof);
      return true;
    } catch (ProofRejected e) {
      return false;
    }
  }
}
