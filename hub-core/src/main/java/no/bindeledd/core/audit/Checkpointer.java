package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Signs a checkpoint of the audit log whenever it has grown: its size, the Merkle root of that many
 * entries, the time, and the checkpoint before it, as a C2SP checkpoint in an Ed25519 signed note.
 * Called every second, so that a checkpoint follows any entry within about a second, and by the
 * export, which needs one over its own entry.
 *
 * <p>Each checkpoint is proven consistent with the one the hub remembers signing before it is
 * signed, in a transaction of its own ({@link CheckpointSigner}), and remembered ({@link
 * CheckpointMemory}) only after that transaction committed. One checkpoint at a time: the chain has
 * one head, on one node or several ({@link CheckpointSigner} locks the lease's row to sign).
 */
@ApplicationScoped
public class Checkpointer {

  private CheckpointSigner signer;
  private CheckpointMemory memory;
  private boolean recalled;

  protected Checkpointer() {}

  @Inject
  public Checkpointer(CheckpointSigner signer, CheckpointMemory memory) {
    this.signer = signer;
    this.memory = memory;
  }

  /** Reads what the hub remembers signing; done once, before the first checkpoint after a start. */
  public synchronized void recall() {
    if (!recalled) {
      signer.recall();
      recalled = true;
    }
  }

  /** A new checkpoint if the log grew since the last one and still matches what was signed. */
  public synchronized Optional<StoredCheckpoint> checkpoint() {
    recall();
    Optional<StoredCheckpoint> signed = signer.sign();
    signed.ifPresent(checkpoint -> memory.remember(checkpoint.signedNote()));
    return signed;
  }

  /**
   * Takes up what another node signed since, once it proves consistent with what this node
   * remembers, and signs nothing: the round of a node that does not hold the checkpoint lease.
   */
  public synchronized void follow() {
    recall();
    signer.follow();
  }

  /** Why the hub signs no more checkpoints, if it does not. */
  public Optional<String> alarm() {
    return memory.alarm();
  }

  /** The checkpoint the hub remembers signing last. */
  public Optional<CheckpointMemory.Remembered> remembered() {
    return memory.remembered();
  }
}
