package no.bindeledd.core.atrest;

import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The key-encryption keys by version, the newest of which wraps every new data key, and the lookup
 * key that makes the keyed hashes of national identity numbers. They come from a key store ({@link
 * AtRestKeyStore}); the database never sees them.
 */
public final class KeyEncryptionKeys {

  private final NavigableMap<Integer, SecretKey> versions;
  private final int currentVersion;
  private final SecretKey lookupKey;

  /** The keys, the highest version current. */
  public KeyEncryptionKeys(Map<Integer, SecretKey> versions, SecretKey lookupKey) {
    this(versions, versions.isEmpty() ? 0 : Collections.max(versions.keySet()), lookupKey);
  }

  private KeyEncryptionKeys(
      Map<Integer, SecretKey> versions, int currentVersion, SecretKey lookupKey) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("at least one key-encryption key is needed");
    }
    if (!versions.containsKey(currentVersion)) {
      throw new IllegalArgumentException(
          "key-encryption key version " + currentVersion + " is not in the key store");
    }
    if (lookupKey == null) {
      throw new IllegalArgumentException("the lookup key is needed");
    }
    this.versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
    this.currentVersion = currentVersion;
    this.lookupKey = lookupKey;
  }

  /**
   * These keys with {@code version} current rather than the highest: while a new version reaches
   * every node of the hub, the nodes go on wrapping with the old one, so that none meets a data key
   * wrapped by a version it does not hold yet.
   */
  public KeyEncryptionKeys withCurrent(int version) {
    return new KeyEncryptionKeys(versions, version, lookupKey);
  }

  /** Fresh random keys, version 1, held in memory only: for tests and for a first start. */
  public static KeyEncryptionKeys generate() {
    return new KeyEncryptionKeys(Map.of(1, newAesKey()), newLookupKey());
  }

  /** The version that wraps new data keys: the highest in the key store unless set otherwise. */
  public int currentVersion() {
    return currentVersion;
  }

  SecretKey current() {
    return versions.get(currentVersion);
  }

  Optional<SecretKey> version(int version) {
    return Optional.ofNullable(versions.get(version));
  }

  public NavigableMap<Integer, SecretKey> versions() {
    return versions;
  }

  SecretKey lookupKey() {
    return lookupKey;
  }

  /** These keys with one more version, which becomes current. */
  public KeyEncryptionKeys withNewVersion() {
    TreeMap<Integer, SecretKey> more = new TreeMap<>(versions);
    more.put(versions.lastKey() + 1, newAesKey());
    return new KeyEncryptionKeys(more, lookupKey);
  }

  /** These keys without {@code version}, once no data key is wrapped by it any more. */
  public KeyEncryptionKeys without(int version) {
    TreeMap<Integer, SecretKey> fewer = new TreeMap<>(versions);
    if (version == currentVersion) {
      throw new IllegalArgumentException("the current key-encryption key cannot be removed");
    }
    fewer.remove(version);
    return new KeyEncryptionKeys(fewer, currentVersion, lookupKey);
  }

  static SecretKey newAesKey() {
    return generate("AES", 256);
  }

  static SecretKey newLookupKey() {
    return generate("HmacSHA256", 256);
  }

  private static SecretKey generate(String algorithm, int bits) {
    try {
      KeyGenerator generator = KeyGenerator.getInstance(algorithm);
      generator.init(bits);
      return generator.generateKey();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }
}
