package no.bindeledd.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import javax.security.auth.x500.X500Principal;
import no.bindeledd.core.crypto.bc.CertificateFields;
import no.bindeledd.core.crypto.bc.Certificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentCaTest {

  private static final String KEY_USAGE = "2.5.29.15";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";

  @TempDir static Path keysDir;

  private static DevelopmentCa ca;
  private static Instant issuedAfter;
  private static SigningKey oslo;

  @BeforeAll
  static void createAuthority() {
    issuedAfter = Instant.now().minusSeconds(1);
    ca = DevelopmentCa.loadOrCreate(keysDir);
    oslo = ca.issueSigningKey("910000001", "Oslo kommune");
  }

  @Test
  void loadingAgainGivesTheSameAuthority() throws Exception {
    DevelopmentCa reloaded = DevelopmentCa.loadOrCreate(keysDir);

    assertThat(reloaded.certificate().getEncoded()).isEqualTo(ca.certificate().getEncoded());
    SigningKey issuedAfterReload = reloaded.issueSigningKey("910000002", "Bergen kommune");
    issuedAfterReload.certificate().verify(ca.certificate().getPublicKey());
  }

  @Test
  void passwordAndKeyStoreAreReadableByTheOwnerOnly() throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");

    assertThat(Files.getPosixFilePermissions(keysDir.resolve("development-ca.password")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(keysDir.resolve("development-ca.p12")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void keyStoreWithoutItsPasswordIsNotSilentlyReplaced(@TempDir Path otherDir) throws Exception {
    Files.copy(keysDir.resolve("development-ca.p12"), otherDir.resolve("development-ca.p12"));

    assertThatThrownBy(() -> DevelopmentCa.loadOrCreate(otherDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("development-ca.password");
    assertThat(Files.readAllBytes(otherDir.resolve("development-ca.p12")))
        .isEqualTo(Files.readAllBytes(keysDir.resolve("development-ca.p12")));
  }

  @Test
  void authorityIsSelfSignedAndMaySignOnlyCertificatesAndRevocationLists() throws Exception {
    X509Certificate certificate = ca.certificate();

    assertThat(certificate.getSubjectX500Principal())
        .isEqualTo(new X500Principal("CN=Bindeledd Development CA (not for production)"))
        .isEqualTo(certificate.getIssuerX500Principal());
    certificate.verify(certificate.getPublicKey());
    assertThat(certificate.getBasicConstraints()).as("CA:true").isEqualTo(Integer.MAX_VALUE);
    assertThat(certificate.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
    assertThat(certificate.getKeyUsage())
        .as("keyCertSign and cRLSign only")
        .containsExactly(false, false, false, false, false, true, true, false, false);
    assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength())
        .isEqualTo(3072);
    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(Duration.between(issuedAfter, certificate.getNotAfter().toInstant()).toDays())
        .isBetween(3650L, 3660L);
  }

  @Test
  void agencySubjectCarriesNameAndOrganisationNumber() {
    X509Certificate certificate = oslo.certificate();

    assertThat(certificate.getSubjectX500Principal().getName())
        .startsWith("CN=Oslo kommune,O=Oslo kommune,")
        .endsWith(",C=NO");
    assertThat(Certificates.subjectValues(certificate, Certificates.ORGANIZATION_IDENTIFIER))
        .containsExactly("NTRNO-910000001");
    assertThat(Certificates.subjectValues(certificate, Certificates.SERIAL_NUMBER))
        .containsExactly("910000001");
    assertThat(DevelopmentCa.orgNumberOf(certificate)).contains("910000001");
    assertThat(oslo.orgNumber()).isEqualTo("910000001");
  }

  @Test
  void agencyCertificateMaySignButNotIssue() throws Exception {
    X509Certificate certificate = oslo.certificate();

    certificate.verify(ca.certificate().getPublicKey());
    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(certificate.getKeyUsage())
        .as("digitalSignature and nonRepudiation only")
        .containsExactly(true, true, false, false, false, false, false, false, false);
    assertThat(certificate.getCriticalExtensionOIDs()).contains(KEY_USAGE);
    assertThat(certificate.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
    assertThat(certificate.getBasicConstraints()).as("CA:false").isEqualTo(-1);
    assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength())
        .isEqualTo(2048);
    assertThat(certificate.getSerialNumber()).isPositive();
  }

  @Test
  void agencyCertificatePointsAtTheAuthorityKey() {
    assertThat(CertificateFields.subjectKeyIdentifier(oslo.certificate())).isNotEmpty();
    assertThat(CertificateFields.authorityKeyIdentifier(oslo.certificate()))
        .isEqualTo(CertificateFields.subjectKeyIdentifier(ca.certificate()));
  }

  @Test
  void agencyCertificateIsValidForAboutThreeYearsFromAnHourAgo() {
    Instant notBefore = oslo.certificate().getNotBefore().toInstant();
    Instant notAfter = oslo.certificate().getNotAfter().toInstant();

    assertThat(notBefore)
        .isBetween(issuedAfter.minus(Duration.ofMinutes(61)), Instant.now().minusSeconds(3599));
    assertThat(Duration.between(notBefore, notAfter).toDays()).isBetween(1090L, 1100L);
  }

  @Test
  void everyIssuedCertificateHasItsOwnKeyAndSerial() {
    SigningKey again = ca.issueSigningKey("910000001", "Oslo kommune");

    assertThat(again.certificate().getSerialNumber())
        .isNotEqualTo(oslo.certificate().getSerialNumber());
    assertThat(again.certificate().getPublicKey()).isNotEqualTo(oslo.certificate().getPublicKey());
  }

  @Test
  void authorityHasNoOrganisationNumber() {
    assertThat(DevelopmentCa.orgNumberOf(ca.certificate())).isEmpty();
  }

  @Test
  void organisationNumberMustHaveNineDigits() {
    assertThatThrownBy(() -> ca.issueSigningKey("12345", "Oslo kommune"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nine digits");
    assertThatThrownBy(() -> ca.issueSigningKey("91000000A", "Oslo kommune"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
