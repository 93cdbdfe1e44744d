package no.bindeledd.core.audit.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The real export the fuzz tests of the export start from: a log of twelve entries with three
 * signed, timestamped checkpoints, made once per JVM with real keys.
 */
final class ExportArchives {

  private static ExportArchives made;

  final ExportFixture fixture;
  final byte[] export;
  final Map<String, byte[]> members;

  private ExportArchives(ExportFixture fixture) {
    this.fixture = fixture;
    this.export = fixture.export(fixture.log(12, 4, 8, 12));
    this.members = ExportFixture.unzip(export);
  }

  static synchronized ExportArchives made() {
    if (made == null) {
      try {
        made = new ExportArchives(new ExportFixture(Files.createTempDirectory("fuzz-keys")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return made;
  }

  /** The member names, in the archive's order. */
  List<String> names() {
    return new ArrayList<>(members.keySet());
  }

  /**
   * The members stored uncompressed, so that a mutation of the archive's bytes changes what a
   * member holds rather than breaking its compressed stream.
   */
  static byte[] stored(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        ZipEntry entry = new ZipEntry(file.getKey());
        CRC32 crc = new CRC32();
        crc.update(file.getValue());
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(file.getValue().length);
        entry.setCompressedSize(file.getValue().length);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(file.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A file in the temporary folder holding the bytes, for the reader, which reads files. */
  static Path file(byte[] bytes) {
    try {
      Path file = Files.createTempFile("fuzz-export", ".zip");
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
