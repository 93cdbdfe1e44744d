package no.bindeledd.core.audit;

import java.util.List;
import java.util.Optional;

/** The stored checkpoints of the audit log, by tree size. */
public interface Checkpoints {

  void add(StoredCheckpoint checkpoint);

  Optional<StoredCheckpoint> latest();

  Optional<StoredCheckpoint> atSize(long treeSize);

  /** Checkpoints still waiting for their timestamp, oldest first. */
  List<StoredCheckpoint> untimestamped(int max);

  /** Checkpoints with a size above {@code afterSize}, smallest first. */
  List<StoredCheckpoint> after(long afterSize, int max);
}
