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
 * <p>It checks the subtree proofs of draft-ietf-plants-merkle-tree-certs as well: that a leaf is in
 * a subtree {@code [start, end)} of the tree, and that such a subtree is part of the whole tree.
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

    byte[] r = rootFromAuditPath(leafIndex, treeSize - 1, leafHash, proof);
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
   * Checks that {@code proof} shows the leaf with {@code leafHash} at {@code leafIndex} in the
   * subtree {@code [start, end)} whose hash is {@code subtreeHash}, by "Subtree Inclusion Proofs"
   * in draft-ietf-plants-merkle-tree-certs (§4, "Subtrees").
   *
   * <p>A subtree is the Merkle tree of the leaves {@code start} to {@code end - 1} taken on their
   * own, MTH(D[start:end]), where {@code start} is a multiple of the smallest power of two at or
   * above the subtree's size {@code end - start}. That alignment lines it up with the whole tree: a
   * subtree whose size is a power of two is a node of every tree that holds its leaves, and any
   * other is a node of the tree that ends where it does and shares all but its right edge with
   * larger trees. Its inclusion proof is the RFC 9162 audit path of leaf {@code leafIndex - start}
   * in a tree of {@code end - start} leaves, checked as RFC 9162 §2.1.3.2 checks one. An empty
   * subtree {@code [x, x)} is a subtree but includes no leaf.
   *
   * @throws ProofRejected if it does not
   */
  public static void verifySubtreeInclusion(
      long leafIndex,
      long start,
      long end,
      byte[] leafHash,
      List<byte[]> proof,
      byte[] subtreeHash) {
    if (leafIndex < 0) {
      throw new ProofRejected(IMPOSSIBLE_SIZES, "the leaf index " + beyondLong(leafIndex));
    }
    requireSubtree(start, end);
    // The draft's evaluation, step 1.
    if (leafIndex < start || leafIndex >= end) {
      throw new ProofRejected(
          IMPOSSIBLE_SIZES,
          start == end
              ? "the subtree " + range(start, end) + " is empty, so it includes no leaf"
              : "leaf index " + leafIndex + " is not in the subtree " + range(start, end));
    }
    requireHash("the leaf hash", leafHash);
    requireHash("the subtree hash", subtreeHash);
    requireHashes(proof);
    int expected = inclusionProofLength(leafIndex - start, end - start);
    if (proof.size() != expected) {
      throw new ProofRejected(
          WRONG_PROOF_LENGTH,
          "the proof has "
              + hashes(proof.size())
              + ", but leaf "
              + leafIndex
              + " in the subtree "
              + range(start, end)
              + " needs "
              + expected);
    }
    // The draft's evaluation, steps 2 to 6: RFC 9162's, with the subtree's leaves counted from 0.
    byte[] r = rootFromAuditPath(leafIndex - start, end - start - 1, leafHash, proof);
    // The draft's verification.
    if (!MessageDigest.isEqual(r, subtreeHash)) {
      throw new ProofRejected(
          ROOT_MISMATCH,
          "the proof leads to the subtree hash "
              + HEX.formatHex(r)
              + ", not to "
              + HEX.formatHex(subtreeHash));
    }
  }

  /**
   * Checks that {@code proof} shows the subtree {@code [start, end)} with hash {@code subtreeHash}
   * to be part of the tree of {@code treeSize} leaves whose root is {@code root}: that the subtree
   * was built over the very leaves {@code start} to {@code end - 1} of that tree. This is
   * "Verifying a Subtree Consistency Proof" in draft-ietf-plants-merkle-tree-certs (§4,
   * "Subtrees"), the procedure whose proofs transparency-dev/merkle makes and checks; see {@link
   * #verifySubtreeInclusion} for what a subtree is.
   *
   * <p>The proof is the audit path of the subtree's last leaf in the whole tree, started as high as
   * a node both trees share: the subtree's own root when it is a node of the tree (the subtree is a
   * power of two in size or ends where the tree does), which the verifier already has; else the
   * largest complete block at the subtree's right end, which comes first in the proof. Every hash
   * goes into the tree's root and those left of the path within the subtree into the subtree's
   * hash, so that the two roots share all the subtree's leaves. A subtree {@code [0, end)} is a
   * first tree, and its proof is then the RFC 9162 consistency proof from {@code end} leaves.
   *
   * <p>Two cases hash nothing and only compare, as the draft and the reference verifier do: the
   * subtree {@code [0, treeSize)}, which is the whole tree, needs an empty proof and its hash equal
   * to the root; and an empty subtree {@code [x, x)}, which is in every tree of at least {@code x}
   * leaves, needs an empty proof and the empty tree's hash, whatever the root.
   *
   * @throws ProofRejected if it does not
   */
  public static void verifySubtreeConsistency(
      long start, long end, long treeSize, byte[] subtreeHash, byte[] root, List<byte[]> proof) {
    if (treeSize < 0) {
      throw new ProofRejected(IMPOSSIBLE_SIZES, "the tree size " + beyondLong(treeSize));
    }
    // The draft's steps are followed in order; its step numbers differ between its versions.
    requireSubtree(start, end);
    if (end > treeSize) {
      throw new ProofRejected(
          IMPOSSIBLE_SIZES,
          "the subtree "
              + range(start, end)
              + " ends past the tree of "
              + leaves(treeSize)
              + ", but a log only grows");
    }
    if (subtreeHash == null || root == null || proof == null) {
      throw new ProofRejected(MALFORMED_HASH, "the subtree hash, the root or the proof is missing");
    }
    // An empty subtree. The root is not looked at, not even its length: the vectors accept an empty
    // subtree with a root of 12 bytes, and an empty subtree says nothing about any root.
    if (start == end) {
      if (!proof.isEmpty()) {
        throw new ProofRejected(
            WRONG_PROOF_LENGTH,
            "the subtree "
                + range(start, end)
                + " is empty, so the proof must be empty, but it has "
                + hashes(proof.size()));
      }
      if (!MessageDigest.isEqual(subtreeHash, MerkleHash.emptyRoot())) {
        throw new ProofRejected(
            ROOT_MISMATCH,
            "the subtree "
                + range(start, end)
                + " is empty, so its hash must be the empty tree's, "
                + HEX.formatHex(MerkleHash.emptyRoot())
                + ", not "
                + HEX.formatHex(subtreeHash));
      }
      return;
    }
    // The whole tree. The draft's steps would hash nothing here either; as for equal sizes in
    // verifyConsistency, the two hashes are only compared (the vectors accept two equal roots of
    // 12 bytes), and a root read from a checkpoint has had its length checked there.
    if (start == 0 && end == treeSize) {
      if (!proof.isEmpty()) {
        throw new ProofRejected(
            WRONG_PROOF_LENGTH,
            "the subtree "
                + range(start, end)
                + " is the whole tree, so the proof must be empty, but it has "
                + hashes(proof.size()));
      }
      if (!MessageDigest.isEqual(subtreeHash, root)) {
        throw new ProofRejected(
            ROOT_MISMATCH,
            "the subtree "
                + range(start, end)
                + " is the whole tree, but its hash and the root differ");
      }
      return;
    }
    requireHash("the subtree hash", subtreeHash);
    requireHash("the root", root);
    requireHashes(proof);

    // fn, sn and tn follow the paths to the subtree's first leaf, its last leaf and the tree's last
    // leaf, up to the node the proof starts from.
    long fn = start;
    long sn = end - 1;
    long tn = treeSize - 1;
    if (sn == tn) {
      while (fn != sn) {
        fn >>>= 1;
        sn >>>= 1;
        tn >>>= 1;
      }
    } else {
      while (fn != sn && (sn & 1) == 1) {
        fn >>>= 1;
        sn >>>= 1;
        tn >>>= 1;
      }
    }
    // When fn = sn, that node is the subtree's root, whose hash the caller has; else the proof
    // starts with it. The rest is its audit path in the tree, as long as an inclusion proof's.
    boolean startsAtSubtreeRoot = fn == sn;
    int expected = inclusionProofLength(sn, tn + 1) + (startsAtSubtreeRoot ? 0 : 1);
    if (proof.size() != expected) {
      throw new ProofRejected(
          WRONG_PROOF_LENGTH,
          "the proof has "
              + hashes(proof.size())
              + ", but the subtree "
              + range(start, end)
              + " in a tree of "
              + leaves(treeSize)
              + " needs "
              + expected);
    }

    MessageDigest sha256 = MerkleHash.sha256();
    // fr and sr become the subtree's hash and the tree's root.
    byte[] fr = startsAtSubtreeRoot ? subtreeHash : proof.get(0);
    byte[] sr = fr;
    for (byte[] c : proof.subList(startsAtSubtreeRoot ? 0 : 1, proof.size())) {
      if (tn == 0) {
        throw new ProofRejected(
            WRONG_PROOF_LENGTH, "the proof has more hashes than the tree has levels");
      }
      if ((sn & 1) == 1 || sn == tn) {
        // A left sibling: inside the subtree as long as the path has not reached its root.
        if (fn < sn) {
          fr = MerkleHash.node(sha256, c, fr);
        }
        sr = MerkleHash.node(sha256, c, sr);
        while ((sn & 1) == 0 && sn != 0) {
          fn >>>= 1;
          sn >>>= 1;
          tn >>>= 1;
        }
      } else {
        // A right sibling: leaves after the subtree, in the tree only.
        sr = MerkleHash.node(sha256, sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
      tn >>>= 1;
    }
    if (tn != 0) {
      throw new ProofRejected(
          WRONG_PROOF_LENGTH, "the proof has fewer hashes than the tree has levels");
    }
    if (!MessageDigest.isEqual(fr, subtreeHash)) {
      throw new ProofRejected(
          ROOT_MISMATCH,
          "the proof leads to the subtree hash "
              + HEX.formatHex(fr)
              + ", not to "
              + HEX.formatHex(subtreeHash));
    }
    if (!MessageDigest.isEqual(sr, root)) {
      throw new ProofRejected(
          ROOT_MISMATCH,
          "the proof leads to the root " + HEX.formatHex(sr) + ", not to " + HEX.formatHex(root));
    }
  }

  /**
   * Whether {@code [start, end)}, for {@code 0 ≤ start ≤ end}, is a subtree in the draft's sense:
   * {@code start} is a multiple of BIT_CEIL(end - start), the smallest power of two at or above the
   * size. An empty range {@code [x, x)} is one (BIT_CEIL(0) is 1), and so is every {@code [0, x)}.
   */
  static boolean isSubtree(long start, long end) {
    // Below 2^63 the size's BIT_CEIL is at most 2^63, Long.MIN_VALUE read unsigned, whose mask of
    // low bits is Long.MAX_VALUE: only start 0 passes, as it should.
    return (start & (bitCeil(end - start) - 1)) == 0;
  }

  /** BIT_CEIL(n) for {@code 0 ≤ n < 2^63}, read unsigned: 2^63 is {@code Long.MIN_VALUE}. */
  static long bitCeil(long n) {
    return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
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

  /**
   * RFC 9162 §2.1.3.2 steps 2 to 5: the root that the audit path {@code proof} leads to from the
   * hash of leaf {@code fn} in a tree whose last leaf is {@code sn}.
   */
  private static byte[] rootFromAuditPath(long fn, long sn, byte[] leafHash, List<byte[]> proof) {
    MessageDigest sha256 = MerkleHash.sha256();
    // RFC steps 2 to 4.
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
    return r;
  }

  /** The draft's check that {@code [start, end)} is a subtree, or why it is not. */
  private static void requireSubtree(long start, long end) {
    if (start < 0) {
      throw new ProofRejected(IMPOSSIBLE_SIZES, "the subtree's start " + beyondLong(start));
    }
    if (end < 0) {
      throw new ProofRejected(IMPOSSIBLE_SIZES, "the subtree's end " + beyondLong(end));
    }
    if (start > end) {
      throw new ProofRejected(
          IMPOSSIBLE_SIZES, "the range " + range(start, end) + " ends before it starts");
    }
    if (!isSubtree(start, end)) {
      throw new ProofRejected(
          IMPOSSIBLE_SIZES,
          range(start, end)
              + " is not a subtree: its start must be a multiple of "
              + Long.toUnsignedString(bitCeil(end - start))
              + ", the smallest power of two at or above its size, "
              + (end - start));
    }
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

  private static String range(long start, long end) {
    return "[" + start + ", " + end + ")";
  }

  private static String leaves(long count) {
    return count == 1 ? "1 leaf" : count + " leaves";
  }

  private static String hashes(int count) {
    return count == 1 ? "1 hash" : count + " hashes";
  }
}
