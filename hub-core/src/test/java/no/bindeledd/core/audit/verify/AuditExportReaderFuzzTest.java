package no.bindeledd.core.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any file offered as an audit export: the reader reads what it holds, or refuses it with {@link
 * ExportRejected} naming the member at fault. Nothing else may escape, the JDK's ZIP exceptions
 * included, and no archive may take it long or unpack beyond its limits. See docs/fuzzing.md.
 */
class AuditExportReaderFuzzTest {

  /** Small limits, so that an archive that would unpack beyond them is refused quickly. */
  private static final ExportLimits LIMITS = new ExportLimits(1 << 20, 16 * 1024, 64 * 1024, 64);

  @MethodSource("exports")
  @FuzzTest(maxDuration = "5m")
  void anyArchiveIsReadOrRejected(byte[] bytes) throws IOException {
    Path file = ExportArchives.file(bytes);
    try (AuditExportReader reader = AuditExportReader.open(file, LIMITS)) {
      readEverything(reader);
    } catch (ExportRejected rejected) {
      assertThat(rejected.getMessage()).isNotBlank();
    } finally {
      Files.delete(file);
    }
  }

  private static void readEverything(AuditExportReader reader) throws IOException {
    assertThat(reader.manifest()).isNotNull();
    reader.manifestNote();
    assertThat(reader.logKey()).isNotNull();
    for (String name : reader.tsaCertificateNames()) {
      assertThat(reader.tsaCertificate(name)).isNotNull();
    }
    for (AuditExportReader.CheckpointFiles checkpoint : reader.checkpoints()) {
      if (checkpoint.hasNote()) {
        reader.note(checkpoint.treeSize());
      }
      reader.token(checkpoint.treeSize());
      reader.cosignatures(checkpoint.treeSize());
    }
    try (AuditExportReader.EntryLines lines = reader.entries()) {
      while (lines.next() != null) {
        assertThat(lines.lines()).isPositive();
      }
    }
    assertThat(reader.bytesRead()).isLessThanOrEqualTo(LIMITS.maxTotalBytes());
  }

  /** The export as the hub writes it, and its members stored uncompressed. */
  static Stream<byte[]> exports() {
    ExportArchives made = ExportArchives.made();
    return Stream.of(made.export, ExportArchives.stored(made.members));
  }
}
