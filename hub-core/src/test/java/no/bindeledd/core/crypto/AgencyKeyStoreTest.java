package no.bindeledd.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgencyKeyStoreTest {

  @TempDir static Path caDir;
  @TempDir static Path otherCaDir;

  private static DevelopmentCa ca;
  private static DevelopmentCa otherCa;

  @TempDir Path keysDir;

  @BeforeAll
  static void createAuthorities() {
    ca = DevelopmentCa.loadOrCreate(caDir);
    otherCa = DevelopmentCa.loadOrCreate(otherCaDir);
  }

  @Test
  void keyIsIssuedOnceAndThenReturned() {
    AgencyKeyStore store = AgencyKeyStore.loadOrCreate(keysDir);

    SigningKey first = store.ensureKey("910000001", "Oslo kommune", ca);
    SigningKey second = store.ensureKey("910000001", "Oslo kommune", ca);

    assertThat(second).isSameAs(first);
    assertThat(store.find("910000001")).containsSame(first);
  }

  @Test
  void restartGivesTheSameKeysAndCertificates() throws Exception {
    AgencyKeyStore store = AgencyKeyStore.loadOrCreate(keysDir);
    SigningKey oslo = store.ensureKey("910000001", "Oslo kommune", ca);
    SigningKey bergen = store.ensureKey("910000002", "Bergen kommune", ca);

    AgencyKeyStore restarted = AgencyKeyStore.loadOrCreate(keysDir);

    assertThat(restarted.certificates()).containsOnlyKeys("910000001", "910000002");
    for (SigningKey key : new SigningKey[] {oslo, bergen}) {
      SigningKey reloaded = restarted.find(key.orgNumber()).orElseThrow();
      assertThat(reloaded.certificate().getEncoded()).isEqualTo(key.certificate().getEncoded());
      assertThat(reloaded.privateKey().getEncoded()).isEqualTo(key.privateKey().getEncoded());
      assertThat(restarted.ensureKey(key.orgNumber(), "renamed", ca).certificate())
          .isEqualTo(key.certificate());
    }
  }

  @Test
  void reloadedKeySignsWhatTheOriginalCertificateVerifies() {
    SigningKey original = AgencyKeyStore.loadOrCreate(keysDir).ensureKey("910000001", "Oslo", ca);
    SigningKey reloaded = AgencyKeyStore.loadOrCreate(keysDir).find("910000001").orElseThrow();
    Signatures signatures = new Signatures();

    byte[] message = signatures.sign(new byte[] {1, 2, 3}, reloaded);

    assertThat(signatures.verify(message, List.of(original.certificate()), Instant.now()).content())
        .containsExactly(1, 2, 3);
  }

  @Test
  void unknownAgencyHasNoKey() {
    assertThat(AgencyKeyStore.loadOrCreate(keysDir).find("910000009")).isEmpty();
  }

  @Test
  void certificatesAreListedByOrganisationNumber() {
    AgencyKeyStore store = AgencyKeyStore.loadOrCreate(keysDir);
    store.ensureKey("910000002", "Bergen kommune", ca);
    store.ensureKey("910000001", "Oslo kommune", ca);

    assertThat(store.certificates().keySet()).containsExactly("910000001", "910000002");
    assertThat(DevelopmentCa.orgNumberOf(store.certificates().get("910000002")))
        .contains("910000002");
  }

  @Test
  void keyFromAnotherAuthorityIsReplaced() throws Exception {
    AgencyKeyStore store = AgencyKeyStore.loadOrCreate(keysDir);
    SigningKey fromOtherCa = store.ensureKey("910000001", "Oslo kommune", otherCa);

    SigningKey replaced = store.ensureKey("910000001", "Oslo kommune", ca);

    assertThat(replaced.certificate()).isNotEqualTo(fromOtherCa.certificate());
    replaced.certificate().verify(ca.certificate().getPublicKey());
    assertThat(AgencyKeyStore.loadOrCreate(keysDir).find("910000001").orElseThrow().certificate())
        .isEqualTo(replaced.certificate());
  }

  @Test
  void filesAreReadableByTheOwnerOnly() throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    AgencyKeyStore.loadOrCreate(keysDir).ensureKey("910000001", "Oslo kommune", ca);

    assertThat(Files.getPosixFilePermissions(keysDir.resolve("agency-keys.password")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(keysDir.resolve("agency-keys.p12")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void savingLeavesNoTemporaryFilesBehind() throws Exception {
    AgencyKeyStore store = AgencyKeyStore.loadOrCreate(keysDir);
    store.ensureKey("910000001", "Oslo kommune", ca);
    store.ensureKey("910000002", "Bergen kommune", ca);

    try (Stream<Path> files = Files.list(keysDir)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder("agency-keys.p12", "agency-keys.password");
    }
  }

  @Test
  void missingFolderIsCreated() {
    Path nested = keysDir.resolve("data").resolve("keys");

    AgencyKeyStore.loadOrCreate(nested);

    assertThat(nested.resolve("agency-keys.p12")).isRegularFile();
  }
}
