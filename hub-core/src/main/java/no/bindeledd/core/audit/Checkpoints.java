package no.bindeledd.core.audit;

import java.util.List;
import java.util.Optional;

/** The stored checkpoints of the audit logs, by log and tree size. */
public interface Checkpoints {

  void add(StoredCheckpoint checkpoint);

  Optional<StoredCheckpoint> latest(AuditLogId log);

  Optional<StoredCheckpoint> atSize(AuditLogId log, long treeSize);

  /** Checkpoints of any log still waiting for their timestamp, oldest first. */
  List<StoredCheckpoint> untimestamped(int max);

  /** The log's checkpoints with a size above {@code afterSize}, smallest first. */
  List<StoredCheckpoint> after(AuditLogId log, long afterSize, int max);
}
