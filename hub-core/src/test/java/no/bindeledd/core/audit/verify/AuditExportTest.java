package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.bindeledd.core.audit.verify.AuditExportReader.CheckpointFiles;
import no.bindeledd.core.audit.verify.AuditExportReader.EntryLines;
import no.bindeledd.core.crypto.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's archive: what the writer writes, and what the reader refuses to read. */
class AuditExportTest {

  @TempDir static Path keys;
  @TempDir Path work;

  private static ExportFixture fixture;
  private static ExportFixture.Log log;
  private static byte[] export;

  @BeforeAll
  static void writeExport() {
    fixture = new ExportFixture(keys);
    log = fixture.log(25, 10, 20, 25);
    export = fixture.export(log);
  }

  @Test
  void theReaderGivesBackWhatTheWriterWrote() throws Exception {
    try (AuditExportReader reader = AuditExportReader.open(file(export))) {
      ExportManifest manifest =
          ExportManifest.of(ExportFixture.ORIGIN, 25, ExportFixture.START, log.notes().get(25L));
      assertThat(reader.manifest()).isEqualTo(manifest);
      assertThat(reader.manifestNote()).contains(fixture.signedManifest(manifest));
      assertThat(new String(reader.logKey(), UTF_8)).isEqualTo(fixture.logKey.encoded() + "\n");
      assertThat(reader.tsaCertificateNames()).containsExactly("tsa/tsa-1.pem");
      assertThat(new String(reader.tsaCertificate("tsa/tsa-1.pem"), UTF_8))
          .isEqualTo(Pem.encode(fixture.tsaCertificate()));
      assertThat(reader.checkpoints())
          .containsExactly(
              new CheckpointFiles(10, true, true, false),
              new CheckpointFiles(20, true, true, false),
              new CheckpointFiles(25, true, true, false));
      assertThat(new String(reader.note(20), UTF_8)).isEqualTo(log.notes().get(20L));
      assertThat(reader.token(25)).contains(log.tokens().get(25L));
      List<byte[]> lines = new ArrayList<>();
      try (EntryLines entries = reader.entries()) {
        byte[] line;
        while ((line = entries.next()) != null) {
          lines.add(line);
        }
        assertThat(entries.lines()).isEqualTo(25);
      }
      assertThat(lines).containsExactlyElementsOf(log.entries());
    }
  }

  @Test
  void theArchiveHasTheDocumentedMembersInOrder() {
    Map<String, byte[]> files = ExportFixture.unzip(export);

    assertThat(files.keySet())
        .containsExactly(
            "entries.jsonl",
            "checkpoints/000000000010.note",
            "checkpoints/000000000010.tsr",
            "checkpoints/000000000020.note",
            "checkpoints/000000000020.tsr",
            "checkpoints/000000000025.note",
            "checkpoints/000000000025.tsr",
            "log-key.vkey",
            "tsa/tsa-1.pem",
            "manifest.json",
            "manifest.note");
    assertThat(files.get("entries.jsonl")).isEqualTo(ExportFixture.jsonl(log.entries()));
    String manifest =
        "{\"entries\":25,\"exportedAt\":\""
            + ExportFixture.START
            + "\",\"finalCheckpointHash\":\""
            + java.util.Base64.getEncoder()
                .encodeToString(TestEntries.sha256(log.notes().get(25L).getBytes(UTF_8)))
            + "\",\"finalCheckpointSize\":25,\"format\":\"bindeledd-audit-export/2\",\"origin\":\""
            + ExportFixture.ORIGIN
            + "\"}";
    assertThat(new String(files.get("manifest.json"), UTF_8)).isEqualTo(manifest);
    // The log key signs the manifest's bytes and a newline, under the log's name.
    assertThat(
            no.bindeledd.core.audit.checkpoint.SignedNote.verify(
                files.get("manifest.note"), fixture.logKey))
        .isEqualTo(manifest + "\n");
  }

  @Test
  void anUntimestampedCheckpointHasNoTokenFile() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AuditExportWriter writer =
        AuditExportWriter.open(
            out,
            ExportFixture.ORIGIN,
            fixture.logKey,
            List.of(),
            ExportFixture.START,
            fixture.logKeys.getPrivate())) {
      log.entries().forEach(e -> write(writer, e));
      writer.checkpoint(ExportedCheckpoint.untimestamped(log.notes().get(25L)));
    }

    assertThat(ExportFixture.unzip(out.toByteArray()).keySet())
        .containsExactly(
            "entries.jsonl",
            "checkpoints/000000000025.note",
            "log-key.vkey",
            "manifest.json",
            "manifest.note");
  }

  @Test
  void theWriterLeavesTheCallersStreamOpen() throws Exception {
    ClosingWatch out = new ClosingWatch();
    AuditExportWriter.write(
        out,
        ExportFixture.ORIGIN,
        fixture.logKey,
        List.of(fixture.tsaCertificate()),
        ExportFixture.START,
        fixture.logKeys.getPrivate(),
        log.entries().iterator(),
        List.of(new ExportedCheckpoint(log.notes().get(25L), log.tokens().get(25L))));

    assertThat(out.closed).isFalse();
    assertThat(ExportFixture.unzip(out.toByteArray())).containsKey("checkpoints/000000000025.tsr");
  }

  @Test
  void theWriterRefusesWhatWouldMakeAMalformedExport() throws Exception {
    AuditExportWriter writer =
        AuditExportWriter.open(
            new ByteArrayOutputStream(),
            ExportFixture.ORIGIN,
            fixture.logKey,
            List.of(),
            ExportFixture.START,
            fixture.logKeys.getPrivate());

    assertThatThrownBy(() -> writer.entry("{\"a\":\"b\"}\n".getBytes(UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newline");
    assertThatThrownBy(() -> writer.entry(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    writer.checkpoint(ExportedCheckpoint.untimestamped(log.notes().get(10L)));
    assertThatThrownBy(
            () -> writer.checkpoint(ExportedCheckpoint.untimestamped(log.notes().get(10L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Two checkpoints");
    String otherLog =
        no.bindeledd.core.audit.checkpoint.Checkpoint.at(
                "other.example/log", 1, new byte[32], ExportFixture.START)
            .sign("other.example/log", fixture.logKeys.getPrivate());
    assertThatThrownBy(() -> writer.checkpoint(ExportedCheckpoint.untimestamped(otherLog)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other.example/log");
    // Ten entries are promised by the checkpoint, none were written.
    assertThatThrownBy(writer::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("covers 10 entries");
  }

  @Test
  void theWriterEndsAnExportOnlyAtACheckpointCoveringEveryEntry() throws Exception {
    AuditExportWriter withoutCheckpoint = open(fixture.logKeys.getPrivate());
    log.entries().forEach(e -> write(withoutCheckpoint, e));
    AuditExportWriter beyondTheCheckpoint = open(fixture.logKeys.getPrivate());
    log.entries().forEach(e -> write(beyondTheCheckpoint, e));
    beyondTheCheckpoint.checkpoint(ExportedCheckpoint.untimestamped(log.notes().get(20L)));

    assertThatThrownBy(withoutCheckpoint::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("none was added");
    assertThatThrownBy(beyondTheCheckpoint::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("covers 20 entries, but the export holds 25");
    assertThatThrownBy(
            () -> open(no.bindeledd.core.audit.checkpoint.Ed25519Keys.generate().getPrivate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the log key");
  }

  private static AuditExportWriter open(java.security.PrivateKey signingKey) throws IOException {
    return AuditExportWriter.open(
        new ByteArrayOutputStream(),
        ExportFixture.ORIGIN,
        fixture.logKey,
        List.of(),
        ExportFixture.START,
        signingKey);
  }

  @Test
  void bytesBeforeOrAfterTheArchiveAreRefused() {
    byte[] before = concat("x".getBytes(UTF_8), export);
    byte[] localHeaderBefore = concat(Arrays.copyOf(export, 30), export);
    byte[] after = concat(export, "\n".getBytes(UTF_8));
    byte[] comment = withComment(export, "made by hand");

    assertRefused(before, "bytes before the archive");
    assertRefused(localHeaderBefore, "central directory is not where");
    assertRefused(after, "bytes after the archive");
    assertRefused(comment, "or a comment");
    assertRefused(
        "not a zip at all, but long enough to be read as one".getBytes(UTF_8), "not a ZIP");
  }

  @Test
  void unknownAndUnsafeNamesAreRefused() {
    for (String name :
        List.of(
            "notes.txt",
            "../entries.jsonl",
            "/etc/passwd",
            "checkpoints/../manifest.json",
            "checkpoints\\000000000010.note",
            "C:/export/entries.jsonl",
            "./entries.jsonl",
            "checkpoints/10.note",
            "checkpoints/000000000010.NOTE",
            "tsa/sub/tsa.pem",
            "other/")) {
      Map<String, byte[]> files = new LinkedHashMap<>(ExportFixture.unzip(export));
      files.put(name, new byte[0]);

      assertThatThrownBy(() -> AuditExportReader.open(file(ExportFixture.zip(files))).close())
          .as(name)
          .isInstanceOfSatisfying(ExportRejected.class, e -> assertThat(e.member()).isNull())
          .hasMessageContaining(name.length() > 20 ? name.substring(0, 20) : name);
    }
  }

  @Test
  void emptyFolderEntriesAreAllowed() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("checkpoints/", new byte[0]);
    files.put("tsa/", new byte[0]);
    files.putAll(ExportFixture.unzip(export));

    try (AuditExportReader reader = AuditExportReader.open(file(ExportFixture.zip(files)))) {
      assertThat(reader.checkpoints()).hasSize(3);
    }
  }

  @Test
  void aNameTwiceIsRefused() {
    for (String name : List.of("entries.jsonl", "manifest.json", "checkpoints/000000000010.note")) {
      Map<String, byte[]> files = new LinkedHashMap<>(ExportFixture.unzip(export));
      String twin = name.substring(0, name.length() - 1) + "#";
      files.put(twin, files.get(name));
      byte[] zip = ExportFixture.zip(files);
      // The same length, so the archive stays well-formed with the name twice.
      byte[] renamed =
          new String(zip, java.nio.charset.StandardCharsets.ISO_8859_1)
              .replace(twin, name)
              .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

      assertThatThrownBy(() -> AuditExportReader.open(file(renamed)).close())
          .isInstanceOf(ExportRejected.class)
          .hasMessageContaining("two members named '" + name + "'");
    }
  }

  @Test
  void requiredMembersMustBeThere() {
    for (String name : List.of("entries.jsonl", "manifest.json", "log-key.vkey")) {
      Map<String, byte[]> files = new LinkedHashMap<>(ExportFixture.unzip(export));
      files.remove(name);

      assertThatThrownBy(() -> AuditExportReader.open(file(ExportFixture.zip(files))).close())
          .isInstanceOfSatisfying(ExportRejected.class, e -> assertThat(e.member()).isEqualTo(name))
          .hasMessageContaining("has no " + name);
    }
  }

  @Test
  void aZipBombStopsAtTheLimit() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(ExportFixture.unzip(export));
    // 16 MiB of empty lines deflate to some 16 KiB.
    files.put("entries.jsonl", "\n".repeat(16 << 20).getBytes(UTF_8));
    Path bomb = file(ExportFixture.zip(files));
    assertThat(bomb.toFile().length()).isLessThan(100_000);

    try (AuditExportReader reader =
            AuditExportReader.open(bomb, ExportLimits.DEFAULT.withMaxTotalBytes(1 << 20));
        EntryLines lines = reader.entries()) {
      assertThatThrownBy(
              () -> {
                while (lines.next() != null) {
                  // read on
                }
              })
          .isInstanceOf(ExportRejected.class)
          .hasMessageContaining("more than the limit of 1048576 bytes");
      assertThat(reader.bytesRead()).isLessThanOrEqualTo((1 << 20) + (1 << 16));
    }
  }

  @Test
  void aLongLineStopsAtTheLimitWithItsNumber() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(ExportFixture.unzip(export));
    files.put(
        "entries.jsonl",
        concat(
            ExportFixture.jsonl(log.entries().subList(0, 2)),
            ("{\"reason\":\"" + "x".repeat(5000) + "\"}\n").getBytes(UTF_8)));

    try (AuditExportReader reader =
            AuditExportReader.open(
                file(ExportFixture.zip(files)), new ExportLimits(1 << 30, 4096, 4096, 100));
        EntryLines lines = reader.entries()) {
      assertThat(lines.next()).isEqualTo(log.entries().get(0));
      assertThat(lines.next()).isEqualTo(log.entries().get(1));
      assertThatThrownBy(lines::next)
          .isInstanceOfSatisfying(ExportRejected.class, e -> assertThat(e.line()).isEqualTo(3))
          .hasMessageContaining("longer than the limit of 4096 bytes");
    }
  }

  @Test
  void aLastLineWithoutItsNewlineIsRefused() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(ExportFixture.unzip(export));
    byte[] jsonl = files.get("entries.jsonl");
    files.put("entries.jsonl", Arrays.copyOf(jsonl, jsonl.length - 1));

    try (AuditExportReader reader = AuditExportReader.open(file(ExportFixture.zip(files)));
        EntryLines lines = reader.entries()) {
      for (int i = 0; i < 24; i++) {
        assertThat(lines.next()).isNotNull();
      }
      assertThatThrownBy(lines::next)
          .isInstanceOfSatisfying(ExportRejected.class, e -> assertThat(e.line()).isEqualTo(25))
          .hasMessageContaining("does not end in a newline");
    }
  }

  @Test
  void largeMembersAndTooManyMembersAreRefusedUnread() {
    Map<String, byte[]> files = new LinkedHashMap<>(ExportFixture.unzip(export));
    files.put("tsa/big.pem", new byte[5000]);

    assertThatThrownBy(
            () ->
                AuditExportReader.open(
                        file(ExportFixture.zip(files)), new ExportLimits(1 << 30, 4096, 4096, 100))
                    .close())
        .isInstanceOfSatisfying(
            ExportRejected.class, e -> assertThat(e.member()).isEqualTo("tsa/big.pem"))
        .hasMessageContaining("larger than the limit of 4096 bytes");
    assertThatThrownBy(
            () ->
                AuditExportReader.open(file(export), new ExportLimits(1 << 30, 4096, 4096, 5))
                    .close())
        .isInstanceOf(ExportRejected.class)
        .hasMessageContaining("the limit is 5");
  }

  private Path file(byte[] bytes) {
    return ExportFixture.write(work.resolve("export-" + System.nanoTime() + ".zip"), bytes);
  }

  private void assertRefused(byte[] zip, String words) {
    assertThatThrownBy(() -> AuditExportReader.open(file(zip)).close())
        .isInstanceOfSatisfying(ExportRejected.class, e -> assertThat(e.member()).isNull())
        .hasMessageContaining(words);
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /** The archive with a comment after its end record, as some tools add. */
  private static byte[] withComment(byte[] zip, String comment) {
    byte[] text = comment.getBytes(UTF_8);
    byte[] result = concat(zip, text);
    result[zip.length - 2] = (byte) text.length;
    result[zip.length - 1] = 0;
    return result;
  }

  private static void write(AuditExportWriter writer, byte[] entry) {
    try {
      writer.entry(entry);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final class ClosingWatch extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
