package no.bindeledd.connectors.gp.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes a GP office's system may send: the reader returns a message the hub can use, or refuses
 * with {@link UnacceptableGpMessage}, whose rejection receipt the hub can then write. Nothing else
 * may escape it, and no input may take it long. See docs/fuzzing.md.
 */
class GpMessageFormatFuzzTest {

  private static final GpMessageFormat FORMAT = new GpMessageFormat();

  @MethodSource("messagesTheHubReads")
  @DictionaryEntries({"<?xml version=\"1.1\"?>", "&#1;", "&#x85;", "<!DOCTYPE"})
  @FuzzTest(maxDuration = "5m")
  void anyBytesAreReadAsAMessageOrRefusedWithAReceipt(byte[] bytes) {
    GpMessage message;
    try {
      message = FORMAT.read(bytes);
    } catch (UnacceptableGpMessage refused) {
      assertThat(refused.errorCode()).isNotNull();
      assertThat(refused.reason()).isNotBlank();
      Optional<AppRec> receipt =
          refused.rejectionReceipt(
              GpTestData.RECEIPT_ID, GpTestData.RECEIVED, GpTestData.REFUGEE_SERVICE);
      receipt.ifPresent(FORMAT::write);
      return;
    }
    assertThat(message).isNotNull();
    assertThat(message.msgId()).isNotBlank();
    assertThat(message.messageType()).isNotBlank();
    assertThat(message.sender()).isNotNull();
    assertThat(message.receiver()).isNotNull();
    assertThat(message.generated()).isNotNull();
  }

  /**
   * The messages the hub writes, and the published samples when the build has them (they are never
   * needed: without them the fuzzer starts from the hub's own messages).
   */
  static Stream<byte[]> messagesTheHubReads() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(FORMAT.write(GpTestData.request()));
    seeds.add(FORMAT.write(GpTestData.followUpRequest()));
    seeds.add(FORMAT.write(GpTestData.answer()));
    seeds.add(FORMAT.write(GpTestData.healthDialogueQuestion()));
    seeds.add(FORMAT.write(GpTestData.okReceipt()));
    seeds.add(FORMAT.write(GpTestData.rejectingReceipt()));
    seeds.add(FORMAT.write(GpTestData.okWithErrorsReceipt()));
    seeds.addAll(publishedSamples());
    return seeds.stream();
  }

  private static List<byte[]> publishedSamples() {
    String standards = System.getProperty(KithStandards.PROPERTY);
    if (standards == null || standards.isBlank()) {
      return List.of();
    }
    Path samples = Path.of(standards).resolve("kith").resolve("samples");
    if (!Files.isDirectory(samples)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(samples)) {
      return files
          .filter(file -> file.toString().endsWith(".xml"))
          .sorted()
          .map(GpMessageFormatFuzzTest::bytes)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
