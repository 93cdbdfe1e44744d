package no.bindeledd.core.crypto;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code openssl} command, so that interoperability is checked against the tool
 * agencies and auditors use rather than against another Java library.
 */
final class OpenSsl {

  private static final long TIMEOUT_SECONDS = 30;

  record Result(int exitCode, String output) {}

  private final Path executable;

  private OpenSsl(Path executable) {
    this.executable = executable;
  }

  /** Fails, never skips: a build without OpenSSL would claim interoperability it never checked. */
  static OpenSsl onPath() {
    return find()
        .map(OpenSsl::new)
        .orElseGet(
            () ->
                fail(
                    "The OpenSSL interoperability tests need the openssl command on the PATH"
                        + " (OpenSSL 1.1.1 or later, e.g. the 'openssl' package); it was not"
                        + " found in PATH="
                        + System.getenv("PATH")));
  }

  Result run(Path workDir, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile(workDir, "openssl-", ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("openssl did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  /** Runs openssl and fails the test, showing its output, unless it succeeds. */
  String succeed(Path workDir, String... arguments) throws IOException, InterruptedException {
    Result result = run(workDir, arguments);
    if (result.exitCode() != 0) {
      fail(
          "openssl "
              + String.join(" ", arguments)
              + " exited with "
              + result.exitCode()
              + ":\n"
              + result.output());
    }
    return result.output();
  }

  private static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      for (String name : List.of("openssl", "openssl.exe")) {
        Path candidate = Path.of(directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
