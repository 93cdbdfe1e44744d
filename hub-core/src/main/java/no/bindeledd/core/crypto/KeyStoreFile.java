package no.bindeledd.core.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCS12 file with its password in a file beside it. The password protects nothing the owner-only
 * permissions do not already protect; it exists because PKCS12 requires one, and because a
 * generated one is better than a well-known default that ends up copied into production.
 */
final class KeyStoreFile {

  private static final String TYPE = "PKCS12";
  private static final int PASSWORD_BYTES = 32;

  private final Path keyStore;
  private final Path passwordFile;
  private final char[] password;

  private KeyStoreFile(Path keyStore, Path passwordFile, char[] password) {
    this.keyStore = keyStore;
    this.passwordFile = passwordFile;
    this.password = password;
  }

  /**
   * Opens {@code <name>.p12} and {@code <name>.password} in the folder, creating the folder and the
   * password on first use. A key store without its password is an error, not a reason to start
   * over: starting over would silently replace every key in it.
   */
  static KeyStoreFile open(Path directory, String name) {
    Path keyStore = directory.resolve(name + ".p12");
    Path passwordFile = directory.resolve(name + ".password");
    try {
      OwnerOnlyFiles.createDirectories(directory);
      if (Files.exists(passwordFile)) {
        String stored = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
        return new KeyStoreFile(keyStore, passwordFile, stored.toCharArray());
      }
      if (Files.exists(keyStore)) {
        throw new IllegalStateException(
            keyStore
                + " exists but its password file "
                + passwordFile.getFileName()
                + " does not; restore it, or delete the key store to create new keys");
      }
      byte[] random = new byte[PASSWORD_BYTES];
      new SecureRandom().nextBytes(random);
      String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      OwnerOnlyFiles.writeAtomically(passwordFile, generated.getBytes(StandardCharsets.US_ASCII));
      return new KeyStoreFile(keyStore, passwordFile, generated.toCharArray());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the key store " + keyStore, e);
    }
  }

  boolean exists() {
    return Files.exists(keyStore);
  }

  /** The stored key store, or an empty one when nothing has been saved yet. */
  KeyStore load() {
    try {
      KeyStore store = KeyStore.getInstance(TYPE);
      if (exists()) {
        try (var in = new ByteArrayInputStream(Files.readAllBytes(keyStore))) {
          store.load(in, password);
        }
      } else {
        store.load(null, password);
      }
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the key store " + keyStore + " (is " + passwordFile + " its password?)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the key store " + keyStore, e);
    }
  }

  void save(KeyStore store) {
    try {
      var out = new ByteArrayOutputStream();
      store.store(out, password);
      OwnerOnlyFiles.writeAtomically(keyStore, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the key store " + keyStore, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot write the key store " + keyStore, e);
    }
  }

  /** The password also protects each key entry, as most PKCS12 tools expect. */
  char[] password() {
    return password.clone();
  }

  KeyStore.PrivateKeyEntry privateKeyEntry(KeyStore store, String alias) {
    try {
      if (store.getEntry(alias, new KeyStore.PasswordProtection(password()))
          instanceof KeyStore.PrivateKeyEntry entry) {
        return entry;
      }
      throw new IllegalStateException(keyStore + " holds no private key named " + alias);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the key " + alias + " from " + keyStore, e);
    }
  }
}
