package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signs a checkpoint of each audit log whenever it has grown: its size, the Merkle root of that
 * many entries, the time, and the log's checkpoint before it, as a C2SP checkpoint in an Ed25519
 * signed note under the log's origin. Called every second, so that a checkpoint follows any entry
 * within about a second, and by the export, which needs one over its own entry.
 *
 * <p>Each checkpoint is proven consistent with the one the hub remembers signing in that log before
 * it is signed, in a transaction of its own ({@link CheckpointSigner}), and remembered ({@link
 * CheckpointMemory}) only after that transaction committed. One checkpoint at a time, whichever the
 * log: each chain has one head, on one node or several ({@link CheckpointSigner} locks the one
 * checkpoint lease's row to sign).
 */
@ApplicationScoped
public class Checkpointer {

  private CheckpointSigner signer;
  private AuditLogs logs;
  private final Set<AuditLogId> recalled = new HashSet<>();

  protected Checkpointer() {}

  @Inject
  public Checkpointer(CheckpointSigner signer, AuditLogs logs) {
    this.signer = signer;
    this.logs = logs;
  }

  /**
   * Reads what the hub remembers signing in each log it knows of; done once per log, before its
   * first checkpoint after a start.
   */
  public synchronized void recall() {
    everyLog().forEach(this::recall);
  }

  private void recall(AuditLogId log) {
    if (recalled.add(log)) {
      signer.recall(log);
    }
  }

  /**
   * A new checkpoint of the log if it grew since the last one and still matches what was signed.
   */
  public synchronized Optional<StoredCheckpoint> checkpoint(AuditLogId log) {
    recall(log);
    Optional<StoredCheckpoint> signed = signer.sign(log);
    signed.ifPresent(checkpoint -> logs.memory(log).remember(checkpoint.signedNote()));
    return signed;
  }

  /** A new checkpoint of each log that grew: the checkpointing round. */
  public synchronized List<StoredCheckpoint> checkpointEveryLog() {
    List<StoredCheckpoint> signed = new ArrayList<>();
    for (AuditLogId log : everyLog()) {
      checkpoint(log).ifPresent(signed::add);
    }
    return signed;
  }

  /**
   * Takes up what another node signed since in each log, once it proves consistent with what this
   * node remembers, and signs nothing: the round of a node that does not hold the checkpoint lease.
   */
  public synchronized void follow() {
    for (AuditLogId log : everyLog()) {
      recall(log);
      signer.follow(log);
    }
  }

  /** The logs with entries in the database or a checkpoint in the hub's memory. */
  public List<AuditLogId> everyLog() {
    Set<AuditLogId> all = new HashSet<>(signer.logs());
    all.addAll(logs.remembered());
    return all.stream().sorted((a, b) -> a.value().compareTo(b.value())).toList();
  }

  /** Why the hub signs no more checkpoints in some log, if it does not. */
  public Optional<String> alarm() {
    return logs.alarm();
  }

  /** The checkpoint the hub remembers signing last in the log. */
  public Optional<CheckpointMemory.Remembered> remembered(AuditLogId log) {
    return logs.memory(log).remembered();
  }
}
