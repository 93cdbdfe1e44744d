package no.bindeledd.core.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The hub's own Ed25519 key that signs the audit log's checkpoints. It is not an agency's key: it
 * speaks for the log. Kept in the keys folder as {@code log-signing-key.p8} (PKCS #8, owner only)
 * and {@code log-signing-key.pub} (X.509 SubjectPublicKeyInfo); a restart reuses it, so that
 * verifiers keep trusting the same key.
 */
public record LogSigningKey(PrivateKey privateKey, PublicKey publicKey) {

  static final String PRIVATE_FILE = "log-signing-key.p8";
  static final String PUBLIC_FILE = "log-signing-key.pub";

  public static synchronized LogSigningKey loadOrCreate(Path keysDir) {
    Path privateFile = keysDir.resolve(PRIVATE_FILE);
    Path publicFile = keysDir.resolve(PUBLIC_FILE);
    try {
      KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        return new LogSigningKey(
            ed25519.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))),
            ed25519.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))));
      }
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      OwnerOnlyFiles.createDirectories(keysDir);
      OwnerOnlyFiles.writeAtomically(privateFile, pair.getPrivate().getEncoded());
      OwnerOnlyFiles.writeAtomically(publicFile, pair.getPublic().getEncoded());
      return new LogSigningKey(pair.getPrivate(), pair.getPublic());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the log signing key in " + keysDir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the log signing key in " + keysDir + " is unusable", e);
    }
  }
}
