package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.bindeledd.core.crypto.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process: its report and its exit codes. */
class VerifyCommandTest {

  @TempDir static Path dir;

  private static ExportFixture fixture;
  private static ExportFixture.Log log;
  private static Path export;
  private static Path keyFile;
  private static Path tsaFile;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void writeExport() throws Exception {
    fixture = new ExportFixture(dir.resolve("keys"));
    log = fixture.log(40, 10, 20, 30, 40);
    export = ExportFixture.write(dir.resolve("export.zip"), fixture.export(log));
    keyFile = Files.writeString(dir.resolve("log-key.vkey"), fixture.logKey.encoded() + "\n");
    tsaFile = Files.writeString(dir.resolve("tsa.pem"), Pem.encode(fixture.tsaCertificate()));
  }

  @Test
  void aSoundExportExitsZeroWithAShortReport() {
    int code =
        run("--key", keyFile.toString(), "--tsa-cert", tsaFile.toString(), export.toString());

    assertThat(code).as(err()).isZero();
    assertThat(out())
        .contains("Log            " + ExportFixture.ORIGIN)
        .contains("Entries        40 verified")
        .contains("entries 1 to 40 covered by a checkpoint")
        .contains("Checkpoints    4 verified (signature, order, root), 4 timestamp(s)")
        .contains("Proofs         3 consistency, 34 inclusion")
        .endsWith("Result         VERIFIED\n");
  }

  @Test
  void theKeyMayBeGivenAsText() {
    int code =
        run("--key", fixture.logKey.encoded(), "--tsa-cert", tsaFile.toString(), export.toString());

    assertThat(code).as(out() + err()).isZero();
  }

  @Test
  void aTamperedExportExitsOneNamingTheEntry() throws Exception {
    Map<String, byte[]> files =
        new LinkedHashMap<>(ExportFixture.unzip(Files.readAllBytes(export)));
    List<byte[]> entries = new java.util.ArrayList<>(log.entries());
    entries.set(16, TestEntries.with(entries.get(16), "outcome", "refused-and-hidden"));
    files.put("entries.jsonl", ExportFixture.jsonl(entries));
    Path tampered = ExportFixture.write(dir.resolve("tampered.zip"), ExportFixture.zip(files));

    int code =
        run("--key", keyFile.toString(), "--tsa-cert", tsaFile.toString(), tampered.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out())
        .contains(
            "Result         FAILED at entry 18 (entries.jsonl, line 18): its prev is not the hash"
                + " of entry 17")
        .contains("Entries        17 verified");
  }

  @Test
  void aPemFileMayHoldSeveralCertificates() throws Exception {
    Path both =
        Files.writeString(
            dir.resolve("tsa-certificates.pem"),
            Pem.encode(fixture.ca.certificate()) + Pem.encode(fixture.tsaCertificate()));

    int code = run("--key", keyFile.toString(), "--tsa-cert", both.toString(), export.toString());

    assertThat(code).as(out() + err()).isZero();
    assertThat(out()).contains("2 TSA certificate(s) given");
  }

  @Test
  void theExportsOwnAnchorsMayBeUsedWhenAskedFor() {
    int code = run("--trust-export-anchors", export.toString());

    assertThat(code).isZero();
    assertThat(out())
        .contains("key from the export, TSA certificates from the export")
        .contains("Note           the log key was taken from the export itself");
  }

  @Test
  void checkpointsSavedEarlierAreProvenExtendedOrTheExportFails() throws Exception {
    Path saved =
        Files.writeString(dir.resolve("saved-20.note"), log.notes().get(20L) + "\n", UTF_8);
    // The same tree size and key, another history: what a rewritten log signed anew would give.
    Path rewritten =
        Files.writeString(
            dir.resolve("other-40.note"),
            ExportFixture.sign(
                40,
                new byte[32],
                ExportFixture.START,
                fixture.logKeys.getPrivate(),
                java.util.Map.of()),
            UTF_8);

    int extended =
        run(
            "--key",
            keyFile.toString(),
            "--tsa-cert",
            tsaFile.toString(),
            "--trusted-checkpoint",
            saved.toString(),
            export.toString());
    String report = out();
    int differs =
        run(
            "--key",
            keyFile.toString(),
            "--tsa-cert",
            tsaFile.toString(),
            "--trusted-checkpoint",
            saved.toString(),
            "--trusted-checkpoint",
            rewritten.toString(),
            export.toString());

    assertThat(extended).as(report + err()).isZero();
    assertThat(report)
        .contains("Trusted        1 of 1 saved checkpoint(s) extended")
        .endsWith("Result         VERIFIED\n");
    assertThat(differs).isEqualTo(1);
    assertThat(out())
        .contains("Result         FAILED at " + rewritten + ": this checkpoint you saved signs");
  }

  @Test
  void aSavedCheckpointNotSignedByTheKeyIsWrongUse() throws Exception {
    ExportFixture stranger = new ExportFixture(dir.resolve("keys"));
    Path foreign =
        Files.writeString(dir.resolve("foreign.note"), stranger.log(10, 10).notes().get(10L));

    int code =
        run(
            "--key",
            keyFile.toString(),
            "--tsa-cert",
            tsaFile.toString(),
            "--trusted-checkpoint",
            foreign.toString(),
            export.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains(foreign + " is not a checkpoint signed by the log key");
  }

  @Test
  void helpExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out()).startsWith("Usage: bindeledd-verify --key");
  }

  @Test
  void wrongUseExitsTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("give the export to verify");
    assertThat(run(export.toString())).isEqualTo(2);
    assertThat(err()).contains("--key");
    assertThat(run("--key", keyFile.toString(), export.toString())).isEqualTo(2);
    assertThat(err()).contains("--tsa-cert");
    assertThat(run("--frobnicate", export.toString())).isEqualTo(2);
    assertThat(err()).contains("unknown option --frobnicate");
    assertThat(run("--key", "not a key", "--tsa-cert", tsaFile.toString(), export.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("is not a verifier key");
    assertThat(
            run("--key", keyFile.toString(), "--tsa-cert", keyFile.toString(), export.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("holds no PEM certificate");
  }

  @Test
  void anUnreadableFileExitsTwo() {
    int code =
        run(
            "--key",
            keyFile.toString(),
            "--tsa-cert",
            tsaFile.toString(),
            dir.resolve("no-such-export.zip").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("cannot read").contains("no-such-export.zip");
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return VerifyCommand.run(
        args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
  }

  private String out() {
    return out.toString(UTF_8);
  }

  private String err() {
    return err.toString(UTF_8);
  }
}
