package no.bindeledd.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.bindeledd.core.audit.checkpoint.VerifierKey;

/**
 * The identity and the memory of each of the hub's audit logs. One signing key signs every log;
 * each log has its own origin ({@link AuditLogId#originUnder}), so its verifier key carries that
 * origin as its name, and a checkpoint of one log never verifies as another's. Each log remembers
 * its latest checkpoint in a file of its own beside the key: the hub's log in {@value
 * CheckpointMemory#FILE_NAME} as it always did, a municipality's in {@code
 * latest-checkpoint-<number>.note}.
 */
public final class AuditLogs {

  private static final Pattern MUNICIPAL_MEMORY =
      Pattern.compile("latest-checkpoint-(\\d{4})\\.note");

  private final LogIdentity hubLog;
  private final Path keysDir;
  private final Map<AuditLogId, CheckpointMemory> memories = new ConcurrentHashMap<>();

  /**
   * @param hubLog the hub's own log: its origin, and the key that signs every log
   * @param keysDir where the logs' memories are kept
   */
  public AuditLogs(LogIdentity hubLog, Path keysDir) {
    this.hubLog = Objects.requireNonNull(hubLog, "hubLog");
    this.keysDir = Objects.requireNonNull(keysDir, "keysDir");
  }

  /** The log's origin, signing key and verifier key. */
  public LogIdentity identity(AuditLogId log) {
    if (log.isHub()) {
      return hubLog;
    }
    String origin = log.originUnder(hubLog.origin());
    return new LogIdentity(
        origin, hubLog.signingKey(), VerifierKey.of(origin, hubLog.verifierKey().publicKey()));
  }

  /** What the hub remembers signing last in this log. */
  public CheckpointMemory memory(AuditLogId log) {
    return memories.computeIfAbsent(
        log, id -> new CheckpointMemory(keysDir.resolve(memoryFileName(id)), identity(id)));
  }

  /**
   * The logs the hub remembers a checkpoint of, from the files in the keys folder: a log whose rows
   * were all deleted from the database is still checked against what the hub signed.
   */
  public List<AuditLogId> remembered() {
    TreeSet<String> found = new TreeSet<>();
    if (Files.exists(keysDir.resolve(CheckpointMemory.FILE_NAME))) {
      found.add(AuditLogId.HUB_VALUE);
    }
    if (Files.isDirectory(keysDir)) {
      try (Stream<Path> files = Files.list(keysDir)) {
        files.forEach(
            file -> {
              Matcher name = MUNICIPAL_MEMORY.matcher(file.getFileName().toString());
              if (name.matches()) {
                found.add(name.group(1));
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the audit logs' memories in " + keysDir, e);
      }
    }
    return found.stream().map(AuditLogId::new).toList();
  }

  /** Why the hub signs no more checkpoints in some log, naming each such log; empty if none. */
  public Optional<String> alarm() {
    List<String> alarms = new ArrayList<>();
    new TreeSet<>(memories.keySet().stream().map(AuditLogId::value).toList())
        .forEach(
            id ->
                memories
                    .get(new AuditLogId(id))
                    .alarm()
                    .ifPresent(why -> alarms.add("log " + id + ": " + why)));
    return alarms.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", alarms));
  }

  /** The memory file's name in the keys folder. */
  public static String memoryFileName(AuditLogId log) {
    return log.isHub() ? CheckpointMemory.FILE_NAME : "latest-checkpoint-" + log.value() + ".note";
  }
}
