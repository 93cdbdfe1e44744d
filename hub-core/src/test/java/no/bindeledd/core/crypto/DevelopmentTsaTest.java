package no.bindeledd.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentTsaTest {

  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

  @Test
  void certificateIsIssuedByTheCaForTimeStampingOnlyAndSaysItIsNotForProduction(
      @TempDir Path keysDir) throws Exception {
    DevelopmentCa ca = DevelopmentCa.loadOrCreate(keysDir);

    X509Certificate certificate = ca.issueTimestampingKey().certificate();

    certificate.verify(ca.certificate().getPublicKey());
    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(certificate.getSubjectX500Principal())
        .isEqualTo(
            new X500Principal(
                "CN=Bindeledd Development TSA (not for production), O=Bindeledd, C=NO"));
    assertThat(certificate.getExtendedKeyUsage()).containsExactly(TIME_STAMPING);
    assertThat(certificate.getCriticalExtensionOIDs()).contains(EXTENDED_KEY_USAGE);
    assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isFalse();
  }

  @Test
  void keyIsKeptAcrossRestarts(@TempDir Path keysDir) throws Exception {
    DevelopmentCa ca = DevelopmentCa.loadOrCreate(keysDir);
    DevelopmentTsa first = DevelopmentTsa.loadOrCreate(keysDir, ca);

    DevelopmentTsa second =
        DevelopmentTsa.loadOrCreate(keysDir, DevelopmentCa.loadOrCreate(keysDir));

    assertThat(second.certificate().getEncoded()).isEqualTo(first.certificate().getEncoded());
    Timestamps timestamps = new Timestamps();
    byte[] digest = TimestampsTest.sha256("after a restart");
    Timestamp stamped = timestamps.stamp(digest, second, List.of(first.certificate()));
    assertThat(stamped.tsaCertificate()).isEqualTo(first.certificate());
  }

  @Test
  void keyOfAnotherCaIsReplaced(@TempDir Path keysDir, @TempDir Path otherDir) {
    DevelopmentTsa first =
        DevelopmentTsa.loadOrCreate(keysDir, DevelopmentCa.loadOrCreate(keysDir));
    DevelopmentCa otherCa = DevelopmentCa.loadOrCreate(otherDir);

    DevelopmentTsa replaced = DevelopmentTsa.loadOrCreate(keysDir, otherCa);

    assertThat(replaced.certificate()).isNotEqualTo(first.certificate());
    assertThat(otherCa.issued(replaced.certificate())).isTrue();
    assertThat(DevelopmentTsa.loadOrCreate(keysDir, otherCa).certificate())
        .isEqualTo(replaced.certificate());
  }
}
