package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Logger;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.canonical.CanonicalJson;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.DevelopmentTsa;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.crypto.Timestamps;

/**
 * Writes a valid audit export of many entries, for benchmarks and for timing the verifier by hand:
 *
 * <pre>
 * java -cp &lt;test classpath&gt; no.bindeledd.core.audit.verify.GenerateLargeExport out 1000000 10000
 * java -jar hub-core/target/hub-core-&lt;version&gt;-verifier.jar \
 *     --key out/log-key.vkey --tsa-cert out/tsa.pem out/export.zip
 * </pre>
 *
 * Arguments: the folder to write to (it gets {@code export.zip}, {@code log-key.vkey}, {@code
 * tsa.pem} and a {@code keys} folder with a development CA), the number of entries (default one
 * million) and the entries between checkpoints (default 10,000; the last entry always gets one, as
 * an export ends at a checkpoint). Each checkpoint names the one before it. Entries are generated,
 * hashed and written as a stream: memory is the tree's 64 bytes an entry.
 */
public final class GenerateLargeExport {

  private static final Logger LOG = Logger.getLogger(GenerateLargeExport.class.getName());

  private GenerateLargeExport() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException(
          "Usage: GenerateLargeExport <folder> [entries] [entries per checkpoint]");
    }
    Path folder = Files.createDirectories(Path.of(args[0]));
    long count = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    long interval = args.length > 2 ? Long.parseLong(args[2]) : 10_000;
    long started = System.nanoTime();
    generate(folder, count, interval);
    LOG.info(
        String.format(
            "wrote %d entries to %s in %.1f s",
            count, folder.resolve("export.zip"), (System.nanoTime() - started) / 1e9));
  }

  public static void generate(Path folder, long count, long interval) throws IOException {
    DevelopmentCa ca = DevelopmentCa.loadOrCreate(folder.resolve("keys"));
    DevelopmentTsa tsa = DevelopmentTsa.using(ca.issueTimestampingKey());
    List<X509Certificate> tsaCertificates = List.of(tsa.certificate());
    KeyPair logKeys = Ed25519Keys.generate();
    String origin = ExportFixture.ORIGIN;
    VerifierKey logKey = VerifierKey.of(origin, logKeys.getPublic());
    Timestamps timestamps = new Timestamps();
    Instant start = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    SplittableRandom random = new SplittableRandom(count);
    LogTree tree = new LogTree();

    try (OutputStream file =
            new BufferedOutputStream(Files.newOutputStream(folder.resolve("export.zip")), 1 << 16);
        AuditExportWriter export =
            AuditExportWriter.open(
                file, origin, logKey, tsaCertificates, Instant.now(), logKeys.getPrivate())) {
      String prev = TestEntries.GENESIS;
      Checkpoint.Previous previous = null;
      for (long seq = 1; seq <= count; seq++) {
        Instant time = start.plusMillis(seq * 1_000L);
        byte[] entry = CanonicalJson.encode(TestEntries.members(seq, prev, time, random));
        export.entry(entry);
        tree.appendEntry(entry);
        prev = TestEntries.sha256Hex(entry);
        if (seq % interval == 0 || seq == count) {
          Checkpoint checkpoint =
              previous == null
                  ? Checkpoint.at(origin, seq, tree.root(seq), time.plusMillis(500))
                  : Checkpoint.at(origin, seq, tree.root(seq), time.plusMillis(500), previous);
          String note = checkpoint.sign(origin, logKeys.getPrivate());
          previous = Checkpoint.Previous.of(seq, note);
          byte[] token =
              timestamps
                  .stamp(TestEntries.sha256(note.getBytes(UTF_8)), tsa, tsaCertificates)
                  .token();
          export.checkpoint(new ExportedCheckpoint(note, token));
        }
      }
    }
    Files.writeString(folder.resolve("log-key.vkey"), logKey.encoded() + "\n");
    Files.writeString(folder.resolve("tsa.pem"), Pem.encode(tsa.certificate()));
  }
}
