package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.DevelopmentTsa;
import no.bindeledd.core.crypto.Timestamps;

/**
 * A log with real crypto for export tests: an Ed25519 log key, a development CA and its
 * time-stamping authority, entries in the canonical form, and signed, timestamped checkpoints.
 */
final class ExportFixture {

  static final String ORIGIN = "bindeledd.example/fjordvik-audit";

  /** Entries and checkpoints lie in the past, so that the authority's time comes after them. */
  static final Instant START =
      Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  final KeyPair logKeys = Ed25519Keys.generate();
  final VerifierKey logKey = VerifierKey.of(ORIGIN, logKeys.getPublic());
  final DevelopmentCa ca;
  final DevelopmentTsa tsa;
  private final Timestamps timestamps = new Timestamps();

  ExportFixture(Path keysDir) {
    ca = DevelopmentCa.loadOrCreate(keysDir);
    tsa = DevelopmentTsa.using(ca.issueTimestampingKey());
  }

  /** A log's entries and its checkpoints, by size. */
  record Log(List<byte[]> entries, Map<Long, String> notes, Map<Long, byte[]> tokens) {}

  /**
   * A log of {@code count} entries, each checkpoint signed, naming the one before it, and
   * timestamped.
   */
  Log log(int count, long... checkpointSizes) {
    List<byte[]> entries = TestEntries.log(count, 20261125L, START);
    LogTree tree = new LogTree();
    entries.forEach(tree::appendEntry);
    TreeMap<Long, String> notes = new TreeMap<>();
    Map<Long, byte[]> tokens = new TreeMap<>();
    for (long size : checkpointSizes) {
      String note = sign(size, tree.root(size), checkpointTime(size), logKeys.getPrivate(), notes);
      notes.put(size, note);
      tokens.put(size, stamp(note));
    }
    return new Log(entries, notes, tokens);
  }

  static Instant checkpointTime(long size) {
    return START.plusSeconds(10 * size + 5);
  }

  /**
   * A checkpoint signed as the hub signs it after the notes already signed: naming the newest of
   * them below its size as the one before it, or none if there is none.
   */
  static String sign(
      long size, byte[] root, Instant time, PrivateKey key, Map<Long, String> signedBefore) {
    Map.Entry<Long, String> previous = new TreeMap<>(signedBefore).lowerEntry(size);
    Checkpoint checkpoint =
        previous == null
            ? Checkpoint.at(ORIGIN, size, root, time)
            : Checkpoint.at(
                ORIGIN,
                size,
                root,
                time,
                Checkpoint.Previous.of(previous.getKey(), previous.getValue()));
    return checkpoint.sign(ORIGIN, key);
  }

  /** A real token over the SHA-256 of the note's UTF-8 bytes. */
  byte[] stamp(String note) {
    return stamp(note.getBytes(UTF_8));
  }

  byte[] stamp(byte[] noteBytes) {
    try {
      return timestamps
          .stamp(TestEntries.sha256(noteBytes), tsa, List.of(tsa.certificate()))
          .token();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code manifest.note} for this manifest, signed with the log key. */
  byte[] signedManifest(ExportManifest manifest) {
    return manifest.sign(logKeys.getPrivate()).getBytes(UTF_8);
  }

  X509Certificate tsaCertificate() {
    return tsa.certificate();
  }

  TrustAnchors anchors() {
    return TrustAnchors.of(logKey, List.of(tsa.certificate()));
  }

  /** The export of the log as {@link AuditExportWriter} writes it. */
  byte[] export(Log log) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AuditExportWriter writer =
        AuditExportWriter.open(
            out, ORIGIN, logKey, List.of(tsa.certificate()), START, logKeys.getPrivate())) {
      for (byte[] entry : log.entries()) {
        writer.entry(entry);
      }
      for (Map.Entry<Long, String> note : log.notes().entrySet()) {
        writer.checkpoint(new ExportedCheckpoint(note.getValue(), log.tokens().get(note.getKey())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The members of an archive, in order. */
  static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        files.put(entry.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** An archive of the members, in order, as any ZIP tool would write it. */
  static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        out.putNextEntry(new ZipEntry(file.getKey()));
        out.write(file.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] bytes) {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The entries file's bytes for these entries. */
  static byte[] jsonl(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] entry : entries) {
      out.writeBytes(entry);
      out.write('\n');
    }
    return out.toByteArray();
  }
}
