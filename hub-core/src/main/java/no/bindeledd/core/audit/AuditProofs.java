package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.merkle.MerkleHash;

/**
 * What lets an auditor check her log without trusting the hub: its signed checkpoints, an inclusion
 * proof for any entry against a checkpoint, and a consistency proof between two checkpoints. Only
 * the auditor asks, and each proof that hands out an entry is logged.
 */
@ApplicationScoped
public class AuditProofs {

  private AuditTree tree;
  private AuditTrail trail;
  private Checkpoints checkpoints;
  private AuditLog log;
  private AuditRouting routing;

  protected AuditProofs() {}

  @Inject
  public AuditProofs(
      AuditTree tree,
      AuditTrail trail,
      Checkpoints checkpoints,
      AuditLog log,
      AuditRouting routing) {
    this.tree = tree;
    this.trail = trail;
    this.checkpoints = checkpoints;
    this.log = log;
    this.routing = routing;
  }

  /** Entry {@code seq}, its leaf hash, and its audit path to the root of the checkpoint. */
  public record Inclusion(
      long seq,
      StoredCheckpoint checkpoint,
      byte[] canonicalBytes,
      byte[] leafHash,
      List<byte[]> path) {}

  /** How the tree at one checkpoint is the start of the tree at a later one. */
  public record Consistency(StoredCheckpoint first, StoredCheckpoint second, List<byte[]> path) {}

  @Transactional
  public StoredCheckpoint latest(Actor actor) {
    AuditLogId own = AuditorsLog.of(routing, actor);
    return checkpoints.latest(own).orElseThrow(() -> new NotFound("checkpoint", "latest"));
  }

  @Transactional
  public StoredCheckpoint atSize(Actor actor, long treeSize) {
    AuditLogId own = AuditorsLog.of(routing, actor);
    return checkpoints
        .atSize(own, treeSize)
        .orElseThrow(() -> new NotFound("checkpoint", treeSize));
  }

  /**
   * The inclusion proof for entry {@code seq} against the checkpoint of {@code treeSize}, or the
   * latest checkpoint if {@code treeSize} is null.
   */
  @Transactional
  public Inclusion inclusion(Actor actor, long seq, Long treeSize) {
    AuditLogId own = AuditorsLog.of(routing, actor);
    if (seq < 1) {
      throw new InvalidInput("entries are numbered from 1");
    }
    StoredCheckpoint checkpoint =
        treeSize == null
            ? checkpoints.latest(own).orElseThrow(() -> new NotFound("checkpoint", "latest"))
            : checkpoints
                .atSize(own, treeSize)
                .orElseThrow(() -> new NotFound("checkpoint", treeSize));
    if (seq < 1 || seq > checkpoint.treeSize()) {
      throw new InvalidInput(
          "entry " + seq + " is not in the tree of checkpoint " + checkpoint.treeSize());
    }
    tree.catchUp(own);
    byte[] bytes = trail.leavesAfter(own, seq - 1, 1).get(0).canonicalBytes();
    List<byte[]> path = tree.tree(own).inclusionProof(seq - 1, checkpoint.treeSize());
    log.appendTo(
        own,
        AuditEvent.of(actor, AuditAction.AUDIT_SEARCHED, AuditOutcome.SUCCESS)
            .reason("inclusion proof for entry " + seq + " in tree " + checkpoint.treeSize()));
    return new Inclusion(seq, checkpoint, bytes, MerkleHash.leaf(bytes), path);
  }

  @Transactional
  public Consistency consistency(Actor actor, long firstSize, long secondSize) {
    AuditLogId own = AuditorsLog.of(routing, actor);
    if (firstSize < 1 || firstSize > secondSize) {
      throw new InvalidInput("a consistency proof goes from a smaller checkpoint to a larger one");
    }
    StoredCheckpoint first =
        checkpoints.atSize(own, firstSize).orElseThrow(() -> new NotFound("checkpoint", firstSize));
    StoredCheckpoint second =
        checkpoints
            .atSize(own, secondSize)
            .orElseThrow(() -> new NotFound("checkpoint", secondSize));
    tree.catchUp(own);
    return new Consistency(first, second, tree.tree(own).consistencyProof(firstSize, secondSize));
  }
}
