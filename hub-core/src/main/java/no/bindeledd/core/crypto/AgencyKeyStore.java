package no.bindeledd.core.crypto;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The agencies' signing keys and encryption keys in the embedded profile, kept in {@code
 * agency-keys.p12} so that a restarted hub signs and decrypts with the same keys and the
 * certificates registered for the agencies stay valid. A signing key's alias is the organisation
 * number, an encryption key's the number followed by {@code .encryption}. One instance per folder:
 * two would overwrite each other's keys. Safe to share between threads.
 */
public final class AgencyKeyStore {

  private static final String FILE_NAME = "agency-keys";

  private static final String ENCRYPTION_SUFFIX = ".encryption";

  private final KeyStoreFile file;
  private final KeyStore store;
  private final SortedMap<String, SigningKey> keys;
  private final SortedMap<String, EncryptionKey> encryptionKeys;

  private AgencyKeyStore(
      KeyStoreFile file,
      KeyStore store,
      SortedMap<String, SigningKey> keys,
      SortedMap<String, EncryptionKey> encryptionKeys) {
    this.file = file;
    this.store = store;
    this.keys = keys;
    this.encryptionKeys = encryptionKeys;
  }

  /**
   * Loads the keys from the folder, or creates an empty key store there with a random password in
   * {@code agency-keys.password}; both files are readable by the owner only.
   *
   * @throws IllegalStateException if the key store exists without its password, or is unreadable
   * @throws java.io.UncheckedIOException if the folder cannot be read or written
   */
  public static synchronized AgencyKeyStore loadOrCreate(Path keysDir) {
    KeyStoreFile file = KeyStoreFile.open(keysDir, FILE_NAME);
    KeyStore store = file.load();
    SortedMap<String, SigningKey> keys = new TreeMap<>();
    SortedMap<String, EncryptionKey> encryptionKeys = new TreeMap<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias) && alias.endsWith(ENCRYPTION_SUFFIX)) {
          KeyStore.PrivateKeyEntry entry = file.privateKeyEntry(store, alias);
          String orgNumber = alias.substring(0, alias.length() - ENCRYPTION_SUFFIX.length());
          encryptionKeys.put(
              orgNumber,
              new EncryptionKey(
                  orgNumber, (X509Certificate) entry.getCertificate(), entry.getPrivateKey()));
        } else if (store.isKeyEntry(alias)) {
          KeyStore.PrivateKeyEntry entry = file.privateKeyEntry(store, alias);
          keys.put(
              alias,
              new SigningKey(
                  alias, (X509Certificate) entry.getCertificate(), entry.getPrivateKey()));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot list the agency keys", e);
    }
    if (!file.exists()) {
      file.save(store);
    }
    return new AgencyKeyStore(file, store, keys, encryptionKeys);
  }

  /**
   * The agency's stored key, or a new one from the CA, saved before it is returned. A stored key
   * whose certificate this CA did not issue, or that is no longer valid, is replaced: it would sign
   * messages that nobody trusting the CA can verify. The agency name is only used for a new
   * certificate.
   */
  public synchronized SigningKey ensureKey(String orgNumber, String agencyName, DevelopmentCa ca) {
    OrgNumbers.requireValid(orgNumber);
    Objects.requireNonNull(ca, "ca");
    SigningKey stored = keys.get(orgNumber);
    if (stored != null && ca.issued(stored.certificate()) && validNow(stored.certificate())) {
      return stored;
    }
    SigningKey issued = ca.issueSigningKey(orgNumber, agencyName);
    store(orgNumber, issued.privateKey(), issued.certificate(), ca);
    keys.put(orgNumber, issued);
    return issued;
  }

  /**
   * The agency's stored encryption key, or a new one from the CA, saved before it is returned, on
   * the terms of {@link #ensureKey}.
   */
  public synchronized EncryptionKey ensureEncryptionKey(
      String orgNumber, String agencyName, DevelopmentCa ca) {
    OrgNumbers.requireValid(orgNumber);
    Objects.requireNonNull(ca, "ca");
    EncryptionKey stored = encryptionKeys.get(orgNumber);
    if (stored != null && ca.issued(stored.certificate()) && validNow(stored.certificate())) {
      return stored;
    }
    EncryptionKey issued = ca.issueEncryptionKey(orgNumber, agencyName);
    store(orgNumber + ENCRYPTION_SUFFIX, issued.privateKey(), issued.certificate(), ca);
    encryptionKeys.put(orgNumber, issued);
    return issued;
  }

  public synchronized Optional<EncryptionKey> findEncryptionKey(String orgNumber) {
    return Optional.ofNullable(encryptionKeys.get(orgNumber));
  }

  /** The encryption keys the hub holds, in number order. */
  public synchronized List<EncryptionKey> encryptionKeys() {
    return List.copyOf(encryptionKeys.values());
  }

  /** A snapshot of the encryption certificates by organisation number, in number order. */
  public synchronized Map<String, X509Certificate> encryptionCertificates() {
    SortedMap<String, X509Certificate> certificates = new TreeMap<>();
    encryptionKeys.forEach((orgNumber, key) -> certificates.put(orgNumber, key.certificate()));
    return Collections.unmodifiableSortedMap(certificates);
  }

  public synchronized Optional<SigningKey> find(String orgNumber) {
    return Optional.ofNullable(keys.get(orgNumber));
  }

  /** A snapshot by organisation number, in number order, for registering the agencies. */
  public synchronized Map<String, X509Certificate> certificates() {
    SortedMap<String, X509Certificate> certificates = new TreeMap<>();
    keys.forEach((orgNumber, key) -> certificates.put(orgNumber, key.certificate()));
    return Collections.unmodifiableSortedMap(certificates);
  }

  /**
   * Saves the new entry, or puts the in-memory key store back as it was if that fails, so that the
   * store never holds a key the file does not.
   */
  private void store(
      String orgNumber, PrivateKey privateKey, X509Certificate certificate, DevelopmentCa ca) {
    try {
      KeyStore.Entry previous =
          store.containsAlias(orgNumber)
              ? store.getEntry(orgNumber, new KeyStore.PasswordProtection(file.password()))
              : null;
      store.setKeyEntry(
          orgNumber,
          privateKey,
          file.password(),
          new Certificate[] {certificate, ca.certificate()});
      try {
        file.save(store);
      } catch (RuntimeException e) {
        if (previous == null) {
          store.deleteEntry(orgNumber);
        } else {
          store.setEntry(orgNumber, previous, new KeyStore.PasswordProtection(file.password()));
        }
        throw e;
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot store the key of " + orgNumber, e);
    }
  }

  private static boolean validNow(X509Certificate certificate) {
    try {
      certificate.checkValidity();
      return true;
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return false;
    }
  }
}
