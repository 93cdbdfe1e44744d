package no.bindeledd.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.crypto.OwnerOnlyFiles;

/**
 * The audit log's name, kept for the life of the log in {@value #FILE_NAME} beside its key. Every
 * checkpoint begins with it and the log key is named after it, so a log that changed its name would
 * be another log to every verifier, witness and to the hub's own memory of what it signed. The name
 * is therefore chosen once, at the first start, and kept: the hub's address may change (another
 * port, another host name) without the log becoming another one.
 */
public final class LogOrigin {

  /** The file in the keys folder. */
  public static final String FILE_NAME = "audit-origin.txt";

  private LogOrigin() {}

  /**
   * The log's name: the one kept in the keys folder; at the first start the configured one, or else
   * {@code firstStartDefault}, which is then kept.
   *
   * @param configured the name configuration gives, if any
   * @param firstStartDefault the name to take when neither the folder nor configuration has one
   * @throws IllegalStateException if configuration names the log otherwise than its folder does
   */
  public static String resolve(
      Path keysDir, Optional<String> configured, String firstStartDefault) {
    Objects.requireNonNull(firstStartDefault, "firstStartDefault");
    Path file = keysDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (configured.isPresent() && !configured.get().equals(kept)) {
          throw new IllegalStateException(
              "the audit log in "
                  + keysDir
                  + " is named "
                  + kept
                  + " since its first start, but hub.audit.origin names it "
                  + configured.get()
                  + ": a log keeps its name for life, since its checkpoints, its key and its"
                  + " witnesses name it (unset hub.audit.origin, or set it to "
                  + kept
                  + ")");
        }
        return kept;
      }
      String chosen = configured.orElse(firstStartDefault);
      OwnerOnlyFiles.createDirectories(keysDir);
      OwnerOnlyFiles.writeAtomically(file, (chosen + "\n").getBytes(StandardCharsets.UTF_8));
      return chosen;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the audit log's name in " + file, e);
    }
  }
}
