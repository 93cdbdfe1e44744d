package no.bindeledd.core.audit.merkle;

import static no.bindeledd.core.audit.merkle.ProofRejected.Reason.IMPOSSIBLE_SIZES;
import static no.bindeledd.core.audit.merkle.ProofRejected.Reason.MALFORMED_HASH;
import static no.bindeledd.core.audit.merkle.ProofRejected.Reason.ROOT_MISMATCH;
import static no.bindeledd.core.audit.merkle.ProofRejected.Reason.WRONG_PROOF_LENGTH;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks RFC 9162 inclusion and consistency proofs against roots the caller already trusts, with no
 * trust in whoever made the proofs: an offline verifier needs nothing else. Each check returns
 * normally when the proof holds and throws {@link ProofRejected}, saying what is wrong, when not.
 *
 * <p>Indexes and sizes are the RFC's unsigned 64-bit numbers held in a {@code long}; a negative
 * value (2^63 or more, read unsigned) is beyond any tree this verifier accepts.
 */
public final class MerkleVerifier {

  private static final HexFormat HEX = HexFormat.of();

  private MerkleVerifier() {}

  /**
   * Checks that {@code proof} shows the leaf with {@code leafHash} at {@code leafIndex} in the tree
   * of {@code treeSize} leaves whose root is {@code root}, by RFC 9162 §2.1.3.2.
   *
   * @throws ProofRejected if it does not
   */
  public static void verifyInclusion(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (leafIndex < 0) {
      throw new ProofRejected(IMPOSSIBLE_SIZES, "the leaf index " + beyondLong(leafIndex));
    }
    if (treeSize < 0) {
      throw new ProofRejected(IMPOSSIBLE_SIZES, "the tree size " + beyondLong(treeSize));
    }
    // RFC step 1.
    if (leafIndex >= treeSize) {
      throw new ProofRejected(
          IMPOSSIBLE_SIZES,
          treeSize == 0
              ? "the tree is empty, so it includes no leaf"
              : "leaf index " + leafIndex + " is not in a tree of " + leaves(treeSize));
    }
    requireHash("the leaf hash", leafHash);
    requireHash("the root", root);
    requireHashes(proof);
    // The RFC's loop rejects a proof of the wrong length too, but cannot say which length is right.
    int expected = inclusionProofLength(leafIndex, treeSize);
    if (proof.size() != expected) {
      throw new ProofRejected(
          WRONG_PROOF_LENGTH,
          "the proof has "
              + hashes(proof.size())
              + ", but leaf "
              + leafIndex
              + " in a tree of "
              + leaves(treeSize)
              + " needs "
              + expected);
    }

    MessageDigest sha256 = MerkleHash.sha256();
    // RFC steps 2 to 4.
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw new ProofRejected(
            WRONG_PROOF_LENGTH, "the proof has more hashes than the tree has levels");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(sha256, p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = MerkleHash.node(sha256, r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    // RFC step 5.
    if (sn != 0) {
      throw new ProofRejected(
          WRONG_PROOF_LENGTH, "the proof has fewer hashes than the tree has levels");
    }
    if (!MessageDigest.isEqual(r, root)) {
      throw new ProofRejected(
          ROOT_MISMATCH,
          "the proof leads to the root " + HEX.formatHex(r) + ", not to " + HEX.formatHex(root));
    }
  }

  /**
   * Checks that {@code proof} shows the tree of {@code size1} leaves with root {@code root1} to be
   * the start of the tree of {@code size2} leaves with root {@code root2}, by RFC 9162 §2.1.4.2.
   *
   * <p>Equal sizes need an empty proof and equal roots. A first tree of size 0 is rejected: every
   * tree extends the empty tree, so such a proof would show nothing, and the RFC defines none.
   *
   * @throws ProofRejected if it does not
   */
  public static void verifyConsistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    if (size1 < 0 || size2 < 0) {
      throw new ProofRejected(
          IMPOSSIBLE_SIZES,
          (size1 < 0
              ? "the first size " + beyondLong(size1)
              : "the second size " + beyondLong(size2)));
    }
    if (size1 > size2) {
      throw new ProofRejected(
          IMPOSSIBLE_SIZES,
          "the first tree ("
              + leaves(size1)
              + ") is larger than the second ("
              + size2
              + "), but a log only grows");
    }
    if (size1 == 0) {
      throw new ProofRejected(
          IMPOSSIBLE_SIZES,
          "the first tree is empty; every tree extends the empty tree, so there is nothing to prove");
    }
    if (size1 == size2) {
      // Nothing is hashed for equal sizes, only compared, as the reference verifier does; a root
      // read from a checkpoint has had its length checked there.
      if (root1 == null || root2 == null || proof == null) {
        throw new ProofRejected(MALFORMED_HASH, "a root or the proof is missing");
      }
      if (!proof.isEmpty()) {
        throw new ProofRejected(
            WRONG_PROOF_LENGTH,
            "the trees have the same size, so the proof must be empty, but it has "
                + hashes(proof.size()));
      }
      if (!MessageDigest.isEqual(root1, root2)) {
        throw new ProofRejected(
            ROOT_MISMATCH, "the trees have the same size (" + size1 + ") but different roots");
      }
      return;
    }
    requireHash("the first root", root1);
    requireHash("the second root", root2);
    requireHashes(proof);
    int expected = consistencyProofLength(size1, size2);
    if (proof.size() != expected) {
      throw new ProofRejected(
          WRONG_PROOF_LENGTH,
          "the proof has "
              + hashes(proof.size())
              + ", but a proof from "
              + size1
              + " to "
              + size2
              + " leaves needs "
              + expected);
    }

    MessageDigest sha256 = MerkleHash.sha256();
    // RFC step 1.
    if (proof.isEmpty()) {
      throw new ProofRejected(WRONG_PROOF_LENGTH, "the proof is empty");
    }
    // RFC step 2.
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(size1) == 1) {
      path.add(root1);
    }
    path.addAll(proof);
    // RFC steps 3 to 5.
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    // RFC step 6.
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw new ProofRejected(
            WRONG_PROOF_LENGTH, "the proof has more hashes than the trees have levels");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.node(sha256, c, fr);
        sr = MerkleHash.node(sha256, c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = MerkleHash.node(sha256, sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    // RFC step 7.
    if (sn != 0) {
      throw new ProofRejected(
          WRONG_PROOF_LENGTH, "the proof has fewer hashes than the trees have levels");
    }
    if (!MessageDigest.isEqual(fr, root1)) {
      throw new ProofRejected(
          ROOT_MISMATCH,
          "the proof leads to the first root "
              + HEX.formatHex(fr)
              + ", not to "
              + HEX.formatHex(root1));
    }
    if (!MessageDigest.isEqual(sr, root2)) {
      throw new ProofRejected(
          ROOT_MISMATCH,
          "the proof leads to the second root "
              + HEX.formatHex(sr)
              + ", not to "
              + HEX.formatHex(root2));
    }
  }

  /**
   * The number of hashes in the audit path of leaf {@code index} in a tree of {@code size}: one per
   * level below the point where the paths to the leaf and to the last leaf part, then one per left
   * sibling above it.
   */
  static int inclusionProofLength(long index, long size) {
    int inner = Long.SIZE - Long.numberOfLeadingZeros(index ^ (size - 1));
    return inner + Long.bitCount(index >>> inner);
  }

  /**
   * The number of hashes in the consistency proof from {@code size1} to {@code size2}, for {@code 0
   * < size1 < size2}: the audit path of the old tree's last leaf from the top of its last complete
   * block, plus that block's hash unless it is the whole old tree, which the verifier already has.
   */
  static int consistencyProofLength(long size1, long size2) {
    int shift = Long.numberOfTrailingZeros(size1);
    int length = inclusionProofLength((size1 - 1) >>> shift, ((size2 - 1) >>> shift) + 1);
    return Long.bitCount(size1) == 1 ? length : length + 1;
  }

  private static void requireHashes(List<byte[]> proof) {
    if (proof == null) {
      throw new ProofRejected(MALFORMED_HASH, "the proof is missing");
    }
    for (int i = 0; i < proof.size(); i++) {
      requireHash("hash " + i + " of the proof", proof.get(i));
    }
  }

  private static void requireHash(String what, byte[] hash) {
    if (hash == null) {
      throw new ProofRejected(MALFORMED_HASH, what + " is missing");
    }
    if (hash.length != MerkleHash.SIZE) {
      throw new ProofRejected(
          MALFORMED_HASH, what + " is " + hash.length + " bytes long, not " + MerkleHash.SIZE);
    }
  }

  private static String beyondLong(long value) {
    return Long.toUnsignedString(value) + " is beyond 2^63 - 1";
  }

  private static String leaves(long count) {
    return count == 1 ? "1 leaf" : count + " leaves";
  }

  private static String hashes(int count) {
    return count == 1 ? "1 hash" : count + " hashes";
  }
}
