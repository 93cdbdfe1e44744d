package no.bindeledd.core.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 §2.1's definitions transcribed as they stand, recursion and all: slow and obviously
 * right, to compare the tree with. Likewise SUBTREE_PROOF of draft-ietf-plants-merkle-tree-certs; a
 * subtree's hash is {@link #mth} and its inclusion proof {@link #path} over its range.
 */
final class ReferenceMerkle {

  private ReferenceMerkle() {}

  /** MTH(D[start:end]) over leaf hashes. */
  static byte[] mth(List<byte[]> leafHashes, int start, int end) {
    int n = end - start;
    if (n == 0) {
      return MerkleHash.emptyRoot();
    }
    if (n == 1) {
      return leafHashes.get(start);
    }
    int k = Integer.highestOneBit(n - 1);
    return MerkleHash.node(mth(leafHashes, start, start + k), mth(leafHashes, start + k, end));
  }

  /** PATH(m, D[start:end]). */
  static List<byte[]> path(List<byte[]> leafHashes, int m, int start, int end) {
    List<byte[]> path = new ArrayList<>();
    int n = end - start;
    if (n <= 1) {
      return path;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      path.addAll(path(leafHashes, m, start, start + k));
      path.add(mth(leafHashes, start + k, end));
    } else {
      path.addAll(path(leafHashes, m - k, start + k, end));
      path.add(mth(leafHashes, start, start + k));
    }
    return path;
  }

  /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
  static List<byte[]> proof(List<byte[]> leafHashes, int m, int n) {
    return subproof(leafHashes, m, 0, n, true);
  }

  private static List<byte[]> subproof(
      List<byte[]> leafHashes, int m, int start, int end, boolean whole) {
    List<byte[]> proof = new ArrayList<>();
    int n = end - start;
    if (m == n) {
      if (!whole) {
        proof.add(mth(leafHashes, start, end));
      }
      return proof;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      proof.addAll(subproof(leafHashes, m, start, start + k, whole));
      proof.add(mth(leafHashes, start + k, end));
    } else {
      proof.addAll(subproof(leafHashes, m - k, start + k, end, false));
      proof.add(mth(leafHashes, start, start + k));
    }
    return proof;
  }

  /** SUBTREE_PROOF(start, end, D[0:n]). */
  static List<byte[]> subtreeProof(List<byte[]> leafHashes, int start, int end, int n) {
    if (start == end) {
      return new ArrayList<>();
    }
    return subtreeSubproof(leafHashes, start, end, 0, n, true);
  }

  /** SUBTREE_SUBPROOF(start, end, D_n, known), D_n being D[offset:offset + n]. */
  private static List<byte[]> subtreeSubproof(
      List<byte[]> leafHashes, int start, int end, int offset, int n, boolean known) {
    List<byte[]> proof = new ArrayList<>();
    if (start == 0 && end == n) {
      if (!known) {
        proof.add(mth(leafHashes, offset, offset + n));
      }
      return proof;
    }
    int k = Integer.highestOneBit(n - 1);
    if (end <= k) {
      proof.addAll(subtreeSubproof(leafHashes, start, end, offset, k, known));
      proof.add(mth(leafHashes, offset + k, offset + n));
    } else if (k <= start) {
      proof.addAll(subtreeSubproof(leafHashes, start - k, end - k, offset + k, n - k, known));
      proof.add(mth(leafHashes, offset, offset + k));
    } else {
      proof.addAll(subtreeSubproof(leafHashes, 0, end - k, offset + k, n - k, false));
      proof.add(mth(leafHashes, offset, offset + k));
    }
    return proof;
  }
}
