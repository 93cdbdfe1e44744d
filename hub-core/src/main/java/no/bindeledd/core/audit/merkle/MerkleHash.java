package no.bindeledd.core.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The hashes of RFC 9162 §2.1 with SHA-256: a leaf is {@code SHA-256(0x00 ‖ entry bytes)}, an inner
 * node is {@code SHA-256(0x01 ‖ left ‖ right)}, and the empty tree's root is the SHA-256 of
 * nothing. The two prefixes keep a leaf from ever passing for an inner node.
 */
public final class MerkleHash {

  /** The length of every hash in the tree, in bytes. */
  public static final int SIZE = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final byte[] EMPTY_ROOT = sha256().digest();

  private MerkleHash() {}

  /** The leaf hash of one entry's bytes. */
  public static byte[] leaf(byte[] entryBytes) {
    return leaf(sha256(), entryBytes);
  }

  /** The hash of an inner node from its two children's hashes. */
  public static byte[] node(byte[] left, byte[] right) {
    return node(sha256(), left, right);
  }

  /** The root of the tree with no leaves. */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  static byte[] leaf(MessageDigest sha256, byte[] entryBytes) {
    Objects.requireNonNull(entryBytes, "entryBytes");
    sha256.update(LEAF_PREFIX);
    sha256.update(entryBytes);
    return sha256.digest();
  }

  static byte[] node(MessageDigest sha256, byte[] left, byte[] right) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    sha256.update(NODE_PREFIX);
    sha256.update(left);
    sha256.update(right);
    return sha256.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
