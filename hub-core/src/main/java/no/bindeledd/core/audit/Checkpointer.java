package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import no.bindeledd.core.audit.checkpoint.Checkpoint;

/**
 * Signs a checkpoint of the audit log whenever it has grown: its size, the Merkle root of that many
 * entries, the time, and the checkpoint before it, as a C2SP checkpoint in an Ed25519 signed note.
 * Called every second, so that a checkpoint follows any entry within about a second.
 */
@ApplicationScoped
public class Checkpointer {

  private AuditTree tree;
  private Checkpoints checkpoints;
  private LogIdentity log;
  private Clock clock;

  protected Checkpointer() {}

  @Inject
  public Checkpointer(AuditTree tree, Checkpoints checkpoints, LogIdentity log, Clock clock) {
    this.tree = tree;
    this.checkpoints = checkpoints;
    this.log = log;
    this.clock = clock;
  }

  /** A new checkpoint if the log grew since the last one. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<StoredCheckpoint> checkpoint() {
    long size = tree.catchUp();
    if (size == 0 || checkpoints.latest().map(latest -> latest.treeSize() >= size).orElse(false)) {
      return Optional.empty();
    }
    byte[] root = tree.tree().root(size);
    Instant now = clock.instant();
    Checkpoint body =
        checkpoints
            .latest()
            .map(
                previous ->
                    Checkpoint.at(
                        log.origin(),
                        size,
                        root,
                        now,
                        Checkpoint.Previous.of(previous.treeSize(), previous.signedNote())))
            .orElseGet(() -> Checkpoint.at(log.origin(), size, root, now));
    String note = body.sign(log.origin(), log.signingKey());
    StoredCheckpoint stored = new StoredCheckpoint(size, HexFormat.of().formatHex(root), now, note);
    checkpoints.add(stored);
    return Optional.of(stored);
  }
}
