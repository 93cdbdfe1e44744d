package no.bindeledd.core.atrest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import no.bindeledd.core.crypto.OwnerOnlyFiles;

/**
 * The key store that holds the at-rest keys: secret key entries {@code kek-<version>} (AES-256, the
 * key-encryption keys) and {@code lookup} (HMAC-SHA-256, for national identity numbers), each
 * protected by the store's password. A PKCS#12 file by default; the type is a setting, so that a
 * JDK key store type such as {@code PKCS11} (with no file, the password being the token's PIN) can
 * take its place.
 */
public final class AtRestKeyStore {

  public static final String DEFAULT_TYPE = "PKCS12";
  static final String KEK_PREFIX = "kek-";
  static final String LOOKUP_ALIAS = "lookup";

  private final Path file;
  private final char[] password;
  private final String type;

  public AtRestKeyStore(Path file, char[] password, String type) {
    this.file = file;
    this.password = password.clone();
    this.type = type;
  }

  /**
   * The key store {@code at-rest.p12} in {@code keysDir} with its password in {@code
   * at-rest.password} beside it, both made with random keys on first start, owner-only.
   */
  public static AtRestKeyStore openOrCreate(Path keysDir) {
    Path store = keysDir.resolve("at-rest.p12");
    Path passwordFile = keysDir.resolve("at-rest.password");
    try {
      OwnerOnlyFiles.createDirectories(keysDir);
      if (Files.exists(passwordFile)) {
        char[] password =
            Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
        return new AtRestKeyStore(store, password, DEFAULT_TYPE);
      }
      if (Files.exists(store)) {
        throw new IllegalStateException(
            store + " exists but its password file " + passwordFile.getFileName() + " does not");
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      OwnerOnlyFiles.writeAtomically(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
      AtRestKeyStore created = new AtRestKeyStore(store, password.toCharArray(), DEFAULT_TYPE);
      created.save(KeyEncryptionKeys.generate());
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the at-rest key store " + store, e);
    }
  }

  public Path file() {
    return file;
  }

  /** Reads the keys; a store without a key-encryption key or the lookup key is refused. */
  public KeyEncryptionKeys load() {
    try {
      KeyStore store = KeyStore.getInstance(type);
      if (file == null) {
        store.load(null, password);
      } else {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
          store.load(in, password);
        }
      }
      KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password);
      Map<Integer, SecretKey> versions = new TreeMap<>();
      SecretKey lookup = null;
      for (String alias : Collections.list(store.aliases())) {
        if (!(store.getEntry(alias, protection) instanceof KeyStore.SecretKeyEntry entry)) {
          continue;
        }
        if (alias.equalsIgnoreCase(LOOKUP_ALIAS)) {
          lookup = entry.getSecretKey();
        } else if (alias.toLowerCase().startsWith(KEK_PREFIX)) {
          versions.put(version(alias), entry.getSecretKey());
        }
      }
      if (versions.isEmpty() || lookup == null) {
        throw new IllegalStateException(
            "The at-rest key store "
                + file
                + " needs a key-encryption key (kek-1, ...) and the lookup key (lookup)");
      }
      return new KeyEncryptionKeys(versions, lookup);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the at-rest key store " + file + " (is the password right?)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the at-rest key store " + file, e);
    }
  }

  private static int version(String alias) {
    try {
      int version = Integer.parseInt(alias.substring(KEK_PREFIX.length()));
      if (version < 1) {
        throw new NumberFormatException(alias);
      }
      return version;
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "The at-rest key store's entry " + alias + " is not kek-<version from 1>", e);
    }
  }

  /** Writes {@code keys} as the whole store, atomically and owner-only. */
  public void save(KeyEncryptionKeys keys) {
    if (file == null) {
      throw new IllegalStateException("a key store of type " + type + " is kept by its token");
    }
    try {
      KeyStore store = KeyStore.getInstance(type);
      store.load(null, password);
      KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password);
      for (var version : keys.versions().entrySet()) {
        store.setEntry(
            KEK_PREFIX + version.getKey(),
            new KeyStore.SecretKeyEntry(version.getValue()),
            protection);
      }
      store.setEntry(LOOKUP_ALIAS, new KeyStore.SecretKeyEntry(keys.lookupKey()), protection);
      var out = new ByteArrayOutputStream();
      store.store(out, password);
      OwnerOnlyFiles.writeAtomically(file, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the at-rest key store " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot write the at-rest key store " + file, e);
    }
  }
}
