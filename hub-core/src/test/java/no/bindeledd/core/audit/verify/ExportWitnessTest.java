package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.audit.witness.Cosigner;
import no.bindeledd.core.crypto.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Witnesses' cosignatures in the export ({@code checkpoints/<size>.cosig}) and what the verifier
 * makes of them: every cosignature by a witness given is checked, k of the n given must have
 * cosigned the newest checkpoint, and a history rewritten and signed anew by the log key has no
 * cosignature that holds for it.
 */
class ExportWitnessTest {

  @TempDir static Path dir;

  private static ExportFixture fixture;
  private static ExportFixture.Log log;
  private static final Cosigner FIRST =
      new Cosigner("witness.example/first", Ed25519Keys.generate().getPrivate());
  private static final Cosigner SECOND =
      new Cosigner("witness.example/second", Ed25519Keys.generate().getPrivate());
  private static final Cosigner STRANGER =
      new Cosigner("witness.example/stranger", Ed25519Keys.generate().getPrivate());
  private static final List<VerifierKey> BOTH = List.of(FIRST.verifierKey(), SECOND.verifierKey());

  @BeforeAll
  static void makeLog() {
    fixture = new ExportFixture(dir.resolve("keys"));
    log = fixture.log(30, 10, 20, 30);
  }

  private static String text(String note) {
    return note.substring(0, note.lastIndexOf("\n\n") + 1);
  }

  private static String cosign(String note, Cosigner... witnesses) {
    StringBuilder lines = new StringBuilder();
    for (Cosigner witness : witnesses) {
      lines.append(witness.cosign(text(note), ExportFixture.checkpointTime(30).plusSeconds(1)));
    }
    return lines.toString();
  }

  /** The export with each checkpoint cosigned as {@code cosigners} says. */
  private static Map<String, byte[]> export(
      ExportFixture.Log log, Map<Long, Cosigner[]> cosigners) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AuditExportWriter writer =
        AuditExportWriter.open(
            out,
            ExportFixture.ORIGIN,
            fixture.logKey,
            List.of(fixture.tsaCertificate()),
            ExportFixture.START,
            fixture.logKeys.getPrivate())) {
      for (byte[] entry : log.entries()) {
        writer.entry(entry);
      }
      for (Map.Entry<Long, String> note : log.notes().entrySet()) {
        writer.checkpoint(
            new ExportedCheckpoint(
                note.getValue(),
                log.tokens().get(note.getKey()),
                cosign(note.getValue(), cosigners.getOrDefault(note.getKey(), new Cosigner[0]))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ExportFixture.unzip(out.toByteArray());
  }

  private static Map<String, byte[]> allCosignedByBoth() {
    return export(
        log,
        Map.of(
            10L, new Cosigner[] {FIRST, SECOND},
            20L, new Cosigner[] {FIRST, SECOND},
            30L, new Cosigner[] {FIRST, SECOND}));
  }

  private static Report verify(Map<String, byte[]> files, List<VerifierKey> witnesses, int required)
      throws IOException {
    Path file =
        ExportFixture.write(Files.createTempFile(dir, "export", ".zip"), ExportFixture.zip(files));
    return new ExportVerifier(
            fixture.anchors().withWitnesses(witnesses, required), ExportVerifier.Options.defaults())
        .verify(file);
  }

  @Test
  void everyCosignatureOfTheWitnessesGivenIsCheckedAndTheNewestIsCosignedByBoth()
      throws IOException {
    Map<String, byte[]> files = allCosignedByBoth();

    Report report = verify(files, BOTH, 2);

    assertThat(report.failure()).isEmpty();
    assertThat(report.witnesses()).isEqualTo(2);
    assertThat(report.cosignatures()).isEqualTo(6);
    assertThat(files).containsKey("checkpoints/000000000030.cosig");
    assertThat(new String(files.get("checkpoints/000000000030.cosig"), UTF_8))
        .as("the note stays the bytes the log signed; the cosignatures are beside it")
        .startsWith("\u2014 witness.example/first ")
        .hasLineCount(2);
    assertThat(new String(files.get("checkpoints/000000000030.note"), UTF_8))
        .isEqualTo(log.notes().get(30L));
  }

  @Test
  void kOfNWitnessesAreEnoughAndFewerAreAFailureThatSaysSo() throws IOException {
    Map<String, byte[]> files =
        export(
            log,
            Map.of(
                10L, new Cosigner[] {FIRST, SECOND},
                20L, new Cosigner[] {FIRST, SECOND},
                30L, new Cosigner[] {SECOND}));

    assertThat(verify(files, BOTH, 1).failure()).isEmpty();
    assertThat(verify(files, BOTH, 1).witnesses()).isEqualTo(1);
    Failure tooFew = verify(files, BOTH, 2).failure().orElseThrow();
    assertThat(tooFew.kind()).isEqualTo(Failure.Kind.COSIGNATURE);
    assertThat(tooFew.describe())
        .isEqualTo(
            "checkpoints/000000000030.cosig: the newest checkpoint (30 entries) is cosigned by 1"
                + " of the 2 witnesses given, but 2 are required; the newest checkpoint enough of"
                + " them cosigned has 20 entries");
  }

  @Test
  void aNewestCheckpointNoWitnessCosignedFailsWhenWitnessesAreGiven() throws IOException {
    Map<String, byte[]> files = allCosignedByBoth();
    files.remove("checkpoints/000000000030.cosig");

    Failure failure = verify(files, List.of(FIRST.verifierKey()), 1).failure().orElseThrow();

    assertThat(failure.describe()).contains("is cosigned by 0 of the 1 witnesses given");
    assertThat(verify(files, List.of(), 0).failure())
        .as("without witnesses given, cosignatures are not asked for")
        .isEmpty();
  }

  @Test
  void aChangedOrMovedCosignatureIsAFailureAtItsFile() throws IOException {
    Map<String, byte[]> changed = allCosignedByBoth();
    String lines = new String(changed.get("checkpoints/000000000020.cosig"), UTF_8);
    String first = lines.substring(0, lines.indexOf('\n') + 1);
    String prefix = "\u2014 witness.example/first ";
    byte[] blob = Base64.getDecoder().decode(first.substring(prefix.length()).strip());
    blob[blob.length - 1] ^= 1;
    changed.put(
        "checkpoints/000000000020.cosig",
        (prefix + Base64.getEncoder().encodeToString(blob) + "\n" + lines.substring(first.length()))
            .getBytes(UTF_8));
    Map<String, byte[]> moved = allCosignedByBoth();
    moved.put("checkpoints/000000000030.cosig", moved.get("checkpoints/000000000020.cosig"));

    Failure changedFailure = verify(changed, BOTH, 2).failure().orElseThrow();
    Failure movedFailure = verify(moved, BOTH, 2).failure().orElseThrow();

    assertThat(changedFailure.kind()).isEqualTo(Failure.Kind.COSIGNATURE);
    assertThat(changedFailure.file()).isEqualTo("checkpoints/000000000020.cosig");
    assertThat(changedFailure.problem())
        .contains("witness.example/first")
        .contains("does not verify");
    assertThat(movedFailure.file()).isEqualTo("checkpoints/000000000030.cosig");
  }

  @Test
  void cosignaturesByWitnessesNotGivenAreNotedNotChecked() throws IOException {
    Map<String, byte[]> files =
        export(
            log,
            Map.of(
                20L, new Cosigner[] {STRANGER, FIRST},
                30L, new Cosigner[] {FIRST, STRANGER}));

    Report report = verify(files, List.of(FIRST.verifierKey()), 1);

    assertThat(report.failure()).isEmpty();
    assertThat(report.findings())
        .anySatisfy(
            finding ->
                assertThat(finding)
                    .contains("witness.example/stranger+" + STRANGER.verifierKey().keyIdHex())
                    .contains("not checked"));
    assertThat(verify(files, List.of(), 0).findings())
        .anySatisfy(
            finding ->
                assertThat(finding).contains("2 checkpoint(s) carry witnesses' cosignatures"));
  }

  @Test
  void cosignaturesWithoutTheirCheckpointOrNotUtf8AreRefused() throws IOException {
    Map<String, byte[]> orphan = allCosignedByBoth();
    orphan.put("checkpoints/000000000025.cosig", orphan.get("checkpoints/000000000020.cosig"));
    Map<String, byte[]> garbage = allCosignedByBoth();
    garbage.put("checkpoints/000000000020.cosig", new byte[] {(byte) 0xff, '\n'});

    assertThat(verify(orphan, BOTH, 2).failure().orElseThrow().describe())
        .isEqualTo(
            "checkpoints/000000000025.cosig: cosignatures without its checkpoint:"
                + " checkpoints/000000000025.note is missing");
    assertThat(verify(garbage, BOTH, 2).failure().orElseThrow().problem()).contains("UTF-8");
  }

  @Test
  void aRewrittenHistorySignedAnewByTheLogKeyHasNoCosignatureThatHoldsForIt() throws IOException {
    // What an insider with the log key and the database can make: entry 15 changed, every later
    // link recomputed, the checkpoints signed again. The witnesses refused to cosign it, so the
    // old cosignatures are all the insider has.
    List<byte[]> entries = new java.util.ArrayList<>(log.entries());
    entries.set(14, TestEntries.with(entries.get(14), "reason", "rewritten"));
    entries = TestEntries.renumberAndRelink(entries, 15);
    LogTree tree = new LogTree();
    entries.forEach(tree::appendEntry);
    TreeMap<Long, String> notes = new TreeMap<>();
    Map<Long, byte[]> tokens = new TreeMap<>();
    for (long size : new long[] {10, 20, 30}) {
      String note =
          ExportFixture.sign(
              size,
              tree.root(size),
              ExportFixture.checkpointTime(size),
              fixture.logKeys.getPrivate(),
              notes);
      notes.put(size, note);
      tokens.put(size, fixture.stamp(note));
    }
    ExportFixture.Log rewritten = new ExportFixture.Log(entries, notes, tokens);
    Map<String, byte[]> bare = export(rewritten, Map.of());
    assertThat(verify(bare, List.of(), 0).failure())
        .as("consistent in itself, to a verifier who knows no witness")
        .isEmpty();
    Map<String, byte[]> withOldCosignatures = export(rewritten, Map.of());
    Map<String, byte[]> original = allCosignedByBoth();
    for (String size : List.of("000000000010", "000000000020", "000000000030")) {
      withOldCosignatures.put(
          "checkpoints/" + size + ".cosig", original.get("checkpoints/" + size + ".cosig"));
    }

    assertThat(verify(bare, BOTH, 2).failure().orElseThrow().describe())
        .contains("is cosigned by 0 of the 2 witnesses given")
        .contains("no checkpoint in the export is cosigned by enough of them");
    Failure copied = verify(withOldCosignatures, BOTH, 1).failure().orElseThrow();
    assertThat(copied.kind()).isEqualTo(Failure.Kind.COSIGNATURE);
    assertThat(copied.file())
        .as("checkpoint 10 still holds the old entries; 20 is the first the rewrite changed")
        .isEqualTo("checkpoints/000000000020.cosig");
  }

  @Test
  void theCommandLineTakesWitnessKeysFromFilesOrTextAndCountsThem() throws Exception {
    Path export =
        ExportFixture.write(dir.resolve("cosigned.zip"), ExportFixture.zip(allCosignedByBoth()));
    Path key = Files.writeString(dir.resolve("log.vkey"), fixture.logKey.encoded() + "\n");
    Path tsa = Files.writeString(dir.resolve("tsa.pem"), Pem.encode(fixture.tsaCertificate()));
    Path witnesses =
        Files.writeString(
            dir.resolve("witnesses.vkey"),
            FIRST.verifierKey().encoded() + "\n\n" + SECOND.verifierKey().encoded() + "\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        VerifyCommand.run(
            new String[] {
              "--key",
              key.toString(),
              "--tsa-cert",
              tsa.toString(),
              "--witness",
              witnesses.toString(),
              export.toString()
            },
            new PrintStream(out, true, UTF_8),
            new PrintStream(err, true, UTF_8));

    assertThat(code).as(out.toString(UTF_8) + err.toString(UTF_8)).isZero();
    assertThat(out.toString(UTF_8))
        .contains(
            "Witnesses      2 of 2 given cosigned the newest checkpoint (2 required); 6"
                + " cosignature(s) verified")
        .contains("Result         VERIFIED");
    assertThat(
            run(
                "--key",
                key.toString(),
                "--tsa-cert",
                tsa.toString(),
                "--witness",
                FIRST.verifierKey().encoded(),
                "--witnesses",
                "1",
                export.toString()))
        .isZero();
    assertThat(
            run(
                "--key",
                key.toString(),
                "--tsa-cert",
                tsa.toString(),
                "--witnesses",
                "1",
                export.toString()))
        .as("--witnesses without --witness")
        .isEqualTo(VerifyCommand.USAGE);
    assertThat(
            run(
                "--key",
                key.toString(),
                "--tsa-cert",
                tsa.toString(),
                "--witness",
                witnesses.toString(),
                "--witnesses",
                "3",
                export.toString()))
        .isEqualTo(VerifyCommand.USAGE);
    assertThat(
            run(
                "--key",
                key.toString(),
                "--tsa-cert",
                tsa.toString(),
                "--witness",
                fixture.logKey.encoded(),
                export.toString()))
        .as("a log key is no witness key")
        .isEqualTo(VerifyCommand.USAGE);
  }

  private static int run(String... args) {
    return VerifyCommand.run(
        args,
        new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void anchorsRefuseRequirementsTheWitnessesGivenCannotMeet() {
    TrustAnchors anchors = fixture.anchors();

    assertThatThrownBy(() -> anchors.withWitnesses(BOTH, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> anchors.withWitnesses(BOTH, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> anchors.withWitnesses(List.of(), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> anchors.withWitnesses(List.of(FIRST.verifierKey(), FIRST.verifierKey()), 1))
        .hasMessageContaining("given twice");
  }
}
