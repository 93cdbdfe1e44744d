package no.bindeledd.core.audit.verify;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.crypto.Pem;

/**
 * Writes an audit export, the ZIP file the package description specifies, to a stream. Entries are
 * streamed straight into {@code entries.jsonl}, so a million of them cost no memory; checkpoints
 * are kept until {@link #close()}, which writes them, the key, the certificates and the manifest,
 * signed with the log's key. The newest checkpoint must cover exactly the entries written: an
 * export ends at a signed checkpoint.
 *
 * <pre>{@code
 * try (AuditExportWriter export =
 *     AuditExportWriter.open(out, origin, logKey, tsaCertificates, Instant.now(), signingKey)) {
 *   for (byte[] entry : entriesInOrder) export.entry(entry);
 *   for (StoredCheckpoint c : checkpoints)
 *     export.checkpoint(new ExportedCheckpoint(c.signedNote(), c.timestampToken().orElse(null)));
 * }
 * }</pre>
 *
 * The writer checks only what it must to write a well-formed archive; whether the content is sound
 * is for {@link ExportVerifier} to say. Not thread-safe.
 */
public final class AuditExportWriter implements Closeable {

  private static final int BUFFER = 1 << 16;

  private final ZipOutputStream zip;
  private final String origin;
  private final VerifierKey logKey;
  private final List<X509Certificate> tsaCertificates;
  private final Instant exportedAt;
  private final PrivateKey signingKey;
  private final TreeMap<Long, ExportedCheckpoint> checkpoints = new TreeMap<>();
  private long entries;
  private boolean closed;

  private AuditExportWriter(
      OutputStream out,
      String origin,
      VerifierKey logKey,
      List<X509Certificate> tsaCertificates,
      Instant exportedAt,
      PrivateKey signingKey)
      throws IOException {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.logKey = Objects.requireNonNull(logKey, "logKey");
    this.tsaCertificates = List.copyOf(tsaCertificates);
    this.exportedAt = Objects.requireNonNull(exportedAt, "exportedAt");
    this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
    if (!Arrays.equals(
        Ed25519Keys.rawPublicKey(Ed25519Keys.publicKeyOf(signingKey)),
        Ed25519Keys.rawPublicKey(logKey.publicKey()))) {
      throw new IllegalArgumentException("The signing key is not the log key's private half");
    }
    // Closing the archive must not close the caller's stream, say an HTTP response.
    this.zip =
        new ZipOutputStream(
            new KeepOpen(new BufferedOutputStream(Objects.requireNonNull(out, "out"), BUFFER)));
    zip.putNextEntry(member(ExportLayout.ENTRIES));
  }

  /**
   * Starts an export on {@code out}, which the writer never closes.
   *
   * @param origin the log's origin, as its checkpoints name it
   * @param logKey the key the log signs its checkpoints with
   * @param tsaCertificates the certificates of the time-stamping authorities that stamped them
   * @param exportedAt the time the manifest states
   * @param signingKey the log key's private half, which signs the manifest
   * @throws IllegalArgumentException if the signing key is not that of the log key
   */
  public static AuditExportWriter open(
      OutputStream out,
      String origin,
      VerifierKey logKey,
      List<X509Certificate> tsaCertificates,
      Instant exportedAt,
      PrivateKey signingKey)
      throws IOException {
    return new AuditExportWriter(out, origin, logKey, tsaCertificates, exportedAt, signingKey);
  }

  /** Writes a whole export from entries in order, from entry 1, and the checkpoints. */
  public static void write(
      OutputStream out,
      String origin,
      VerifierKey logKey,
      List<X509Certificate> tsaCertificates,
      Instant exportedAt,
      PrivateKey signingKey,
      Iterator<byte[]> entries,
      Collection<ExportedCheckpoint> checkpoints)
      throws IOException {
    try (AuditExportWriter export =
        open(out, origin, logKey, tsaCertificates, exportedAt, signingKey)) {
      while (entries.hasNext()) {
        export.entry(entries.next());
      }
      for (ExportedCheckpoint checkpoint : checkpoints) {
        export.checkpoint(checkpoint);
      }
    }
  }

  /**
   * Appends the next entry's canonical bytes, from entry 1 on.
   *
   * @throws IllegalArgumentException if the bytes are empty or hold a newline, which canonical JSON
   *     never does
   */
  public void entry(byte[] canonicalBytes) throws IOException {
    requireOpen();
    Objects.requireNonNull(canonicalBytes, "canonicalBytes");
    if (canonicalBytes.length == 0) {
      throw new IllegalArgumentException("Entry " + (entries + 1) + " has no bytes");
    }
    for (byte b : canonicalBytes) {
      if (b == '\n') {
        throw new IllegalArgumentException(
            "Entry " + (entries + 1) + " holds a newline; canonical JSON never does");
      }
    }
    zip.write(canonicalBytes);
    zip.write('\n');
    entries++;
  }

  /**
   * Adds a checkpoint; they are written in size order when the export is closed.
   *
   * @throws IllegalArgumentException if the note holds no checkpoint of this log, or one of the
   *     same size was added already
   */
  public void checkpoint(ExportedCheckpoint checkpoint) {
    requireOpen();
    Checkpoint body = checkpoint.unverifiedCheckpoint();
    if (!body.origin().equals(origin)) {
      throw new IllegalArgumentException(
          "The checkpoint is from " + body.origin() + ", not from " + origin);
    }
    if (body.size() > ExportLayout.MAX_TREE_SIZE) {
      throw new IllegalArgumentException("The checkpoint's size is too large: " + body.size());
    }
    if (checkpoints.putIfAbsent(body.size(), checkpoint) != null) {
      throw new IllegalArgumentException("Two checkpoints of size " + body.size());
    }
  }

  /** The entries written so far. */
  public long entryCount() {
    return entries;
  }

  /**
   * Writes the checkpoints, the key, the certificates and the signed manifest, and ends the
   * archive.
   *
   * @throws IllegalStateException if no checkpoint was added, or the newest does not cover exactly
   *     the entries written
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    zip.closeEntry();
    long newest = checkpoints.isEmpty() ? -1 : checkpoints.lastKey();
    if (newest != entries) {
      zip.close();
      throw new IllegalStateException(
          checkpoints.isEmpty()
              ? "An export ends at a signed checkpoint, and none was added"
              : "An export ends at its newest checkpoint, which covers "
                  + newest
                  + " entries, but the export holds "
                  + entries);
    }
    for (Map.Entry<Long, ExportedCheckpoint> checkpoint : checkpoints.entrySet()) {
      write(
          ExportLayout.noteName(checkpoint.getKey()),
          checkpoint.getValue().signedNote().getBytes(StandardCharsets.UTF_8));
      byte[] token = checkpoint.getValue().timestampToken();
      if (token != null) {
        write(ExportLayout.tokenName(checkpoint.getKey()), token);
      }
      String cosignatures = checkpoint.getValue().cosignatures();
      if (!cosignatures.isEmpty()) {
        write(
            ExportLayout.cosignaturesName(checkpoint.getKey()),
            cosignatures.getBytes(StandardCharsets.UTF_8));
      }
    }
    write(ExportLayout.LOG_KEY, (logKey.encoded() + "\n").getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < tsaCertificates.size(); i++) {
      write(
          ExportLayout.tsaCertificateName(i + 1),
          Pem.encode(tsaCertificates.get(i)).getBytes(StandardCharsets.UTF_8));
    }
    ExportManifest manifest =
        ExportManifest.of(origin, entries, exportedAt, checkpoints.get(newest).signedNote());
    write(ExportLayout.MANIFEST, manifest.encode());
    write(ExportLayout.MANIFEST_NOTE, manifest.sign(signingKey).getBytes(StandardCharsets.UTF_8));
    zip.close();
  }

  private void write(String name, byte[] bytes) throws IOException {
    zip.putNextEntry(member(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  private ZipEntry member(String name) {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(exportedAt.toEpochMilli());
    return entry;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The export is closed");
    }
  }

  /** Passes everything on but the close. */
  private static final class KeepOpen extends FilterOutputStream {

    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
