package no.bindeledd.core.certificates;

import static no.bindeledd.core.certificates.CertificateRefused.Reason.ALREADY_REGISTERED;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.AUTHORITY_CERTIFICATE;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.EXPIRED;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.NOT_A_CERTIFICATE;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.NOT_YET_VALID;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.NO_ORGANISATION_NUMBER;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.NO_REVOCATION_SOURCE;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.REVOCATION_UNKNOWN;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.REVOKED;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.UNTRUSTED_ISSUER;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.WRONG_KEY_USAGE;
import static no.bindeledd.core.certificates.CertificateRefused.Reason.WRONG_ORGANISATION_NUMBER;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.crypto.EnterpriseCertificates;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.crypto.Revocation;
import no.bindeledd.core.crypto.RevocationStatus;
import no.bindeledd.core.crypto.RevocationUnavailable;
import no.bindeledd.core.crypto.SignatureRejected;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.crypto.VerifiedContent;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * The agencies' registered certificates: which the hub accepts each agency's signatures under, and
 * how that changes. Every registration, refusal, withdrawal and revocation is audited. See ADR
 * 0024.
 */
@ApplicationScoped
public class CertificateRegistry {

  private static final Logger LOG = Logger.getLogger(CertificateRegistry.class.getName());

  /** The longest reason an administrator may give for a withdrawal. */
  public static final int MAX_REASON_LENGTH = 500;

  private AgencyCertificates certificates;
  private Agencies agencies;
  private AuditLog audit;
  private Signatures signatures;
  private Revocation revocation;
  private CertificatePolicy policy;
  private Clock clock;

  protected CertificateRegistry() {}

  @Inject
  public CertificateRegistry(
      AgencyCertificates certificates,
      Agencies agencies,
      AuditLog audit,
      Signatures signatures,
      Revocation revocation,
      CertificatePolicy policy,
      Clock clock) {
    this.certificates = certificates;
    this.agencies = agencies;
    this.audit = audit;
    this.signatures = signatures;
    this.revocation = revocation;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Registers an agency's enterprise certificate after checking it: the chain to the trust list,
   * its validity now, its key usage, that its organisation number is the agency's, and that its
   * issuer has not revoked it. A refusal is audited and thrown.
   *
   * @throws CertificateRefused with the precise reason
   */
  @Transactional(dontRollbackOn = CertificateRefused.class)
  public AgencyCertificate register(Actor actor, OrganisationNumber orgNumber, String pem) {
    return register(actor, orgNumber, pem, CertificateUse.SIGNING);
  }

  /**
   * Registers an agency's enterprise certificate for the use given, checked as {@link
   * #register(Actor, OrganisationNumber, String)} says; an encryption certificate must allow
   * keyEncipherment.
   *
   * @throws CertificateRefused with the precise reason
   */
  @Transactional(dontRollbackOn = CertificateRefused.class)
  public AgencyCertificate register(
      Actor actor, OrganisationNumber orgNumber, String pem, CertificateUse use) {
    requireAdministrator(actor);
    Objects.requireNonNull(use, "use");
    Agency agency = agencies.get(orgNumber);
    X509Certificate certificate;
    try {
      certificate = Pem.certificate(Objects.requireNonNull(pem, "pem"));
    } catch (IllegalArgumentException e) {
      throw refused(actor, agency, new CertificateRefused(NOT_A_CERTIFICATE, e.getMessage()));
    }
    try {
      return add(actor, agency, certificate, use);
    } catch (CertificateRefused e) {
      throw refused(actor, agency, e);
    }
  }

  /**
   * Registers, as the hub, a certificate whose key the hub holds in its agency key store, under the
   * same checks as an administrator's registration; one registered already is left as it is, also
   * when it was withdrawn. A refusal is audited and logged, and the hub starts without it.
   *
   * @return whether the certificate is registered (now or already)
   */
  @Transactional(dontRollbackOn = CertificateRefused.class)
  public boolean registerAtStart(OrganisationNumber orgNumber, X509Certificate certificate) {
    return registerAtStart(orgNumber, certificate, CertificateUse.SIGNING);
  }

  /** As {@link #registerAtStart(OrganisationNumber, X509Certificate)}, for the use given. */
  @Transactional(dontRollbackOn = CertificateRefused.class)
  public boolean registerAtStart(
      OrganisationNumber orgNumber, X509Certificate certificate, CertificateUse use) {
    Agency agency = agencies.get(orgNumber);
    String fingerprint = AgencyCertificate.fingerprintOf(certificate);
    if (certificates.forAgency(orgNumber).stream()
        .anyMatch(c -> c.fingerprint().equals(fingerprint))) {
      return true;
    }
    try {
      add(Actor.hub(), agency, certificate, use);
      return true;
    } catch (CertificateRefused e) {
      refused(Actor.hub(), agency, e);
      LOG.warning(
          () ->
              "The key store's "
                  + use.code()
                  + " certificate for "
                  + orgNumber
                  + " is not registered ("
                  + e.code()
                  + "): "
                  + e.getMessage());
      return false;
    }
  }

  private AgencyCertificate add(
      Actor actor, Agency agency, X509Certificate certificate, CertificateUse use) {
    Instant now = clock.instant();
    String fingerprint = AgencyCertificate.fingerprintOf(certificate);
    if (certificates.forAgency(agency.orgNumber()).stream()
        .anyMatch(c -> c.fingerprint().equals(fingerprint))) {
      throw new CertificateRefused(
          ALREADY_REGISTERED,
          "this certificate (SHA-256 " + fingerprint + ") is registered for the agency already");
    }
    X509Certificate issuer = check(certificate, agency.orgNumber(), use, now);
    RevocationStatus status = revocationAtRegistration(certificate, issuer);
    AgencyCertificate registered =
        new AgencyCertificate(agency.orgNumber(), certificate, issuer, use, actor.userId(), now);
    registered.checkedGood(status.answeredAt(), status.source());
    certificates.add(registered);
    audit.append(
        AuditEvent.of(actor, AuditAction.CERTIFICATE_REGISTERED, AuditOutcome.SUCCESS)
            .agencies(agency.orgNumber(), null)
            .reason(describe(registered) + "; revocation: " + status.source()));
    return registered;
  }

  /** Everything but revocation; returns the trusted issuer. */
  private X509Certificate check(
      X509Certificate certificate, OrganisationNumber agency, CertificateUse use, Instant now) {
    if (EnterpriseCertificates.isAuthority(certificate)) {
      throw new CertificateRefused(
          AUTHORITY_CERTIFICATE, "this is a CA's certificate, not an agency's signing certificate");
    }
    if (now.isBefore(certificate.getNotBefore().toInstant())) {
      throw new CertificateRefused(
          NOT_YET_VALID,
          "the certificate is valid only from " + certificate.getNotBefore().toInstant());
    }
    if (now.isAfter(certificate.getNotAfter().toInstant())) {
      throw new CertificateRefused(
          EXPIRED, "the certificate expired " + certificate.getNotAfter().toInstant());
    }
    if (use == CertificateUse.ENCRYPTION && !EnterpriseCertificates.mayEncryptFor(certificate)) {
      throw new CertificateRefused(
          WRONG_KEY_USAGE,
          "the certificate's key usage does not allow keyEncipherment: it is not for encryption");
    }
    if (use == CertificateUse.SIGNING && !EnterpriseCertificates.mayHaveSigned(certificate)) {
      throw new CertificateRefused(
          WRONG_KEY_USAGE,
          "the certificate's key usage allows neither digitalSignature nor nonRepudiation: it is"
              + " not for signing");
    }
    Optional<String> orgNumber = EnterpriseCertificates.orgNumberOf(certificate);
    if (orgNumber.isEmpty()) {
      throw new CertificateRefused(
          NO_ORGANISATION_NUMBER,
          "the subject holds no organisation number as serialNumber (SEID 1) or as"
              + " organizationIdentifier NTRNO-<number> (SEID 2), or holds two different ones");
    }
    if (!orgNumber.get().equals(agency.value())) {
      throw new CertificateRefused(
          WRONG_ORGANISATION_NUMBER,
          "the certificate is issued to organisation "
              + orgNumber.get()
              + ", not to the agency "
              + agency.value());
    }
    return EnterpriseCertificates.trustedIssuerOf(certificate, policy.trustList().get(), now)
        .orElseThrow(
            () ->
                new CertificateRefused(
                    UNTRUSTED_ISSUER,
                    "the certificate does not chain to a CA of the hub's trust list (issuer "
                        + certificate.getIssuerX500Principal().getName()
                        + ")"));
  }

  private RevocationStatus revocationAtRegistration(
      X509Certificate certificate, X509Certificate issuer) {
    RevocationStatus status;
    try {
      status = revocation.check(certificate, issuer);
    } catch (RevocationUnavailable e) {
      throw new CertificateRefused(
          REVOCATION_UNKNOWN,
          "whether the issuer revoked the certificate cannot be told now: " + e.getMessage());
    }
    if (status.isRevoked()) {
      throw new CertificateRefused(
          REVOKED,
          "the issuer revoked the certificate at "
              + status.revokedAt()
              + " ("
              + status.source()
              + ")");
    }
    if (status.state() == RevocationStatus.State.NOT_PUBLISHED && policy.revocationRequired()) {
      throw new CertificateRefused(
          NO_REVOCATION_SOURCE,
          "the certificate names neither an OCSP responder nor a CRL distribution point, so the"
              + " hub could never learn that it is revoked");
    }
    return status;
  }

  private CertificateRefused refused(Actor actor, Agency agency, CertificateRefused refusal) {
    audit.append(
        AuditEvent.of(actor, AuditAction.CERTIFICATE_REFUSED, AuditOutcome.REFUSED)
            .agencies(agency.orgNumber(), null)
            .reason(refusal.code())
            .note(refusal.getMessage()));
    return refusal;
  }

  /**
   * Takes a certificate out of use: messages signed under it are refused from now on, and it stays
   * in the history.
   */
  @Transactional
  public AgencyCertificate withdraw(
      Actor actor, OrganisationNumber orgNumber, String certificateId, String reason) {
    requireAdministrator(actor);
    if (reason == null || reason.isBlank()) {
      throw new InvalidInput("a withdrawal needs a reason");
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      throw new InvalidInput("a reason is at most " + MAX_REASON_LENGTH + " characters");
    }
    AgencyCertificate certificate = certificateOf(orgNumber, certificateId);
    if (certificate.status() != CertificateStatus.ACTIVE) {
      throw new Conflict(
          "certificate " + certificateId + " is " + certificate.status().code() + " already");
    }
    certificate.withdraw(actor.userId(), clock.instant(), reason.strip());
    audit.append(
        AuditEvent.of(actor, AuditAction.CERTIFICATE_WITHDRAWN, AuditOutcome.SUCCESS)
            .agencies(orgNumber, null)
            .reason(describe(certificate))
            .note(reason.strip()));
    return certificate;
  }

  /** Every certificate ever registered for the agency, oldest first, with its history. */
  @Transactional
  public List<AgencyCertificate> history(Actor actor, OrganisationNumber orgNumber) {
    requireAdministrator(actor);
    agencies.get(orgNumber);
    return certificates.forAgency(orgNumber);
  }

  /**
   * The certificate anyone may check the agency's signatures with today: of the signing ones in
   * use, the one registered last.
   */
  @Transactional
  public Optional<AgencyCertificate> current(OrganisationNumber orgNumber) {
    return current(orgNumber, CertificateUse.SIGNING);
  }

  /**
   * The certificate the hub encrypts for the agency with today: of the encryption ones in use (not
   * withdrawn, revoked or expired), the one registered last, so that a rollover takes effect when
   * the new certificate is registered.
   */
  @Transactional
  public Optional<AgencyCertificate> currentEncryption(OrganisationNumber orgNumber) {
    return current(orgNumber, CertificateUse.ENCRYPTION);
  }

  private Optional<AgencyCertificate> current(OrganisationNumber orgNumber, CertificateUse use) {
    Instant now = clock.instant();
    List<AgencyCertificate> inUse =
        certificates.forAgency(orgNumber).stream()
            .filter(c -> c.use() == use)
            .filter(c -> c.isInUseAt(now))
            .toList();
    return inUse.isEmpty() ? Optional.empty() : Optional.of(inUse.get(inUse.size() - 1));
  }

  /**
   * Verifies a message an agency signed, received now: the signature against the agency's
   * registered certificates, the certificate's validity when the message was signed and when it was
   * received, and that the certificate is still in use: not withdrawn, and not revoked as far as an
   * answer of at most {@link CertificatePolicy#revocationMaxAge()} tells; an older answer is
   * renewed first. The caller audits a refusal.
   *
   * @throws SignatureRejected with the reason the sender is told
   */
  public VerifiedContent verify(Agency sender, byte[] signed, Instant receivedAt) {
    List<AgencyCertificate> registered =
        certificates.forAgency(sender.orgNumber()).stream()
            .filter(c -> c.use() == CertificateUse.SIGNING)
            .toList();
    VerifiedContent verified =
        signatures.verify(
            signed, registered.stream().map(AgencyCertificate::certificate).toList(), receivedAt);
    String fingerprint = AgencyCertificate.fingerprintOf(verified.signer());
    AgencyCertificate used =
        registered.stream()
            .filter(c -> c.fingerprint().equals(fingerprint))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("verified under an unknown certificate"));
    byte[] content = verified.content();
    switch (used.status()) {
      case WITHDRAWN ->
          throw new SignatureRejected(
              SignatureRejected.Reason.CERTIFICATE_WITHDRAWN,
              "the signer's certificate (serial "
                  + used.serialNumber()
                  + ") was withdrawn from the agency's registered certificates at "
                  + used.statusChangedAt().orElseThrow(),
              content);
      case REVOKED -> throw revokedRejection(used, content);
      case ACTIVE -> requireNotRevoked(sender, used, receivedAt, content);
    }
    return verified;
  }

  private void requireNotRevoked(
      Agency sender, AgencyCertificate used, Instant receivedAt, byte[] content) {
    Optional<Instant> checked = used.revocationCheckedAt();
    if (checked.isPresent()
        && !checked.get().plus(policy.revocationMaxAge()).isBefore(receivedAt)) {
      return;
    }
    RevocationStatus status;
    try {
      status = revocation.check(used.certificate(), used.issuerCertificate());
    } catch (RevocationUnavailable e) {
      throw new SignatureRejected(
          SignatureRejected.Reason.REVOCATION_UNKNOWN,
          "whether the signer's certificate is revoked cannot be told: the last answer is from "
              + checked.map(Instant::toString).orElse("never")
              + " and "
              + e.getMessage(),
          content);
    }
    if (status.isRevoked()) {
      used.revoked(status.revokedAt(), status.answeredAt(), status.source(), clock.instant());
      audit.append(
          AuditEvent.of(Actor.hub(), AuditAction.CERTIFICATE_REVOKED, AuditOutcome.SUCCESS)
              .agencies(sender.orgNumber(), null)
              .reason(
                  describe(used)
                      + "; revoked at "
                      + status.revokedAt()
                      + " ("
                      + status.source()
                      + ")"));
      throw revokedRejection(used, content);
    }
    if (status.state() == RevocationStatus.State.NOT_PUBLISHED) {
      if (policy.revocationRequired()) {
        throw new SignatureRejected(
            SignatureRejected.Reason.REVOCATION_UNKNOWN,
            "the signer's certificate names no OCSP responder or CRL",
            content);
      }
      // Nothing was asked, so there is no answer to keep.
      return;
    }
    used.checkedGood(status.answeredAt(), status.source());
  }

  private static SignatureRejected revokedRejection(AgencyCertificate used, byte[] content) {
    return new SignatureRejected(
        SignatureRejected.Reason.CERTIFICATE_REVOKED,
        "the signer's certificate (serial "
            + used.serialNumber()
            + ") was revoked by its issuer at "
            + used.revokedAt().orElseThrow()
            + ", as "
            + used.revocationSource().orElse("its issuer")
            + " answered",
        content);
  }

  private AgencyCertificate certificateOf(OrganisationNumber orgNumber, String id) {
    return certificates
        .find(id == null ? "" : id)
        .filter(c -> c.agency().equals(orgNumber))
        .orElseThrow(() -> new NotFound("certificate of agency " + orgNumber.value(), id));
  }

  private static void requireAdministrator(Actor actor) {
    if (!actor.is(Role.ADMINISTRATOR)) {
      throw new AccessDenied("only an administrator manages agencies' certificates");
    }
  }

  private static String describe(AgencyCertificate c) {
    return c.use().code()
        + " certificate "
        + c.id()
        + " serial "
        + c.serialNumber()
        + " of "
        + c.subject()
        + " issued by "
        + c.issuer()
        + ", SHA-256 "
        + c.fingerprint()
        + ", valid "
        + c.notBefore()
        + " to "
        + c.notAfter();
  }
}
