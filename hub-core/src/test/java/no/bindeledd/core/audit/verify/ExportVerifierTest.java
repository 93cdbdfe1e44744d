package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.audit.verify.ExportVerifier.Options;
import no.bindeledd.core.audit.verify.Failure.Kind;
import no.bindeledd.core.crypto.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the verifier accepts, what it remarks on, and what it asks of its anchors. */
class ExportVerifierTest {

  @TempDir static Path keys;
  @TempDir Path work;

  private static ExportFixture fixture;
  private static ExportFixture.Log log;
  private static Map<String, byte[]> files;

  @BeforeAll
  static void writeExport() {
    fixture = new ExportFixture(keys);
    log = fixture.log(60, 10, 20, 30, 40, 50, 60);
    files = ExportFixture.unzip(fixture.export(log));
  }

  @Test
  void aSoundExportVerifies() throws Exception {
    Report report = verify(files, Options.defaults());

    assertThat(report.failure()).isEmpty();
    assertThat(report.verified()).isTrue();
    assertThat(report.origin()).isEqualTo(ExportFixture.ORIGIN);
    assertThat(report.entries()).isEqualTo(60);
    assertThat(report.coveredEntries()).isEqualTo(60);
    assertThat(report.checkpoints()).isEqualTo(6);
    assertThat(report.timestamps()).isEqualTo(6);
    assertThat(report.consistencyProofs()).isEqualTo(5);
    // The first, the last and 32 others.
    assertThat(report.inclusionProofs()).isEqualTo(34);
    assertThat(report.exportAnchorsUsed()).isFalse();
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void anExportEndsAtTheFinalCheckpointItsSignedManifestNames() throws Exception {
    Map<String, byte[]> fewer =
        without(files, "checkpoints/000000000060.note", "checkpoints/000000000060.tsr");

    Report report = verify(fewer, Options.defaults());

    assertThat(report.failure())
        .contains(
            new Failure(
                Kind.CHECKPOINT,
                "checkpoints/000000000060.note",
                0,
                "the signed manifest names the checkpoint of 60 entries as the export's final one,"
                    + " which the export lacks: the newest checkpoint was dropped"));
  }

  @Test
  void anExportOfAnOlderHubIsRefusedWithTheReason() throws Exception {
    Map<String, byte[]> older = without(files, "manifest.note");
    older.put(
        "manifest.json",
        ("{\"entries\":60,\"exportedAt\":\"2026-11-25T03:40:00Z\",\"format\":"
                + "\"bindeledd-audit-export/1\",\"origin\":\""
                + ExportFixture.ORIGIN
                + "\"}")
            .getBytes(UTF_8));

    Failure failure = verify(older, Options.defaults()).failure().orElseThrow();

    assertThat(failure.kind()).isEqualTo(Kind.MANIFEST);
    assertThat(failure.describe())
        .startsWith(
            "manifest.json: the export is in the format bindeledd-audit-export/1, made by an older"
                + " hub: its manifest is not signed")
        .contains("this verifier, which reads bindeledd-audit-export/2, does not accept it");
  }

  @Test
  void savedCheckpointsTheExportExtendsAreProvenAndCounted() throws Exception {
    TrustAnchors remembering =
        fixture
            .anchors()
            .withCheckpoints(
                List.of(
                    new TrustedCheckpoint("last-audit.note", log.notes().get(40L)),
                    new TrustedCheckpoint("first-audit.note", log.notes().get(10L)),
                    new TrustedCheckpoint("this-audit.note", log.notes().get(60L))));

    Report report = new ExportVerifier(remembering, Options.defaults()).verify(file(files));

    assertThat(report.failure()).isEmpty();
    assertThat(report.trustedCheckpoints()).isEqualTo(3);
  }

  @Test
  void aSavedCheckpointOfALongerLogShowsTheLogWasCut() throws Exception {
    ExportFixture.Log longer = fixture.log(70, 10, 20, 30, 40, 50, 60, 70);
    TrustAnchors remembering =
        fixture
            .anchors()
            .withCheckpoints(
                List.of(new TrustedCheckpoint("after-70.note", longer.notes().get(70L))));

    Report report = new ExportVerifier(remembering, Options.defaults()).verify(file(files));

    assertThat(report.failure())
        .contains(
            new Failure(
                Kind.TRUSTED_CHECKPOINT,
                "after-70.note",
                0,
                "the export holds 60 entries, but this checkpoint you saved signs a tree of 70:"
                    + " the log was cut (entries 61 to 70 are gone), or the export is older than"
                    + " the checkpoint"));
  }

  @Test
  void aSavedCheckpointMustBeSignedByTheTrustedKeyWhichMustBeGiven() {
    String foreign =
        ExportFixture.sign(
            10, new byte[32], ExportFixture.START, Ed25519Keys.generate().getPrivate(), Map.of());
    List<TrustedCheckpoint> saved = List.of(new TrustedCheckpoint("foreign.note", foreign));

    assertThatThrownBy(
            () -> new ExportVerifier(fixture.anchors().withCheckpoints(saved), Options.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("foreign.note is not a checkpoint signed by the log key");
    assertThatThrownBy(
            () ->
                new ExportVerifier(
                    TrustAnchors.fromExport()
                        .withCheckpoints(
                            List.of(new TrustedCheckpoint("ours.note", log.notes().get(10L)))),
                    Options.defaults().withTrustExportAnchors(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give that key");
  }

  @Test
  void theNewestCheckpointMayWaitForItsTimestampOnlyWhenAllowed() throws Exception {
    Map<String, byte[]> pending =
        without(files, "checkpoints/000000000060.tsr", "checkpoints/000000000050.tsr");

    Report strict = verify(pending, Options.defaults());
    Report lenient = verify(pending, Options.defaults().withAllowPendingTimestamps(true));

    assertThat(strict.failure())
        .contains(
            new Failure(
                Kind.TIMESTAMP,
                "checkpoints/000000000050.tsr",
                0,
                "the checkpoint of 50 entries has no timestamp token (the newest checkpoints may"
                    + " be allowed to wait for theirs)"));
    assertThat(lenient.verified()).isTrue();
    assertThat(lenient.timestamps()).isEqualTo(4);
    assertThat(lenient.findings())
        .containsExactly(
            "the newest 2 checkpoints [50, 60] have no timestamp yet: nothing but the log's own"
                + " signature dates them");
  }

  @Test
  void aMissingTimestampBeforeAPresentOneIsAFailureEvenWhenPendingIsAllowed() throws Exception {
    Report report =
        verify(
            without(files, "checkpoints/000000000030.tsr"),
            Options.defaults().withAllowPendingTimestamps(true));

    assertThat(report.failure().orElseThrow().file()).isEqualTo("checkpoints/000000000030.tsr");
    assertThat(report.failure().orElseThrow().problem())
        .contains("though a later checkpoint has one");
  }

  @Test
  void anExportWithoutCheckpointsFails() throws Exception {
    Map<String, byte[]> bare = new LinkedHashMap<>(files);
    bare.keySet().removeIf(name -> name.startsWith("checkpoints/"));

    Report report = verify(bare, Options.defaults());

    assertThat(report.failure().orElseThrow().kind()).isEqualTo(Kind.CHECKPOINT);
    assertThat(report.failure().orElseThrow().problem()).contains("holds no checkpoint");
  }

  @Test
  void theExportsOwnAnchorsAreUsedOnlyWhenAskedAndTheReportSaysSo() throws Exception {
    Path export = file(files);
    Options trusting = Options.defaults().withTrustExportAnchors(true);

    Report report = new ExportVerifier(TrustAnchors.fromExport(), trusting).verify(export);

    assertThat(report.verified()).isTrue();
    assertThat(report.exportAnchorsUsed()).isTrue();
    assertThat(report.findings())
        .anyMatch(f -> f.startsWith("the log key was taken from the export itself"))
        .anyMatch(f -> f.startsWith("the TSA certificates were taken from the export itself"));
    assertThatThrownBy(() -> new ExportVerifier(TrustAnchors.fromExport(), Options.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
    // Given anchors win over the export's: asking to trust the export then changes nothing.
    assertThat(new ExportVerifier(fixture.anchors(), trusting).verify(export).exportAnchorsUsed())
        .isFalse();
  }

  @Test
  void anotherTrustedKeyOrAuthorityFailsAtTheExportsCopy() throws Exception {
    VerifierKey otherKey = VerifierKey.of(ExportFixture.ORIGIN, Ed25519Keys.generate().getPublic());
    ExportFixture other = new ExportFixture(work.resolve("other-ca"));

    Report wrongKey =
        new ExportVerifier(
                TrustAnchors.of(otherKey, List.of(fixture.tsaCertificate())), Options.defaults())
            .verify(file(files));
    Report wrongTsa =
        new ExportVerifier(
                TrustAnchors.of(fixture.logKey, List.of(other.tsaCertificate())),
                Options.defaults())
            .verify(file(files));

    assertThat(wrongKey.failure().orElseThrow().kind()).isEqualTo(Kind.ANCHOR);
    assertThat(wrongKey.failure().orElseThrow().file()).isEqualTo("log-key.vkey");
    assertThat(wrongTsa.failure().orElseThrow().kind()).isEqualTo(Kind.ANCHOR);
    assertThat(wrongTsa.failure().orElseThrow().file()).isEqualTo("tsa/tsa-1.pem");
  }

  @Test
  void aTokenSignedByAnAuthorityWhoseCertificateTheExportLacksFails() throws Exception {
    Report report = verify(without(files, "tsa/tsa-1.pem"), Options.defaults());

    assertThat(report.failure().orElseThrow().kind()).isEqualTo(Kind.ANCHOR);
    assertThat(report.failure().orElseThrow().file()).isEqualTo("checkpoints/000000000010.tsr");
  }

  @Test
  void progressIsReportedEveryIntervalWithTheAnnouncedCount() throws Exception {
    List<String> calls = new ArrayList<>();

    Report report =
        verify(
            files,
            Options.defaults()
                .withProgress(20, (done, expected) -> calls.add(done + "/" + expected)));

    assertThat(report.verified()).isTrue();
    assertThat(calls).containsExactly("20/60", "40/60", "60/60");
  }

  @Test
  void aCheckpointAtEverySizeVerifiesEveryShapeOfConsistencyProof() throws Exception {
    ExportFixture.Log small = fixture.log(17, LongStream.rangeClosed(1, 17).toArray());

    Report report = verify(ExportFixture.unzip(fixture.export(small)), Options.defaults());

    assertThat(report.verified()).isTrue();
    assertThat(report.checkpoints()).isEqualTo(17);
    assertThat(report.consistencyProofs()).isEqualTo(16);
    assertThat(report.inclusionProofs()).isEqualTo(17);
  }

  @Test
  void aLogOfOneEntryVerifies() throws Exception {
    Report report =
        verify(ExportFixture.unzip(fixture.export(fixture.log(1, 1))), Options.defaults());

    assertThat(report.verified()).isTrue();
    assertThat(report.inclusionProofs()).isEqualTo(1);
  }

  @Test
  void theOriginIsTheKeysNameUnlessGiven() throws Exception {
    Report report = verify(files, Options.defaults().withOrigin("bindeledd.example/other"));

    assertThat(report.failure().orElseThrow())
        .isEqualTo(
            new Failure(
                Kind.MANIFEST,
                "manifest.json",
                0,
                "the export is of the log "
                    + ExportFixture.ORIGIN
                    + ", not of bindeledd.example/other"));
  }

  @Test
  void aTimestampEarlierThanTheNotesOwnTimeIsRemarkedOn() throws Exception {
    LogTree tree = new LogTree();
    log.entries().forEach(tree::appendEntry);
    Instant ahead = Instant.now().plus(1, ChronoUnit.HOURS);
    String note =
        ExportFixture.sign(60, tree.root(60), ahead, fixture.logKeys.getPrivate(), log.notes());
    Map<String, byte[]> changed = new LinkedHashMap<>(files);
    changed.put("checkpoints/000000000060.note", note.getBytes(UTF_8));
    changed.put("checkpoints/000000000060.tsr", fixture.stamp(note));
    ExportManifest manifest =
        ExportManifest.of(ExportFixture.ORIGIN, 60, ExportFixture.START, note);
    changed.put("manifest.json", manifest.encode());
    changed.put("manifest.note", fixture.signedManifest(manifest));

    Report report = verify(changed, Options.defaults());

    assertThat(report.verified()).isTrue();
    assertThat(report.findings())
        .singleElement()
        .asString()
        .contains("the checkpoint of 60 entries was timestamped at")
        .contains("the hub's clock ran ahead");
  }

  @Test
  void aChainOfTrustedAuthorityCertificatesMayIncludeTheCa() throws Exception {
    Map<String, byte[]> withCa = new LinkedHashMap<>(files);
    withCa.put("tsa/ca.pem", Pem.encode(fixture.ca.certificate()).getBytes(UTF_8));

    Report report =
        new ExportVerifier(
                TrustAnchors.of(
                    fixture.logKey, List.of(fixture.tsaCertificate(), fixture.ca.certificate())),
                Options.defaults())
            .verify(file(withCa));

    assertThat(report.verified()).isTrue();
  }

  private Report verify(Map<String, byte[]> members, Options options) throws Exception {
    return new ExportVerifier(fixture.anchors(), options).verify(file(members));
  }

  private Path file(Map<String, byte[]> members) {
    return ExportFixture.write(
        work.resolve("export-" + System.nanoTime() + ".zip"), ExportFixture.zip(members));
  }

  private static Map<String, byte[]> without(Map<String, byte[]> members, String... names) {
    Map<String, byte[]> fewer = new LinkedHashMap<>(members);
    for (String name : names) {
      assertThat(fewer.remove(name)).as(name).isNotNull();
    }
    return fewer;
  }
}
