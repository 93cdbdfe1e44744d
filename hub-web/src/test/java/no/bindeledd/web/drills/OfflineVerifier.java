package no.bindeledd.web.drills;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.bindeledd.web.it.HubClient;

/**
 * The auditor's offline check, as the README runs it: the verifier jar ({@code bindeledd-verify})
 * on an export, with the log's key, the TSA's certificates and a checkpoint she saved before.
 */
public final class OfflineVerifier {

  /** What the verifier said and how it ended. */
  public record Verdict(int exitCode, String output) {
    public boolean verified() {
      return exitCode == 0 && output.contains("VERIFIED");
    }
  }

  private OfflineVerifier() {}

  /**
   * Exports Fjordvik's log as its auditor and verifies it in a JVM of its own, trusting {@code
   * savedCheckpoint} (a signed note) as one she kept; the files go to {@code folder}.
   */
  public static Verdict verifyExport(
      HubClient anonymous, HubClient auditor, String log, String savedCheckpoint, Path folder)
      throws IOException, InterruptedException {
    Files.createDirectories(folder);
    Path key =
        Files.writeString(
            folder.resolve("log-key.vkey"), anonymous.get("/api/audit/log-key?log=" + log).body());
    Path tsa =
        Files.writeString(
            folder.resolve("tsa.pem"), anonymous.get("/api/audit/tsa-certificates").body());
    Path saved = Files.writeString(folder.resolve("saved-checkpoint.note"), savedCheckpoint);
    HubClient.Reply export = auditor.get("/api/audit/export");
    if (export.status() != 200) {
      return new Verdict(-1, "no export: " + export);
    }
    Path file = Files.write(folder.resolve("audit-export.zip"), export.bytes());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-jar",
            jar().toString(),
            "--key",
            key.toString(),
            "--tsa-cert",
            tsa.toString(),
            "--trusted-checkpoint",
            saved.toString(),
            // The TSA answers within the second; an export made at once may hold a checkpoint
            // whose timestamp is still on its way.
            "--allow-pending-timestamp",
            file.toString()));
    Process verify = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!verify.waitFor(120, TimeUnit.SECONDS)) {
      verify.destroyForcibly();
      return new Verdict(-1, "the verifier did not finish: " + output);
    }
    return new Verdict(verify.exitValue(), output);
  }

  private static Path jar() throws IOException {
    try (var jars =
        Files.newDirectoryStream(
            Path.of(System.getProperty("hub.repo.dir"), "hub-core", "target"),
            "hub-core-*-verifier.jar")) {
      return jars.iterator().next();
    }
  }
}
