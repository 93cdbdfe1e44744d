package no.bindeledd.core.audit.checkpoint;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Ed25519 keys of the JDK as the 32 raw bytes of RFC 8032, which is how signed notes and verifier
 * keys carry them. The JDK only exposes X.509 SubjectPublicKeyInfo encodings, so the conversion
 * goes through the fixed 12-byte DER prefix every Ed25519 SubjectPublicKeyInfo starts with (RFC
 * 8410).
 */
public final class Ed25519Keys {

  /** Length of a raw public key and of a private key seed. */
  public static final int KEY_LENGTH = 32;

  /** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes, 0 unused bits) }. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private static final String ALGORITHM = "Ed25519";

  private Ed25519Keys() {}

  /** A fresh key pair from the JDK's own provider. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This Java runtime cannot generate Ed25519 keys", e);
    }
  }

  /**
   * The 32-byte public key of RFC 8032.
   *
   * @throws IllegalArgumentException if the key is not an Ed25519 public key
   */
  public static byte[] rawPublicKey(PublicKey key) {
    Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (encoded == null
        || encoded.length != SPKI_PREFIX.length + KEY_LENGTH
        || !Arrays.equals(encoded, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalArgumentException(
          "Not an Ed25519 public key (" + key.getAlgorithm() + ", " + key.getFormat() + ")");
    }
    return Arrays.copyOfRange(encoded, SPKI_PREFIX.length, encoded.length);
  }

  /**
   * The JDK public key for 32 raw bytes. Whether the bytes are a point on the curve is only known
   * when a signature is verified with the key; verification then fails.
   *
   * @throws IllegalArgumentException if the key is not 32 bytes long
   */
  public static PublicKey publicKey(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "An Ed25519 public key has " + KEY_LENGTH + " bytes, not " + raw.length);
    }
    byte[] encoded = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_LENGTH);
    System.arraycopy(raw, 0, encoded, SPKI_PREFIX.length, KEY_LENGTH);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Not a usable Ed25519 public key", e);
    }
  }

  /** The private key for a 32-byte seed, the form RFC 8032 and Go's signer keys store. */
  public static PrivateKey privateKey(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "An Ed25519 private key seed has " + KEY_LENGTH + " bytes, not " + seed.length);
    }
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This Java runtime cannot build Ed25519 keys", e);
    }
  }

  /**
   * The public key belonging to a private key, which a signer needs for its key ID. The JDK has no
   * public call for this, so the key pair generator is handed the private key's seed as its only
   * "random" bytes; that the generated private key then equals the given one is checked, so a
   * runtime that generates keys differently fails here and not with signatures nobody can verify.
   *
   * @throws IllegalArgumentException if the key is not an Ed25519 key whose seed can be read
   */
  public static PublicKey publicKeyOf(PrivateKey key) {
    Objects.requireNonNull(key, "key");
    if (!(key instanceof EdECPrivateKey edKey)
        || edKey.getParams() == null
        || !ALGORITHM.equalsIgnoreCase(edKey.getParams().getName())) {
      throw new IllegalArgumentException("Not an Ed25519 private key (" + key.getAlgorithm() + ")");
    }
    byte[] seed =
        edKey
            .getBytes()
            .orElseThrow(
                () -> new IllegalArgumentException("The Ed25519 private key cannot be read"));
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
      KeyPair pair = generator.generateKeyPair();
      if (!(pair.getPrivate() instanceof EdECPrivateKey generated)
          || !Arrays.equals(generated.getBytes().orElse(null), seed)) {
        throw new IllegalStateException(
            "This Java runtime does not derive Ed25519 keys from a seed as expected");
      }
      return pair.getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This Java runtime cannot derive Ed25519 public keys", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** Hands out the seed once, to exactly one request for 32 bytes. */
  private static final class SeedAsRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    private transient byte[] seed;

    SeedAsRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (seed == null || bytes.length != seed.length) {
        throw new IllegalStateException("The key pair generator asked for unexpected bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
      Arrays.fill(seed, (byte) 0);
      seed = null;
    }
  }
}
