package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.bindeledd.core.audit.verify.ExportVerifier.Options;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The offline verifier over an export whose archive is sound but one of whose members holds
 * anything at all: it reports, verified or with the failure it found, and never throws. So an
 * auditor always gets an answer. See docs/fuzzing.md.
 *
 * <p>The first byte of an input picks the member, by its place in the hub's export, or beyond those
 * the note of a checkpoint the export does not have; the rest is what that member holds.
 */
class ExportVerifierFuzzTest {

  private static final ExportArchives MADE = ExportArchives.made();
  private static final List<String> NAMES = MADE.names();
  private static final ExportVerifier VERIFIER =
      new ExportVerifier(MADE.fixture.anchors(), Options.defaults());

  @MethodSource("membersAsTheHubWritesThem")
  @FuzzTest(maxDuration = "5m")
  void anyMemberContentIsReportedNeverThrown(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    Map<String, byte[]> members = new LinkedHashMap<>(MADE.members);
    int pick = Byte.toUnsignedInt(input[0]);
    String name = pick < NAMES.size() ? NAMES.get(pick) : ExportLayout.noteName(pick);
    members.put(name, Arrays.copyOfRange(input, 1, input.length));
    Path file = ExportArchives.file(ExportArchives.stored(members));
    try {
      Report report = VERIFIER.verify(file);
      assertThat(report).isNotNull();
      report.failure().ifPresent(failure -> assertThat(failure.describe()).isNotBlank());
    } finally {
      Files.delete(file);
    }
  }

  /** Each member of the hub's export as it is, so each run starts from a verified export. */
  static Stream<byte[]> membersAsTheHubWritesThem() {
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      byte[] content = MADE.members.get(NAMES.get(i));
      byte[] seed = new byte[content.length + 1];
      seed[0] = (byte) i;
      System.arraycopy(content, 0, seed, 1, content.length);
      seeds.add(seed);
    }
    seeds.add(("\u00ff" + "not a note").getBytes(UTF_8));
    return seeds.stream();
  }
}
