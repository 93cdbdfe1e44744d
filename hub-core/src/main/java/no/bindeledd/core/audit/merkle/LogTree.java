package no.bindeledd.core.audit.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes, numbered from 0, with the root of every
 * earlier size and the inclusion and consistency proofs an auditor asks for; and the subtree hashes
 * and subtree proofs of draft-ietf-plants-merkle-tree-certs, which it makes the same way.
 *
 * <p>The tree keeps the hash of every complete subtree, level by level: level {@code l} holds one
 * hash per full block of {@code 2^l} leaves. Any tree of size {@code n ≤ size()} is made of such
 * blocks, so its root and its proofs cost O(log n) hashes, and an append costs the leaf plus, on
 * average, one inner hash. The levels hold at most {@code 2n} hashes: 64 bytes per leaf.
 *
 * <p>Safe for concurrent use: every method holds the tree's lock, and none runs longer than O(log
 * n) hashes.
 */
public final class LogTree {

  // levels.get(l) holds the hash of leaves [i·2^l, (i+1)·2^l) at index i, for every complete block.
  private final List<HashLevel> levels = new ArrayList<>();
  private final MessageDigest sha256 = MerkleHash.sha256();
  private long size;

  /** The number of leaves. */
  public synchronized long size() {
    return size;
  }

  /** Hashes {@code entryBytes} as a leaf and appends it; returns the new leaf's index. */
  public synchronized long appendEntry(byte[] entryBytes) {
    return appendLeafHash(MerkleHash.leaf(sha256, entryBytes));
  }

  /** Appends a leaf by its leaf hash; returns the new leaf's index. */
  public synchronized long appendLeafHash(byte[] leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    if (leafHash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException(
          "a leaf hash is " + MerkleHash.SIZE + " bytes, not " + leafHash.length);
    }
    long index = size;
    level(0).add(leafHash);
    // Each right child completes a block one level up; carry until a left child is reached.
    byte[] hash = leafHash;
    long position = index;
    for (int l = 0; (position & 1) == 1; l++, position >>>= 1) {
      hash = MerkleHash.node(sha256, level(l).get(position - 1), hash);
      level(l + 1).add(hash);
    }
    size++;
    return index;
  }

  /** The hash of the leaf at {@code index}. */
  public synchronized byte[] leafHash(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("no leaf " + index + " in a tree of " + size);
    }
    return levels.get(0).get(index);
  }

  /** The current root. */
  public synchronized byte[] root() {
    return root(size);
  }

  /** The root of the tree of the first {@code treeSize} leaves, MTH(D[0:treeSize]). */
  public synchronized byte[] root(long treeSize) {
    requireSize("treeSize", treeSize);
    return treeSize == 0 ? MerkleHash.emptyRoot() : rangeHash(0, treeSize);
  }

  /**
   * The audit path of RFC 9162 §2.1.3.1 for leaf {@code leafIndex} in the tree of the first {@code
   * treeSize} leaves, from the leaf's sibling up to the root's child.
   */
  public synchronized List<byte[]> inclusionProof(long leafIndex, long treeSize) {
    requireSize("treeSize", treeSize);
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "no leaf " + leafIndex + " in a tree of " + treeSize + " leaves");
    }
    return path(leafIndex, 0, treeSize);
  }

  /**
   * The consistency proof of RFC 9162 §2.1.4.1 that the tree of the first {@code size1} leaves is a
   * prefix of the tree of the first {@code size2}; empty when the sizes are equal.
   */
  public synchronized List<byte[]> consistencyProof(long size1, long size2) {
    requireSize("size2", size2);
    if (size1 <= 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "a consistency proof needs 0 < size1 ≤ size2, not size1 = "
              + size1
              + " and size2 = "
              + size2);
    }
    // SUBPROOF(m, D[start:end], whole), unrolled; the hashes come out root first.
    List<byte[]> proof = new ArrayList<>();
    long start = 0;
    long end = size2;
    boolean whole = true;
    while (size1 != end) {
      long split = start + largestPowerOfTwoBelow(end - start);
      if (size1 <= split) {
        proof.add(rangeHash(split, end));
        end = split;
      } else {
        proof.add(rangeHash(start, split));
        start = split;
        whole = false;
      }
    }
    if (!whole) {
      // The old tree's last block; left out when it is the whole old tree, which the verifier has.
      proof.add(rangeHash(start, end));
    }
    Collections.reverse(proof);
    return proof;
  }

  /**
   * MTH(D[start:end]), the hash of the subtree {@code [start, end)}
   * (draft-ietf-plants-merkle-tree-certs §4, "Subtrees"): the Merkle tree of those leaves on their
   * own, for {@code start} a multiple of the smallest power of two at or above {@code end - start}.
   * The empty tree's root when {@code start = end}.
   */
  public synchronized byte[] subtreeHash(long start, long end) {
    requireSubtree(start, end, size);
    return start == end ? MerkleHash.emptyRoot() : rangeHash(start, end);
  }

  /**
   * The draft's subtree inclusion proof of leaf {@code leafIndex} in the subtree {@code [start,
   * end)}: the audit path of leaf {@code leafIndex - start} in the subtree, taken as a tree.
   */
  public synchronized List<byte[]> subtreeInclusionProof(long leafIndex, long start, long end) {
    requireSubtree(start, end, size);
    if (leafIndex < start || leafIndex >= end) {
      throw new IllegalArgumentException(
          "no leaf " + leafIndex + " in the subtree [" + start + ", " + end + ")");
    }
    return path(leafIndex, start, end);
  }

  /**
   * The draft's subtree consistency proof, SUBTREE_PROOF(start, end, D[0:treeSize]), that the
   * subtree {@code [start, end)} is part of the tree of the first {@code treeSize} leaves; empty
   * when the subtree is empty or is that whole tree.
   */
  public synchronized List<byte[]> subtreeConsistencyProof(long start, long end, long treeSize) {
    requireSize("treeSize", treeSize);
    requireSubtree(start, end, treeSize);
    List<byte[]> proof = new ArrayList<>();
    if (start == end) {
      return proof;
    }
    // SUBTREE_SUBPROOF(start, end, D[lo:hi], known), unrolled; the hashes come out root first.
    long lo = 0;
    long hi = treeSize;
    boolean known = true;
    while (start != lo || end != hi) {
      long split = lo + largestPowerOfTwoBelow(hi - lo);
      if (end <= split) {
        proof.add(rangeHash(split, hi));
        hi = split;
      } else {
        proof.add(rangeHash(lo, split));
        if (start < split) {
          // The subtree straddles the split, so it starts at lo: its right part goes on alone,
          // and its own hash is no longer a node the proof reaches.
          start = split;
          known = false;
        }
        lo = split;
      }
    }
    if (!known) {
      // The highest complete block at the subtree's right end, where the proof starts.
      proof.add(rangeHash(lo, hi));
    }
    Collections.reverse(proof);
    return proof;
  }

  /** PATH(leafIndex - start, D[start:end]), for a range the RFC's recursion can ask for. */
  private List<byte[]> path(long leafIndex, long start, long end) {
    // PATH(m, D[start:end]) descends towards the leaf; the siblings come out root first.
    List<byte[]> path = new ArrayList<>();
    while (end - start > 1) {
      long split = start + largestPowerOfTwoBelow(end - start);
      if (leafIndex < split) {
        path.add(rangeHash(split, end));
        end = split;
      } else {
        path.add(rangeHash(start, split));
        start = split;
      }
    }
    Collections.reverse(path);
    return path;
  }

  /** The bytes the levels occupy, for measuring memory. */
  synchronized long allocatedBytes() {
    long bytes = 0;
    for (HashLevel level : levels) {
      bytes += level.allocatedBytes();
    }
    return bytes;
  }

  /**
   * MTH(D[start:end]) for a range the RFC's recursion can ask for: {@code start} is a multiple of a
   * power of two at least {@code end - start}. Such a range is a run of complete blocks, largest
   * first, and its hash folds them from the right: a power-of-two range is one stored hash, and
   * otherwise the cost is one hash per further block, at most log n.
   */
  private byte[] rangeHash(long start, long end) {
    long length = end - start;
    long blockEnd = end;
    byte[] hash = null;
    for (int l = 0; l < Long.SIZE - 1; l++) {
      if ((length & (1L << l)) != 0) {
        blockEnd -= 1L << l;
        byte[] block = levels.get(l).get(blockEnd >>> l);
        hash = hash == null ? block : MerkleHash.node(sha256, block, hash);
      }
    }
    return hash;
  }

  private HashLevel level(int l) {
    if (l == levels.size()) {
      levels.add(new HashLevel());
    }
    return levels.get(l);
  }

  private static void requireSubtree(long start, long end, long treeSize) {
    if (start < 0 || start > end || end > treeSize || !MerkleVerifier.isSubtree(start, end)) {
      throw new IllegalArgumentException(
          "[" + start + ", " + end + ") is not a subtree of the tree of " + treeSize + " leaves");
    }
  }

  private void requireSize(String name, long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException(
          name + " " + treeSize + " is not between 0 and the tree's " + size + " leaves");
    }
  }

  /** The largest power of two strictly below {@code n}, for {@code n > 1}: the RFC's split k. */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
