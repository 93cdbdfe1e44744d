package no.bindeledd.core.audit.merkle;

import static no.bindeledd.core.audit.merkle.ProofRejected.Reason.IMPOSSIBLE_SIZES;
import static no.bindeledd.core.audit.merkle.ProofRejected.Reason.MALFORMED_HASH;
import static no.bindeledd.core.audit.merkle.ProofRejected.Reason.ROOT_MISMATCH;
import static no.bindeledd.core.audit.merkle.ProofRejected.Reason.WRONG_PROOF_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the verifier says when it rejects a proof: the reason and the plain words a report shows.
 */
class MerkleVerifierTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final long MAX = Long.MAX_VALUE;
  private static final LogTree tree = new LogTree();
  private static byte[] root5;
  private static byte[] root8;

  @BeforeAll
  static void grow() {
    for (int i = 0; i < 8; i++) {
      tree.appendEntry(new byte[] {(byte) i});
    }
    root5 = tree.root(5);
    root8 = tree.root(8);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> rejected(
      ThrowingCallable check, ProofRejected.Reason reason) {
    return assertThatThrownBy(check)
        .isInstanceOfSatisfying(
            ProofRejected.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void inclusionNeedsAnIndexInsideTheTree() {
    byte[] leaf = tree.leafHash(0);
    rejected(
            () -> MerkleVerifier.verifyInclusion(8, 8, leaf, tree.inclusionProof(7, 8), root8),
            IMPOSSIBLE_SIZES)
        .hasMessage("Proof rejected (IMPOSSIBLE_SIZES): leaf index 8 is not in a tree of 8 leaves");
    rejected(() -> MerkleVerifier.verifyInclusion(0, 0, leaf, List.of(), root8), IMPOSSIBLE_SIZES)
        .hasMessageEndingWith("the tree is empty, so it includes no leaf");
    rejected(() -> MerkleVerifier.verifyInclusion(-1, 8, leaf, List.of(), root8), IMPOSSIBLE_SIZES)
        .hasMessageContaining("18446744073709551615")
        .hasMessageEndingWith("the leaf index 18446744073709551615 is beyond 2^63 - 1");
  }

  @Test
  void inclusionNeedsWellFormedHashes() {
    List<byte[]> proof = tree.inclusionProof(0, 8);
    rejected(() -> MerkleVerifier.verifyInclusion(0, 8, new byte[31], proof, root8), MALFORMED_HASH)
        .hasMessageEndingWith("the leaf hash is 31 bytes long, not 32");
    rejected(
            () -> MerkleVerifier.verifyInclusion(0, 8, tree.leafHash(0), proof, null),
            MALFORMED_HASH)
        .hasMessageEndingWith("the root is missing");
    List<byte[]> shortHash = new ArrayList<>(proof);
    shortHash.set(1, new byte[0]);
    rejected(
            () -> MerkleVerifier.verifyInclusion(0, 8, tree.leafHash(0), shortHash, root8),
            MALFORMED_HASH)
        .hasMessageEndingWith("hash 1 of the proof is 0 bytes long, not 32");
    rejected(
            () -> MerkleVerifier.verifyInclusion(0, 8, tree.leafHash(0), null, root8),
            MALFORMED_HASH)
        .hasMessageEndingWith("the proof is missing");
  }

  @Test
  void inclusionSaysHowManyHashesItNeeds() {
    List<byte[]> proof = new ArrayList<>(tree.inclusionProof(1, 5));
    proof.add(root5);
    rejected(
            () -> MerkleVerifier.verifyInclusion(1, 5, tree.leafHash(1), proof, root5),
            WRONG_PROOF_LENGTH)
        .hasMessageEndingWith("the proof has 4 hashes, but leaf 1 in a tree of 5 leaves needs 3");
    rejected(
            () -> MerkleVerifier.verifyInclusion(0, 1, tree.leafHash(0), List.of(root5), root5),
            WRONG_PROOF_LENGTH)
        .hasMessageEndingWith("the proof has 1 hash, but leaf 0 in a tree of 1 leaf needs 0");
  }

  @Test
  void inclusionShowsBothRootsWhenTheyDiffer() {
    rejected(
            () ->
                MerkleVerifier.verifyInclusion(
                    1, 8, tree.leafHash(0), tree.inclusionProof(1, 8), root8),
            ROOT_MISMATCH)
        .hasMessageContaining("the proof leads to the root ")
        .hasMessageEndingWith(", not to " + java.util.HexFormat.of().formatHex(root8));
  }

  @Test
  void consistencyNeedsSizesThatCanGrow() {
    rejected(
            () -> MerkleVerifier.verifyConsistency(6, 5, root8, root5, List.of()), IMPOSSIBLE_SIZES)
        .hasMessageEndingWith(
            "the first tree (6 leaves) is larger than the second (5), but a log only grows");
    rejected(
            () -> MerkleVerifier.verifyConsistency(0, 5, root8, root5, List.of()), IMPOSSIBLE_SIZES)
        .hasMessageContaining("the first tree is empty");
    rejected(
        () -> MerkleVerifier.verifyConsistency(0, 0, root5, root5, List.of()), IMPOSSIBLE_SIZES);
    rejected(
        () -> MerkleVerifier.verifyConsistency(5, -1, root5, root8, List.of()), IMPOSSIBLE_SIZES);
  }

  @Test
  void consistencyOfEqualSizesNeedsNoProofAndEqualRoots() {
    assertThatCode(() -> MerkleVerifier.verifyConsistency(5, 5, root5, root5.clone(), List.of()))
        .doesNotThrowAnyException();
    rejected(
            () -> MerkleVerifier.verifyConsistency(5, 5, root5, root5, List.of(root5)),
            WRONG_PROOF_LENGTH)
        .hasMessageEndingWith(
            "the trees have the same size, so the proof must be empty, but it has 1 hash");
    rejected(() -> MerkleVerifier.verifyConsistency(5, 5, root5, root8, List.of()), ROOT_MISMATCH)
        .hasMessageEndingWith("the trees have the same size (5) but different roots");
    rejected(
            () ->
                MerkleVerifier.verifyConsistency(
                    5, 8, Arrays.copyOf(root5, 12), root8, tree.consistencyProof(5, 8)),
            MALFORMED_HASH)
        .hasMessageEndingWith("the first root is 12 bytes long, not 32");
  }

  @Test
  void consistencySaysWhichRootIsWrong() {
    List<byte[]> proof = tree.consistencyProof(5, 8);
    rejected(() -> MerkleVerifier.verifyConsistency(5, 8, root5, root5, proof), ROOT_MISMATCH)
        .hasMessageContaining("the proof leads to the second root");
    rejected(() -> MerkleVerifier.verifyConsistency(5, 8, root8, root8, proof), ROOT_MISMATCH)
        .hasMessageContaining("the proof leads to the first root");
    rejected(
            () -> MerkleVerifier.verifyConsistency(5, 8, root5, root8, List.of()),
            WRONG_PROOF_LENGTH)
        .hasMessageEndingWith("the proof has 0 hashes, but a proof from 5 to 8 leaves needs 4");
  }

  /**
   * The draft's definition, plainly, up to 300; and its "Subtree Validity" vectors up to 2^63 - 1
   * (the larger ones are beyond any tree this verifier accepts).
   */
  @Test
  void aSubtreeStartsAtAMultipleOfThePowerOfTwoAtOrAboveItsSize() {
    for (long end = 0; end <= 300; end++) {
      for (long start = 0; start <= end; start++) {
        long ceiling = 1;
        while (ceiling < end - start) {
          ceiling *= 2;
        }
        assertThat(MerkleVerifier.isSubtree(start, end))
            .as("[%d, %d)", start, end)
            .isEqualTo(start % ceiling == 0);
      }
    }
    // The draft's, and last [2^62, 2^63 - 1), the largest of the right half's subtrees here.
    long[][] valid = {
      {0, (1L << 47) + 1}, {0, (1L << 48) - 1}, {0, (1L << 62) + 1}, {0, MAX}, {1L << 62, MAX}
    };
    long[][] invalid = {
      {1L << 46, (1L << 47) + 1},
      {1L << 46, (1L << 48) - 1},
      {1L << 61, (1L << 62) + 1},
      {1L << 61, MAX}
    };
    for (long[] range : valid) {
      assertThat(MerkleVerifier.isSubtree(range[0], range[1])).isTrue();
    }
    for (long[] range : invalid) {
      assertThat(MerkleVerifier.isSubtree(range[0], range[1])).isFalse();
    }
  }

  @Test
  void subtreeInclusionNeedsASubtreeAndALeafInIt() {
    byte[] leaf = tree.leafHash(4);
    byte[] hash = tree.subtreeHash(4, 8);
    List<byte[]> proof = tree.subtreeInclusionProof(4, 4, 8);
    assertThatCode(() -> MerkleVerifier.verifySubtreeInclusion(4, 4, 8, leaf, proof, hash))
        .doesNotThrowAnyException();
    rejected(
            () -> MerkleVerifier.verifySubtreeInclusion(4, 2, 5, leaf, proof, hash),
            IMPOSSIBLE_SIZES)
        .hasMessageEndingWith(
            "[2, 5) is not a subtree: its start must be a multiple of 4, the smallest power of two"
                + " at or above its size, 3");
    rejected(
            () -> MerkleVerifier.verifySubtreeInclusion(4, 8, 4, leaf, proof, hash),
            IMPOSSIBLE_SIZES)
        .hasMessageEndingWith("the range [8, 4) ends before it starts");
    rejected(
            () -> MerkleVerifier.verifySubtreeInclusion(4, 4, 4, leaf, proof, hash),
            IMPOSSIBLE_SIZES)
        .hasMessageEndingWith("the subtree [4, 4) is empty, so it includes no leaf");
    rejected(
            () -> MerkleVerifier.verifySubtreeInclusion(3, 4, 8, leaf, proof, hash),
            IMPOSSIBLE_SIZES)
        .hasMessageEndingWith("leaf index 3 is not in the subtree [4, 8)");
    rejected(
            () -> MerkleVerifier.verifySubtreeInclusion(4, 4, (1L << 63) + 6, leaf, proof, hash),
            IMPOSSIBLE_SIZES)
        .hasMessageEndingWith("the subtree's end 9223372036854775814 is beyond 2^63 - 1");
  }

  @Test
  void subtreeInclusionSaysWhatIsWrongWithTheProof() {
    byte[] leaf = tree.leafHash(5);
    byte[] hash = tree.subtreeHash(4, 8);
    List<byte[]> proof = tree.subtreeInclusionProof(5, 4, 8);
    rejected(
            () -> MerkleVerifier.verifySubtreeInclusion(5, 4, 8, leaf, proof.subList(0, 1), hash),
            WRONG_PROOF_LENGTH)
        .hasMessageEndingWith("the proof has 1 hash, but leaf 5 in the subtree [4, 8) needs 2");
    rejected(
            () -> MerkleVerifier.verifySubtreeInclusion(5, 4, 8, leaf, proof, new byte[3]),
            MALFORMED_HASH)
        .hasMessageEndingWith("the subtree hash is 3 bytes long, not 32");
    rejected(
            () -> MerkleVerifier.verifySubtreeInclusion(5, 4, 8, leaf, proof, root8), ROOT_MISMATCH)
        .hasMessageContaining("the proof leads to the subtree hash " + HEX.formatHex(hash))
        .hasMessageEndingWith(", not to " + HEX.formatHex(root8));
  }

  @Test
  void subtreeConsistencyNeedsASubtreeInsideTheTree() {
    rejected(
            () -> MerkleVerifier.verifySubtreeConsistency(4, 8, 6, root5, root8, List.of()),
            IMPOSSIBLE_SIZES)
        .hasMessageEndingWith(
            "the subtree [4, 8) ends past the tree of 6 leaves, but a log only grows");
    rejected(
            () -> MerkleVerifier.verifySubtreeConsistency(2, 6, 8, root5, root8, List.of()),
            IMPOSSIBLE_SIZES)
        .hasMessageContaining("[2, 6) is not a subtree");
    rejected(
            () -> MerkleVerifier.verifySubtreeConsistency(0, 4, -1, root5, root8, List.of()),
            IMPOSSIBLE_SIZES)
        .hasMessageEndingWith("the tree size 18446744073709551615 is beyond 2^63 - 1");
  }

  @Test
  void anEmptySubtreeIsInEveryTreeButNeedsTheEmptyHash() {
    byte[] empty = MerkleHash.emptyRoot();
    assertThatCode(() -> MerkleVerifier.verifySubtreeConsistency(3, 3, 8, empty, root8, List.of()))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> MerkleVerifier.verifySubtreeConsistency(3, 3, 8, empty, new byte[5], List.of()))
        .doesNotThrowAnyException();
    rejected(
            () -> MerkleVerifier.verifySubtreeConsistency(3, 3, 8, root5, root8, List.of()),
            ROOT_MISMATCH)
        .hasMessageContaining("the subtree [3, 3) is empty, so its hash must be the empty tree's");
    rejected(
            () -> MerkleVerifier.verifySubtreeConsistency(3, 3, 8, empty, root8, List.of(empty)),
            WRONG_PROOF_LENGTH)
        .hasMessageEndingWith(
            "the subtree [3, 3) is empty, so the proof must be empty, but it has 1 hash");
  }

  @Test
  void subtreeConsistencySaysWhichHashIsWrong() {
    byte[] hash = tree.subtreeHash(4, 6);
    List<byte[]> proof = tree.subtreeConsistencyProof(4, 6, 8);
    assertThatCode(() -> MerkleVerifier.verifySubtreeConsistency(4, 6, 8, hash, root8, proof))
        .doesNotThrowAnyException();
    rejected(
            () -> MerkleVerifier.verifySubtreeConsistency(4, 6, 8, hash, root5, proof),
            ROOT_MISMATCH)
        .hasMessageContaining("the proof leads to the root " + HEX.formatHex(root8));
    // [4, 7) is no node of the tree of 8: the proof starts below it, and must lead to its hash.
    byte[] partial = tree.subtreeHash(4, 7);
    List<byte[]> partialProof = tree.subtreeConsistencyProof(4, 7, 8);
    rejected(
            () -> MerkleVerifier.verifySubtreeConsistency(4, 7, 8, hash, root8, partialProof),
            ROOT_MISMATCH)
        .hasMessageContaining("the proof leads to the subtree hash " + HEX.formatHex(partial));
    rejected(
            () -> MerkleVerifier.verifySubtreeConsistency(4, 7, 8, partial, root8, proof),
            WRONG_PROOF_LENGTH)
        .hasMessageEndingWith(
            "the proof has 2 hashes, but the subtree [4, 7) in a tree of 8 leaves needs 4");
    rejected(
            () -> MerkleVerifier.verifySubtreeConsistency(0, 8, 8, root8, root5, List.of()),
            ROOT_MISMATCH)
        .hasMessageEndingWith(
            "the subtree [0, 8) is the whole tree, but its hash and the root differ");
  }
}
