package no.bindeledd.core.crypto;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.crypto.bc.Certificates;
import no.bindeledd.core.crypto.bc.Certificates.Validity;

/**
 * A certificate authority for the embedded profile only, so that one command starts a hub in which
 * every agency can sign and every signature can be checked with OpenSSL. Nothing it issues is
 * trusted outside development; production agencies sign with enterprise certificates from a
 * qualified issuer (see ADR 0004).
 */
public final class DevelopmentCa {

  public static final String COMMON_NAME = "Bindeledd Development CA (not for production)";

  /** The common name of every time-stamping certificate this CA issues. */
  public static final String TSA_COMMON_NAME = "Bindeledd Development TSA (not for production)";

  private static final String FILE_NAME = "development-ca";
  private static final String ALIAS = "development-ca";
  private static final int CA_KEY_BITS = 3072;
  private static final int AGENCY_KEY_BITS = 2048;
  private static final Duration CA_LIFETIME = Duration.ofDays(3653);
  private static final Duration AGENCY_LIFETIME = Duration.ofDays(1096);
  private static final Duration TSA_LIFETIME = Duration.ofDays(1096);

  /** Tolerates clocks that run a little behind the hub's. */
  private static final Duration BACKDATING = Duration.ofHours(1);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey privateKey;

  private DevelopmentCa(X509Certificate certificate, PrivateKey privateKey) {
    this.certificate = certificate;
    this.privateKey = privateKey;
  }

  /**
   * Loads the CA kept in {@code development-ca.p12} in the folder, or creates it there with a fresh
   * random password in {@code development-ca.password}; both files are readable by the owner only.
   * Restarts therefore keep the CA, and with it every certificate it has issued.
   *
   * @throws IllegalStateException if the key store exists without its password, or is unreadable
   * @throws java.io.UncheckedIOException if the folder cannot be read or written
   */
  public static synchronized DevelopmentCa loadOrCreate(Path keysDir) {
    KeyStoreFile file = KeyStoreFile.open(keysDir, FILE_NAME);
    KeyStore store = file.load();
    if (file.exists()) {
      KeyStore.PrivateKeyEntry entry = file.privateKeyEntry(store, ALIAS);
      return new DevelopmentCa((X509Certificate) entry.getCertificate(), entry.getPrivateKey());
    }
    KeyPair keys = generateKeys(CA_KEY_BITS);
    Instant now = Instant.now();
    X509Certificate certificate =
        Certificates.selfSignedAuthority(
            keys,
            COMMON_NAME,
            new Validity(now.minus(BACKDATING), now.plus(CA_LIFETIME)),
            randomSerial());
    try {
      store.setKeyEntry(ALIAS, keys.getPrivate(), file.password(), new Certificate[] {certificate});
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot store the development CA", e);
    }
    file.save(store);
    return new DevelopmentCa(certificate, keys.getPrivate());
  }

  /** What agencies and auditors trust, for example as {@code -CAfile} to OpenSSL. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Issues a new key and certificate each call; keeping them is {@link AgencyKeyStore}'s job. The
   * subject carries the organisation number both the old (serialNumber) and the current
   * (organizationIdentifier) way Norwegian enterprise certificates do, so code that reads real
   * certificates reads these too.
   */
  public SigningKey issueSigningKey(String orgNumber, String agencyName) {
    OrgNumbers.requireValid(orgNumber);
    Objects.requireNonNull(agencyName, "agencyName");
    if (agencyName.isBlank()) {
      throw new IllegalArgumentException("An agency needs a name for its certificate");
    }
    KeyPair keys = generateKeys(AGENCY_KEY_BITS);
    Instant now = Instant.now();
    X509Certificate issued =
        Certificates.agencyCertificate(
            certificate,
            privateKey,
            keys.getPublic(),
            orgNumber,
            agencyName.strip(),
            new Validity(now.minus(BACKDATING), now.plus(AGENCY_LIFETIME)),
            randomSerial());
    return new SigningKey(orgNumber, issued, keys.getPrivate());
  }

  /**
   * Issues a new encryption key and certificate each call, as {@link #issueSigningKey} does a
   * signing one: the same subject, key usage keyEncipherment only.
   */
  public EncryptionKey issueEncryptionKey(String orgNumber, String agencyName) {
    OrgNumbers.requireValid(orgNumber);
    Objects.requireNonNull(agencyName, "agencyName");
    if (agencyName.isBlank()) {
      throw new IllegalArgumentException("An agency needs a name for its certificate");
    }
    KeyPair keys = generateKeys(AGENCY_KEY_BITS);
    Instant now = Instant.now();
    X509Certificate issued =
        Certificates.agencyEncryptionCertificate(
            certificate,
            privateKey,
            keys.getPublic(),
            orgNumber,
            agencyName.strip(),
            new Validity(now.minus(BACKDATING), now.plus(AGENCY_LIFETIME)),
            randomSerial());
    return new EncryptionKey(orgNumber, issued, keys.getPrivate());
  }

  /**
   * Issues a new key and certificate for a time-stamping authority each call; {@link
   * DevelopmentTsa#loadOrCreate} keeps one. The certificate has the one critical extended key usage
   * RFC 3161 requires, id-kp-timeStamping, and a subject that says it is not for production.
   */
  public TimestampingKey issueTimestampingKey() {
    KeyPair keys = generateKeys(AGENCY_KEY_BITS);
    Instant now = Instant.now();
    X509Certificate issued =
        Certificates.timestampingCertificate(
            certificate,
            privateKey,
            keys.getPublic(),
            TSA_COMMON_NAME,
            new Validity(now.minus(BACKDATING), now.plus(TSA_LIFETIME)),
            randomSerial());
    return new TimestampingKey(issued, keys.getPrivate());
  }

  /** As {@link EnterpriseCertificates#orgNumberOf}. */
  public static Optional<String> orgNumberOf(X509Certificate certificate) {
    return EnterpriseCertificates.orgNumberOf(certificate);
  }

  /** Whether this CA signed the certificate; other development CAs have the same name. */
  boolean issued(X509Certificate candidate) {
    if (!candidate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
      return false;
    }
    try {
      candidate.verify(certificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static KeyPair generateKeys(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This Java runtime cannot generate RSA keys", e);
    }
  }

  /** Positive, 159 random bits: unpredictable, and within the 20 octets X.509 allows. */
  private static BigInteger randomSerial() {
    return new BigInteger(159, RANDOM).setBit(158);
  }
}
