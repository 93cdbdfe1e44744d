package no.bindeledd.core.atrest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Moves data keys to the current key-encryption key, a few in each transaction, while the hub
 * serves: rows sealed with them are not touched, and a key stays readable throughout, wrapped by
 * the old version until its transaction commits and by the new one after. When none is left on an
 * old version, that version can leave the key store.
 */
@ApplicationScoped
public class DataKeyRotation {

  /** Data keys re-wrapped in one transaction: small, so that no lock is held for long. */
  public static final int BATCH = 200;

  private DataKeys dataKeys;
  private AtRestCipher cipher;

  protected DataKeyRotation() {}

  @Inject
  public DataKeyRotation(DataKeys dataKeys, AtRestCipher cipher) {
    this.dataKeys = dataKeys;
    this.cipher = cipher;
  }

  /** Re-wraps up to {@code limit} data keys still on an older version; returns how many. */
  @Transactional
  public int rewrapSome(int limit) {
    int rewrapped = 0;
    for (DataKey key : dataKeys.wrappedByOtherThan(cipher.keys().currentVersion(), limit)) {
      if (cipher.rewrap(key)) {
        rewrapped++;
      }
    }
    return rewrapped;
  }

  /** How many data keys each key-encryption key version still wraps. */
  @Transactional
  public Map<Integer, Long> standing() {
    return dataKeys.countByKekVersion();
  }
}
