package no.bindeledd.core.crypto;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import no.bindeledd.core.crypto.bc.TimestampResponder;

/**
 * An RFC 3161 time-stamping authority inside the hub, for the embedded profile only, so that
 * checkpoints are timestamped without a network. Its certificate comes from the {@link
 * DevelopmentCa} and its subject says that it is not for production: a timestamp is only worth the
 * independence of the authority, and this one is the hub itself. Production hubs use a qualified
 * authority through {@link HttpTimestampAuthority}. Safe to share between threads.
 */
public final class DevelopmentTsa implements TimestampAuthority {

  /**
   * The policy its tokens are issued under: an OID in the 2.25 arc (ITU-T X.667), formed from a
   * random UUID (41c2da44-584a-4c66-af8b-f06188589f44), so that it needs no registration and
   * collides with nothing.
   */
  public static final String POLICY = "2.25.87411552296708437501809662566069739332";

  private static final String FILE_NAME = "development-tsa";
  private static final String ALIAS = "development-tsa";

  private final TimestampingKey key;
  private final TimestampResponder responder;
  private final Clock clock;

  private DevelopmentTsa(TimestampingKey key, Clock clock) {
    this.key = key;
    this.responder = new TimestampResponder(key, POLICY);
    this.clock = clock;
  }

  /**
   * An authority that signs with the given key, for instance one just issued by {@link
   * DevelopmentCa#issueTimestampingKey()}.
   *
   * @throws IllegalArgumentException if the key's certificate is not a time-stamping certificate
   */
  public static DevelopmentTsa using(TimestampingKey key) {
    return new DevelopmentTsa(Objects.requireNonNull(key, "key"), Clock.systemUTC());
  }

  /** As {@link #using(TimestampingKey)}, with a clock of the caller's, for tests. */
  public static DevelopmentTsa using(TimestampingKey key, Clock clock) {
    return new DevelopmentTsa(
        Objects.requireNonNull(key, "key"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Loads the authority's key from {@code development-tsa.p12} in the folder, or has the CA issue
   * one and keeps it there with a random password in {@code development-tsa.password}; both files
   * are readable by the owner only. Restarts therefore keep the certificate verifiers trust. A
   * stored key whose certificate this CA did not issue, or that is no longer valid, is replaced.
   */
  public static synchronized DevelopmentTsa loadOrCreate(Path keysDir, DevelopmentCa ca) {
    Objects.requireNonNull(ca, "ca");
    KeyStoreFile file = KeyStoreFile.open(keysDir, FILE_NAME);
    KeyStore store = file.load();
    if (file.exists()) {
      KeyStore.PrivateKeyEntry entry = file.privateKeyEntry(store, ALIAS);
      X509Certificate stored = (X509Certificate) entry.getCertificate();
      if (ca.issued(stored) && validNow(stored)) {
        return using(new TimestampingKey(stored, entry.getPrivateKey()));
      }
    }
    TimestampingKey issued = ca.issueTimestampingKey();
    try {
      store.setKeyEntry(
          ALIAS,
          issued.privateKey(),
          file.password(),
          new Certificate[] {issued.certificate(), ca.certificate()});
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot store the development TSA key", e);
    }
    file.save(store);
    return using(issued);
  }

  /** What verifiers trust for this authority's tokens. */
  public X509Certificate certificate() {
    return key.certificate();
  }

  /** Always answers: requests it cannot serve get a rejection response, as RFC 3161 asks. */
  @Override
  public byte[] respond(byte[] timestampQuery) {
    return responder.respond(timestampQuery, clock.instant());
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
