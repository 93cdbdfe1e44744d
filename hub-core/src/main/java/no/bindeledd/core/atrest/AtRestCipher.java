package no.bindeledd.core.atrest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Envelope encryption of personal data: makes data keys and wraps them with the current
 * key-encryption key, unwraps them (keeping a bounded number unwrapped in memory, so that reading a
 * row whose key is cached costs no key-encryption key operation), re-wraps them under a newer
 * key-encryption key, and makes the keyed hashes that look sealed values up.
 */
public final class AtRestCipher {

  /** Unwrapped data keys kept in memory: enough for a municipality's register and its messages. */
  public static final int DEFAULT_CACHED_KEYS = 20_000;

  private volatile KeyEncryptionKeys keys;
  private final Map<UUID, SecretKey> unwrapped;

  public AtRestCipher(KeyEncryptionKeys keys) {
    this(keys, DEFAULT_CACHED_KEYS);
  }

  public AtRestCipher(KeyEncryptionKeys keys, int cachedKeys) {
    this.keys = keys;
    this.unwrapped =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, SecretKey> eldest) {
            return size() > cachedKeys;
          }
        };
  }

  public KeyEncryptionKeys keys() {
    return keys;
  }

  /**
   * Takes up another set of key-encryption keys, as after a rotation: new data keys are wrapped by
   * its current version. The lookup key must stay the same, or no national identity number would be
   * found again.
   */
  public void useKeys(KeyEncryptionKeys newer) {
    if (!newer.lookupKey().equals(keys.lookupKey())) {
      throw new IllegalArgumentException("the lookup key cannot change");
    }
    this.keys = newer;
  }

  /** A new random data key, wrapped by the current key-encryption key, and kept unwrapped. */
  public DataKey newDataKey(Instant now) {
    KeyEncryptionKeys current = keys;
    SecretKey dataKey = KeyEncryptionKeys.newAesKey();
    UUID id = UUID.randomUUID();
    DataKey stored =
        new DataKey(id, wrap(current.current(), dataKey), current.currentVersion(), now);
    remember(id, dataKey);
    return stored;
  }

  /** The cipher of {@code row}'s columns under its data key {@code key}. */
  public RowCipher row(Sealable row, DataKey key) {
    UUID id = UUID.fromString(key.id());
    return new RowCipher(row.sealedTable(), row.id(), id, unwrapped(id, key), this);
  }

  /**
   * The cipher of a stored row's columns, its data key from the cache or else from {@code
   * dataKeys}.
   */
  public RowCipher row(
      String table, String rowId, String dataKeyId, Function<String, Optional<DataKey>> dataKeys) {
    UUID id = UUID.fromString(dataKeyId);
    SecretKey cached = cached(id);
    if (cached == null) {
      DataKey key =
          dataKeys
              .apply(dataKeyId)
              .orElseThrow(
                  () ->
                      new UnreadableAtRest(
                          table + " " + rowId + "'s data key " + dataKeyId + " is gone"));
      cached = unwrapped(id, key);
    }
    return new RowCipher(table, rowId, id, cached, this);
  }

  /**
   * Wraps {@code key} anew by the current key-encryption key, if another wraps it. Returns whether
   * it changed.
   */
  public boolean rewrap(DataKey key) {
    KeyEncryptionKeys current = keys;
    if (key.kekVersion() == current.currentVersion()) {
      return false;
    }
    SecretKey dataKey = unwrap(current, key);
    key.rewrapped(wrap(current.current(), dataKey), current.currentVersion());
    return true;
  }

  /** HMAC-SHA-256 under the lookup key, of the value and the column it is looked up in. */
  public String lookupHash(String table, String column, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(keys.lookupKey());
      mac.update((table + "\0" + column + "\0").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }

  /** Forgets one unwrapped data key, once it is destroyed. */
  public void forget(String dataKeyId) {
    synchronized (unwrapped) {
      unwrapped.remove(UUID.fromString(dataKeyId));
    }
  }

  /** Forgets every unwrapped data key, as if the hub had just started. */
  public void forgetUnwrappedKeys() {
    synchronized (unwrapped) {
      unwrapped.clear();
    }
  }

  private SecretKey unwrapped(UUID id, DataKey key) {
    SecretKey cached = cached(id);
    if (cached != null) {
      return cached;
    }
    SecretKey opened = unwrap(keys, key);
    remember(id, opened);
    return opened;
  }

  private SecretKey cached(UUID id) {
    synchronized (unwrapped) {
      return unwrapped.get(id);
    }
  }

  private void remember(UUID id, SecretKey key) {
    synchronized (unwrapped) {
      unwrapped.put(id, key);
    }
  }

  private static byte[] wrap(SecretKey kek, SecretKey dataKey) {
    try {
      Cipher wrap = Cipher.getInstance("AESWrap");
      wrap.init(Cipher.WRAP_MODE, kek);
      return wrap.wrap(dataKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES key wrap is not available", e);
    }
  }

  private static SecretKey unwrap(KeyEncryptionKeys keys, DataKey key) {
    SecretKey kek =
        keys.version(key.kekVersion())
            .orElseThrow(
                () ->
                    new UnreadableAtRest(
                        "data key "
                            + key.id()
                            + " is wrapped by key-encryption key version "
                            + key.kekVersion()
                            + ", which the key store does not hold"));
    try {
      Cipher unwrap = Cipher.getInstance("AESWrap");
      unwrap.init(Cipher.UNWRAP_MODE, kek);
      return (SecretKey) unwrap.unwrap(key.wrappedKey(), "AES", Cipher.SECRET_KEY);
    } catch (InvalidKeyException e) {
      throw new UnreadableAtRest(
          "data key "
              + key.id()
              + " does not unwrap with key-encryption key version "
              + key.kekVersion(),
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES key wrap is not available", e);
    }
  }
}
