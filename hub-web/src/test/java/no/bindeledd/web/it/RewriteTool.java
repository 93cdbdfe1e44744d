package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's {@code tools/RewriteAuditLog.java}, run as a newcomer runs it, with the JDK's source
 * launcher and H2's driver, against a stopped hub's data folder: someone with write access to the
 * database rewrites the audit log without the log key.
 */
final class RewriteTool {

  private RewriteTool() {}

  /**
   * Changes entry {@code seq} of the log {@code log} ({@code hub} or a municipality's number),
   * relinks every later one and deletes the log's stored checkpoints and cosignatures; with {@code
   * forgetMemory} it deletes the hub's memory of what it signed in that log too.
   *
   * @return what the tool printed
   */
  static String rewrite(Path dataDir, String log, long seq, boolean forgetMemory) throws Exception {
    Path h2 =
        Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path repo = Path.of(System.getProperty("hub.repo.dir"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-cp", h2.toString(), repo.resolve("tools/RewriteAuditLog.java").toString()));
    if (forgetMemory) {
      command.add("--forget-memory");
    }
    command.addAll(List.of("--log", log, dataDir.toString(), Long.toString(seq)));
    Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String told = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tool.waitFor(60, TimeUnit.SECONDS)).as("the rewrite tool finishes").isTrue();
    assertThat(tool.exitValue()).as(told).isZero();
    assertThat(told)
        .contains("Relinked entries")
        .containsPattern("Deleted [1-9][0-9]* checkpoints");
    return told;
  }
}
