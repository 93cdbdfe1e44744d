package no.bindeledd.core.certificates;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * One certificate registered for an agency, with its history: who registered it and when, and who
 * or what took it out of use. Kept after it is withdrawn or revoked, so that the history can be
 * read and a message signed under it is refused with the reason.
 */
@Entity
@Table(name = "agency_certificate")
public class AgencyCertificate {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "agency", length = 9, nullable = false)
  private String agency;

  @Column(name = "fingerprint", length = 64, nullable = false)
  private String fingerprint;

  @Column(name = "certificate_pem", length = 8000, nullable = false)
  private String certificatePem;

  @Column(name = "issuer_pem", length = 8000, nullable = false)
  private String issuerPem;

  @Column(name = "subject", length = 1000, nullable = false)
  private String subject;

  @Column(name = "issuer", length = 1000, nullable = false)
  private String issuer;

  @Column(name = "serial_number", length = 64, nullable = false)
  private String serialNumber;

  @Convert(converter = InstantConverter.class)
  @Column(name = "not_before", nullable = false)
  private Instant notBefore;

  @Convert(converter = InstantConverter.class)
  @Column(name = "not_after", nullable = false)
  private Instant notAfter;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 16, nullable = false)
  private CertificateStatus status;

  @Enumerated(EnumType.STRING)
  @Column(name = "certificate_use", length = 16, nullable = false)
  private CertificateUse use;

  @Convert(converter = InstantConverter.class)
  @Column(name = "registered_at", nullable = false)
  private Instant registeredAt;

  @Column(name = "registered_by", nullable = false)
  private String registeredBy;

  @Convert(converter = InstantConverter.class)
  @Column(name = "status_changed_at")
  private Instant statusChangedAt;

  @Column(name = "status_changed_by")
  private String statusChangedBy;

  @Column(name = "status_reason", length = 1000)
  private String statusReason;

  @Convert(converter = InstantConverter.class)
  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Convert(converter = InstantConverter.class)
  @Column(name = "revocation_checked_at")
  private Instant revocationCheckedAt;

  @Column(name = "revocation_source", length = 1000)
  private String revocationSource;

  private transient X509Certificate parsed;

  protected AgencyCertificate() {}

  AgencyCertificate(
      OrganisationNumber agency,
      X509Certificate certificate,
      X509Certificate issuer,
      CertificateUse use,
      String registeredBy,
      Instant registeredAt) {
    this.id = UUID.randomUUID().toString();
    this.use = Objects.requireNonNull(use, "use");
    this.agency = agency.value();
    this.fingerprint = fingerprintOf(certificate);
    this.certificatePem = Pem.encode(certificate);
    this.issuerPem = Pem.encode(issuer);
    this.subject = certificate.getSubjectX500Principal().getName();
    this.issuer = certificate.getIssuerX500Principal().getName();
    this.serialNumber = certificate.getSerialNumber().toString(16);
    this.notBefore = certificate.getNotBefore().toInstant();
    this.notAfter = certificate.getNotAfter().toInstant();
    this.status = CertificateStatus.ACTIVE;
    this.registeredBy = Objects.requireNonNull(registeredBy);
    this.registeredAt = Objects.requireNonNull(registeredAt);
    this.parsed = certificate;
  }

  /** The SHA-256 of the DER encoding, in lower-case hex, as {@code openssl x509 -fingerprint}. */
  public static String fingerprintOf(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot take the fingerprint of a certificate", e);
    }
  }

  public String id() {
    return id;
  }

  public OrganisationNumber agency() {
    return new OrganisationNumber(agency);
  }

  /** Signing or encryption: what the hub uses the certificate for. */
  public CertificateUse use() {
    return use;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public X509Certificate certificate() {
    if (parsed == null) {
      parsed = Pem.certificate(certificatePem);
    }
    return parsed;
  }

  public String certificatePem() {
    return certificatePem;
  }

  public X509Certificate issuerCertificate() {
    return Pem.certificate(issuerPem);
  }

  public String subject() {
    return subject;
  }

  public String issuer() {
    return issuer;
  }

  /** In hexadecimal, as OpenSSL prints it. */
  public String serialNumber() {
    return serialNumber;
  }

  public Instant notBefore() {
    return notBefore;
  }

  public Instant notAfter() {
    return notAfter;
  }

  public CertificateStatus status() {
    return status;
  }

  /** Active, and within its validity period at {@code at}. */
  public boolean isInUseAt(Instant at) {
    return status == CertificateStatus.ACTIVE && !at.isBefore(notBefore) && !at.isAfter(notAfter);
  }

  public boolean isExpiredAt(Instant at) {
    return at.isAfter(notAfter);
  }

  public Instant registeredAt() {
    return registeredAt;
  }

  public String registeredBy() {
    return registeredBy;
  }

  public Optional<Instant> statusChangedAt() {
    return Optional.ofNullable(statusChangedAt);
  }

  public Optional<String> statusChangedBy() {
    return Optional.ofNullable(statusChangedBy);
  }

  public Optional<String> statusReason() {
    return Optional.ofNullable(statusReason);
  }

  public Optional<Instant> revokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  public Optional<Instant> revocationCheckedAt() {
    return Optional.ofNullable(revocationCheckedAt);
  }

  public Optional<String> revocationSource() {
    return Optional.ofNullable(revocationSource);
  }

  void withdraw(String by, Instant at, String reason) {
    this.status = CertificateStatus.WITHDRAWN;
    this.statusChangedBy = Objects.requireNonNull(by);
    this.statusChangedAt = Objects.requireNonNull(at);
    this.statusReason = Objects.requireNonNull(reason);
  }

  void revoked(Instant revokedAt, Instant answeredAt, String source, Instant now) {
    this.status = CertificateStatus.REVOKED;
    this.revokedAt = Objects.requireNonNull(revokedAt);
    this.statusChangedBy = Actor.HUB_USER;
    this.statusChangedAt = now;
    this.statusReason = "revoked by its issuer, as " + source + " answered";
    this.revocationCheckedAt = answeredAt;
    this.revocationSource = source;
  }

  void checkedGood(Instant answeredAt, String source) {
    this.revocationCheckedAt = Objects.requireNonNull(answeredAt);
    this.revocationSource = Objects.requireNonNull(source);
  }
}
