package no.bindeledd.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.verify.ExportVerifier;
import no.bindeledd.core.audit.verify.GenerateLargeExport;
import no.bindeledd.core.audit.verify.Report;
import no.bindeledd.core.audit.verify.TrustAnchors;
import no.bindeledd.core.crypto.Pem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The offline verifier on a log of a million entries, from opening the export to the verdict, as an
 * auditor's run does. The export is generated once into {@code target/bench/} and reused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class VerifierBenchmark {

  private static final Logger LOG = Logger.getLogger(VerifierBenchmark.class.getName());

  static final long ENTRIES = 1_000_000;
  static final long CHECKPOINT_EVERY = 10_000;

  private ExportVerifier verifier;
  private Path export;

  @Setup(Level.Trial)
  public void export() throws IOException {
    Path folder = Path.of("target", "bench", "export-" + ENTRIES);
    export = folder.resolve("export.zip");
    if (!Files.exists(export)) {
      GenerateLargeExport.generate(folder, ENTRIES, CHECKPOINT_EVERY);
    }
    VerifierKey key = VerifierKey.parse(Files.readString(folder.resolve("log-key.vkey")).strip());
    X509Certificate tsa = Pem.certificate(Files.readString(folder.resolve("tsa.pem")));
    verifier =
        new ExportVerifier(TrustAnchors.of(key, List.of(tsa)), ExportVerifier.Options.defaults());
    LOG.info(
        String.format(
            "Export: %,d bytes, %,d entries, a checkpoint every %,d",
            Files.size(export), ENTRIES, CHECKPOINT_EVERY));
  }

  @Benchmark
  public Report verifyAMillionEntries() throws IOException {
    Report report = verifier.verify(export);
    if (!report.verified() || report.entries() != ENTRIES) {
      throw new IllegalStateException("the generated export did not verify: " + report);
    }
    return report;
  }
}
