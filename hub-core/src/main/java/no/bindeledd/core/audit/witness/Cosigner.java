package no.bindeledd.core.audit.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Objects;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.crypto.OwnerOnlyFiles;

/**
 * A witness's signing identity: its name and its Ed25519 key, which it cosigns checkpoints with as
 * C2SP tlog-cosignature {@code cosignature/v1} (signature type {@code 0x04}). Its {@link
 * #verifierKey()} is what a verifier is given to trust the witness by.
 *
 * <p>The key is the witness's own and never the log's: a witness that shared the log's key would
 * vouch for nothing.
 */
public final class Cosigner {

  static final String KEY_FILE = "witness-key.p8";
  static final String VERIFIER_KEY_FILE = "witness.vkey";

  private final String name;
  private final PrivateKey key;
  private final VerifierKey verifierKey;

  /**
   * @throws IllegalArgumentException if the name is not a valid key name or the key not Ed25519
   */
  public Cosigner(String name, PrivateKey key) {
    this.name = Objects.requireNonNull(name, "name");
    this.key = Objects.requireNonNull(key, "key");
    this.verifierKey =
        VerifierKey.of(name, VerifierKey.Type.COSIGNATURE_V1, Ed25519Keys.publicKeyOf(key));
  }

  /**
   * The cosigner whose key is kept in {@code folder} ({@value #KEY_FILE}, PKCS #8, owner only, and
   * its verifier key in {@value #VERIFIER_KEY_FILE}), made on first use.
   *
   * @throws IllegalStateException if the folder holds the key of a witness of another name
   */
  public static synchronized Cosigner loadOrCreate(Path folder, String name) {
    Path keyFile = folder.resolve(KEY_FILE);
    Path publicFile = folder.resolve(VERIFIER_KEY_FILE);
    try {
      if (Files.exists(keyFile)) {
        PrivateKey key =
            KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keyFile)));
        Cosigner cosigner = new Cosigner(name, key);
        if (Files.exists(publicFile)) {
          VerifierKey kept =
              VerifierKey.parse(Files.readString(publicFile, StandardCharsets.UTF_8).strip());
          if (!kept.equals(cosigner.verifierKey())) {
            throw new IllegalStateException(
                "The witness key in "
                    + folder
                    + " belongs to "
                    + kept
                    + ", not to a witness named "
                    + name
                    + "; a witness keeps its name, since its key ID depends on it");
          }
        }
        return cosigner;
      }
      KeyPair pair = Ed25519Keys.generate();
      OwnerOnlyFiles.createDirectories(folder);
      OwnerOnlyFiles.writeAtomically(keyFile, pair.getPrivate().getEncoded());
      Cosigner cosigner = new Cosigner(name, pair.getPrivate());
      OwnerOnlyFiles.writeAtomically(
          publicFile, (cosigner.verifierKey().encoded() + "\n").getBytes(StandardCharsets.UTF_8));
      return cosigner;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the witness key in " + folder, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the witness key in " + folder + " is unusable", e);
    }
  }

  public String name() {
    return name;
  }

  /** The verifier key of type {@code 0x04} that checks this witness's cosignatures. */
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  /**
   * The cosignature line for a checkpoint's text, at a time.
   *
   * @param checkpointText the checkpoint note's text, ending in a newline, without signatures
   */
  public String cosign(String checkpointText, Instant time) {
    return SignedNote.cosignatureLine(checkpointText, name, key, time);
  }

  @Override
  public String toString() {
    return "Cosigner[" + verifierKey.encoded() + "]";
  }
}
