package no.bindeledd.core.certificates;

import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.crypto.Revocation;
import no.bindeledd.core.crypto.SignatureRejected;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.crypto.SigningKey;
import no.bindeledd.core.crypto.bc.CmsTestMessages;
import no.bindeledd.core.crypto.bc.TestPki;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.persistence.JpaAgencyCertificates;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registering agencies' certificates against a CA whose OCSP responder and CRL the test serves on
 * loopback, and accepting or refusing what is signed under them, on a real H2 database.
 */
class CertificateRegistryTest {

  static final Actor ADMINISTRATOR = Actor.administrator("ada.administrator");
  static final byte[] CONTENT = "{\"answer\":\"signed\"}".getBytes(StandardCharsets.UTF_8);
  static final Duration MAX_AGE = Duration.ofMinutes(30);

  static TestPki trusted;
  static TestPki untrusted;

  private TestDatabase db;
  private Fixtures town;
  private CertificateRegistry registry;
  private final Signatures signatures = new Signatures();
  private final List<X509Certificate> trustList = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startAuthorities() {
    trusted = TestPki.start("Test Enterprise CA");
    untrusted = TestPki.start("Someone Else's CA");
  }

  @AfterAll
  static void stopAuthorities() {
    trusted.close();
    untrusted.close();
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    trustList.add(trusted.certificate());
    registry = registry(true);
    trusted.ocspAnswers(true);
    trusted.crlAnswers(true);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private CertificateRegistry registry(boolean revocationRequired) {
    return new CertificateRegistry(
        new JpaAgencyCertificates(db.em()),
        town.agencies,
        town.audit,
        signatures,
        new Revocation(Duration.ofSeconds(5), town.clock),
        new CertificatePolicy(() -> List.copyOf(trustList), revocationRequired, MAX_AGE),
        town.clock);
  }

  private AgencyCertificate register(SigningKey key) {
    return register(GP_OFFICE, key);
  }

  private AgencyCertificate register(OrganisationNumber agency, SigningKey key) {
    return db.inTransactionKeeping(
        CertificateRefused.class,
        () -> registry.register(ADMINISTRATOR, agency, Pem.encode(key.certificate())));
  }

  private void assertRefused(SigningKey key, CertificateRefused.Reason reason) {
    assertThatThrownBy(() -> register(key))
        .isInstanceOfSatisfying(
            CertificateRefused.class,
            refused -> assertThat(refused.reason()).as(refused.getMessage()).isEqualTo(reason));
    assertThat(lastAudit().action()).isEqualTo("certificate.refused");
    assertThat(new String(lastAudit().canonicalBytes(), StandardCharsets.UTF_8))
        .contains(reason.name().toLowerCase().replace('_', '-'));
    assertThat(history()).isEmpty();
  }

  private List<AgencyCertificate> history() {
    return db.inTransaction(() -> registry.history(ADMINISTRATOR, GP_OFFICE));
  }

  private byte[] verify(byte[] signed, Instant receivedAt) {
    return db.inTransactionKeeping(
            SignatureRejected.class,
            () -> registry.verify(town.agencies.get(GP_OFFICE), signed, receivedAt))
        .content();
  }

  private void assertSignatureRejected(
      byte[] signed, Instant receivedAt, SignatureRejected.Reason reason) {
    assertThatThrownBy(() -> verify(signed, receivedAt))
        .isInstanceOfSatisfying(
            SignatureRejected.class, rejected -> assertThat(rejected.reason()).isEqualTo(reason));
  }

  private AuditEntry lastAudit() {
    return db.inTransaction(
        () -> {
          List<AuditEntry> entries =
              town.auditTrail.entriesAfter(no.bindeledd.core.audit.AuditLogId.HUB, 0, 10_000);
          return entries.get(entries.size() - 1);
        });
  }

  @Test
  void aCertificateThatChainsToTheTrustListAndNamesTheAgencyIsRegisteredAndAudited() {
    SigningKey key = trusted.issuing().issue();

    AgencyCertificate registered = register(key);

    assertThat(registered.status()).isEqualTo(CertificateStatus.ACTIVE);
    assertThat(registered.registeredBy()).isEqualTo("ada.administrator");
    assertThat(registered.revocationSource()).contains("OCSP " + trusted.ocspUrl());
    assertThat(history()).extracting(AgencyCertificate::id).containsExactly(registered.id());
    assertThat(lastAudit().action()).isEqualTo("certificate.registered");
    assertThat(verify(signatures.sign(CONTENT, key), Instant.now())).isEqualTo(CONTENT);
  }

  @Test
  void theOrganisationNumberIsReadFromSerialNumberAsInSeid1() {
    assertThat(register(trusted.issuing().seid1Only().issue()).status())
        .isEqualTo(CertificateStatus.ACTIVE);
  }

  @Test
  void theOrganisationNumberIsReadFromOrganizationIdentifierAsInSeid2() {
    assertThat(register(trusted.issuing().seid2Only().issue()).status())
        .isEqualTo(CertificateStatus.ACTIVE);
  }

  @Test
  void aCertificateWithoutAnOrganisationNumberIsRefused() {
    assertRefused(
        trusted.issuing().withoutOrgNumber().issue(),
        CertificateRefused.Reason.NO_ORGANISATION_NUMBER);
  }

  @Test
  void anotherAgencysCertificateIsRefused() {
    assertRefused(
        trusted.issuing().to(SCHOOL.value()).issue(),
        CertificateRefused.Reason.WRONG_ORGANISATION_NUMBER);
  }

  @Test
  void aCertificateFromAnIssuerOutsideTheTrustListIsRefused() {
    assertRefused(untrusted.issuing().issue(), CertificateRefused.Reason.UNTRUSTED_ISSUER);
  }

  @Test
  void anIssuerAddedToTheTrustListCountsWithoutARestart() {
    SigningKey key = untrusted.issuing().issue();
    assertRefused(key, CertificateRefused.Reason.UNTRUSTED_ISSUER);

    trustList.add(untrusted.certificate());

    assertThat(register(key).status()).isEqualTo(CertificateStatus.ACTIVE);
  }

  @Test
  void anExpiredCertificateIsRefused() {
    Instant now = Instant.now();
    assertRefused(
        trusted.issuing().validity(now.minus(Duration.ofDays(30)), now.minusSeconds(60)).issue(),
        CertificateRefused.Reason.EXPIRED);
  }

  @Test
  void aCertificateNotYetValidIsRefused() {
    Instant now = Instant.now();
    assertRefused(
        trusted
            .issuing()
            .validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
            .issue(),
        CertificateRefused.Reason.NOT_YET_VALID);
  }

  @Test
  void aKeyForEnciphermentOnlyIsRefused() {
    assertRefused(
        trusted.issuing().keyUsage(KeyUsage.keyEncipherment).issue(),
        CertificateRefused.Reason.WRONG_KEY_USAGE);
  }

  @Test
  void anEncryptionCertificateIsRegisteredForEncryptionAndBecomesTheCurrentOne() {
    SigningKey key = trusted.issuing().keyUsage(KeyUsage.keyEncipherment).issue();

    AgencyCertificate registered =
        db.inTransaction(
            () ->
                registry.register(
                    ADMINISTRATOR,
                    GP_OFFICE,
                    Pem.encode(key.certificate()),
                    CertificateUse.ENCRYPTION));

    assertThat(registered.use()).isEqualTo(CertificateUse.ENCRYPTION);
    assertThat(db.inTransaction(() -> registry.currentEncryption(GP_OFFICE)))
        .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(registered.id()));
    assertThat(db.inTransaction(() -> registry.current(GP_OFFICE)))
        .as("not a signing certificate")
        .isEmpty();
    assertThat(new String(lastAudit().canonicalBytes(), StandardCharsets.UTF_8))
        .contains("encryption certificate " + registered.id());
    assertThatThrownBy(() -> verify(signatures.sign(CONTENT, key), Instant.now()))
        .as("signatures are never verified under an encryption certificate")
        .isInstanceOf(SignatureRejected.class);
  }

  @Test
  void aSigningCertificateIsRefusedForEncryption() {
    SigningKey key = trusted.issuing().keyUsage(KeyUsage.digitalSignature).issue();

    assertThatThrownBy(
            () ->
                db.inTransactionKeeping(
                    CertificateRefused.class,
                    () ->
                        registry.register(
                            ADMINISTRATOR,
                            GP_OFFICE,
                            Pem.encode(key.certificate()),
                            CertificateUse.ENCRYPTION)))
        .isInstanceOfSatisfying(
            CertificateRefused.class,
            refused -> {
              assertThat(refused.reason()).isEqualTo(CertificateRefused.Reason.WRONG_KEY_USAGE);
              assertThat(refused.getMessage()).contains("keyEncipherment");
            });
    assertThat(lastAudit().action()).isEqualTo("certificate.refused");
    assertThat(history()).isEmpty();
  }

  @Test
  void aKeyForNonRepudiationAloneMaySign() {
    assertThat(register(trusted.issuing().keyUsage(KeyUsage.nonRepudiation).issue()).status())
        .isEqualTo(CertificateStatus.ACTIVE);
  }

  @Test
  void aCertificateTheOcspResponderCallsRevokedIsRefused() {
    SigningKey key = trusted.issuing().withoutCrl().issue();
    trusted.revoke(key.certificate());

    assertRefused(key, CertificateRefused.Reason.REVOKED);
  }

  @Test
  void aCertificateOnTheCrlIsRefused() {
    SigningKey key = trusted.issuing().withoutOcsp().issue();
    trusted.revoke(key.certificate());

    assertRefused(key, CertificateRefused.Reason.REVOKED);
  }

  @Test
  void whenTheResponderIsDownTheCrlAnswers() {
    SigningKey key = trusted.issuing().issue();
    trusted.ocspAnswers(false);

    AgencyCertificate registered = register(key);

    assertThat(registered.revocationSource()).contains("CRL " + trusted.crlUrl());
  }

  @Test
  void whenNoRevocationSourceAnswersTheCertificateIsRefusedNotTakenOnTrust() {
    SigningKey key = trusted.issuing().issue();
    trusted.ocspAnswers(false);
    trusted.crlAnswers(false);

    assertRefused(key, CertificateRefused.Reason.REVOCATION_UNKNOWN);
  }

  @Test
  void aResponderNobodyListensAtIsDownToo() {
    SigningKey key;
    try (TestPki gone = TestPki.start("A CA that goes away")) {
      trustList.add(gone.certificate());
      key = gone.issuing().issue();
    }

    assertRefused(key, CertificateRefused.Reason.REVOCATION_UNKNOWN);
  }

  @Test
  void aCertificateNamingNoRevocationSourceIsRefusedWhereOneIsRequired() {
    assertRefused(
        trusted.issuing().withoutOcsp().withoutCrl().issue(),
        CertificateRefused.Reason.NO_REVOCATION_SOURCE);
  }

  @Test
  void aCertificateNamingNoRevocationSourceIsAcceptedWhereNoneIsRequired() {
    registry = registry(false);

    assertThat(register(trusted.issuing().withoutOcsp().withoutCrl().issue()).status())
        .isEqualTo(CertificateStatus.ACTIVE);
  }

  @Test
  void theSameCertificateIsNotRegisteredTwice() {
    SigningKey key = trusted.issuing().issue();
    register(key);

    assertThatThrownBy(() -> register(key))
        .isInstanceOfSatisfying(
            CertificateRefused.class,
            refused ->
                assertThat(refused.reason())
                    .isEqualTo(CertificateRefused.Reason.ALREADY_REGISTERED));
    assertThat(history()).hasSize(1);
  }

  @Test
  void onlyAnAdministratorRegistersOrReadsTheHistory() {
    SigningKey key = trusted.issuing().issue();

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> registry.register(Fixtures.GP, GP_OFFICE, Pem.encode(key.certificate()))))
        .isInstanceOf(AccessDenied.class);
    assertThatThrownBy(
            () -> db.inTransaction(() -> registry.history(Fixtures.CASEWORKER, GP_OFFICE)))
        .isInstanceOf(AccessDenied.class);
  }

  @Test
  void duringARolloverMessagesSignedUnderEitherActiveCertificateAreAccepted() {
    SigningKey old = trusted.issuing().issue();
    SigningKey renewed = trusted.issuing().issue();
    register(old);
    register(renewed);

    assertThat(verify(signatures.sign(CONTENT, old), Instant.now())).isEqualTo(CONTENT);
    assertThat(verify(signatures.sign(CONTENT, renewed), Instant.now())).isEqualTo(CONTENT);
    assertThat(history())
        .extracting(AgencyCertificate::status)
        .containsExactly(CertificateStatus.ACTIVE, CertificateStatus.ACTIVE);
  }

  @Test
  void aMessageIsVerifiedAgainstTheCertificateValidWhenItWasSigned() {
    Instant now = Instant.now();
    SigningKey ending =
        trusted.issuing().validity(now.minus(Duration.ofDays(300)), now.plusSeconds(120)).issue();
    register(ending);
    SigningKey successor = trusted.issuing().issue();
    register(successor);
    Instant afterTheFirstEnded = now.plusSeconds(180);

    byte[] signedUnderTheEndingOne = CmsTestMessages.signedAt(CONTENT, ending, now);
    assertSignatureRejected(
        signedUnderTheEndingOne, afterTheFirstEnded, SignatureRejected.Reason.CERTIFICATE_EXPIRED);
    assertThat(verify(CmsTestMessages.signedAt(CONTENT, successor, now), afterTheFirstEnded))
        .isEqualTo(CONTENT);
  }

  @Test
  void aBackdatedSigningTimeDoesNotMakeAnExpiredCertificateAcceptable() {
    Instant now = Instant.now();
    SigningKey ending =
        trusted.issuing().validity(now.minus(Duration.ofDays(300)), now.plusSeconds(120)).issue();
    register(ending);

    byte[] backdated = CmsTestMessages.signedAt(CONTENT, ending, now);

    assertSignatureRejected(
        backdated, now.plusSeconds(600), SignatureRejected.Reason.CERTIFICATE_EXPIRED);
    assertSignatureRejected(
        CmsTestMessages.signedAt(CONTENT, ending, now.minus(Duration.ofDays(2))),
        now,
        SignatureRejected.Reason.SIGNING_TIME_NOT_ACCEPTED);
  }

  @Test
  void aCertificateRevokedAfterRegistrationIsRefusedOnceTheCachedAnswerIsTooOld() {
    SigningKey key = trusted.issuing().issue();
    register(key);
    trusted.revoke(key.certificate());

    assertThat(verify(signatures.sign(CONTENT, key), Instant.now()))
        .as("within the answer's maximum age, the hub does not ask again")
        .isEqualTo(CONTENT);
    town.clock.advance(MAX_AGE.plusMinutes(1));
    assertSignatureRejected(
        signatures.sign(CONTENT, key),
        town.clock.instant(),
        SignatureRejected.Reason.CERTIFICATE_REVOKED);

    AgencyCertificate stored = history().get(0);
    assertThat(stored.status()).isEqualTo(CertificateStatus.REVOKED);
    assertThat(stored.revokedAt()).isPresent();
    assertThat(lastAudit().action()).isEqualTo("certificate.revoked");
    assertSignatureRejected(
        signatures.sign(CONTENT, key),
        town.clock.instant(),
        SignatureRejected.Reason.CERTIFICATE_REVOKED);
  }

  @Test
  void aFreshAnswerIsReusedAndAStaleOneWithTheResponderDownFailsClosed() {
    SigningKey key = trusted.issuing().issue();
    register(key);
    int asked = trusted.ocspRequests();
    trusted.ocspAnswers(false);
    trusted.crlAnswers(false);

    assertThat(verify(signatures.sign(CONTENT, key), Instant.now())).isEqualTo(CONTENT);
    assertThat(trusted.ocspRequests()).isEqualTo(asked);

    town.clock.advance(MAX_AGE.plusMinutes(1));
    assertSignatureRejected(
        signatures.sign(CONTENT, key),
        town.clock.instant(),
        SignatureRejected.Reason.REVOCATION_UNKNOWN);

    trusted.ocspAnswers(true);
    assertThat(verify(signatures.sign(CONTENT, key), town.clock.instant())).isEqualTo(CONTENT);
    assertThat(history().get(0).revocationCheckedAt()).isPresent();
  }

  @Test
  void aWithdrawnCertificateIsRefusedWithTheReasonAndStaysInTheHistory() {
    SigningKey key = trusted.issuing().issue();
    AgencyCertificate registered = register(key);

    db.inTransaction(
        () -> registry.withdraw(ADMINISTRATOR, GP_OFFICE, registered.id(), "the key was lost"));

    assertSignatureRejected(
        signatures.sign(CONTENT, key),
        Instant.now(),
        SignatureRejected.Reason.CERTIFICATE_WITHDRAWN);
    AgencyCertificate stored = history().get(0);
    assertThat(stored.status()).isEqualTo(CertificateStatus.WITHDRAWN);
    assertThat(stored.statusChangedBy()).contains("ada.administrator");
    assertThat(stored.statusReason()).contains("the key was lost");
    assertThat(lastAudit().action()).isEqualTo("certificate.withdrawn");
  }

  @Test
  void aCertificateOfAnotherAgencyIsNotWithdrawnThroughThisOne() {
    AgencyCertificate registered = register(trusted.issuing().issue());

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> registry.withdraw(ADMINISTRATOR, SCHOOL, registered.id(), "mistake")))
        .isInstanceOf(no.bindeledd.core.NotFound.class);
    assertThat(history().get(0).status()).isEqualTo(CertificateStatus.ACTIVE);
  }

  @Test
  void startUpRegistrationIsIdempotentAndKeepsAWithdrawnCertificateWithdrawn() {
    SigningKey key = trusted.issuing().issue();
    assertThat(db.inTransaction(() -> registry.registerAtStart(GP_OFFICE, key.certificate())))
        .isTrue();
    AgencyCertificate registered = history().get(0);
    assertThat(registered.registeredBy()).isEqualTo(Actor.HUB_USER);
    db.inTransaction(() -> registry.withdraw(ADMINISTRATOR, GP_OFFICE, registered.id(), "rolled"));

    assertThat(db.inTransaction(() -> registry.registerAtStart(GP_OFFICE, key.certificate())))
        .isTrue();

    assertThat(history())
        .extracting(AgencyCertificate::status)
        .containsExactly(CertificateStatus.WITHDRAWN);
  }
}
