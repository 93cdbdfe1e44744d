package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.merkle.MerkleHash;

/**
 * What lets an auditor check the log without trusting the hub: its signed checkpoints, an inclusion
 * proof for any entry against a checkpoint, and a consistency proof between two checkpoints. Only
 * the auditor asks, and each proof that hands out an entry is logged.
 */
@ApplicationScoped
public class AuditProofs {

  private AuditTree tree;
  private AuditTrail trail;
  private Checkpoints checkpoints;
  private AuditLog log;

  protected AuditProofs() {}

  @Inject
  public AuditProofs(AuditTree tree, AuditTrail trail, Checkpoints checkpoints, AuditLog log) {
    this.tree = tree;
    this.trail = trail;
    this.checkpoints = checkpoints;
    this.log = log;
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
    requireAuditor(actor);
    return checkpoints.latest().orElseThrow(() -> new NotFound("checkpoint", "latest"));
  }

  @Transactional
  public StoredCheckpoint atSize(Actor actor, long treeSize) {
    requireAuditor(actor);
    return checkpoints.atSize(treeSize).orElseThrow(() -> new NotFound("checkpoint", treeSize));
  }

  /**
   * The inclusion proof for entry {@code seq} against the checkpoint of {@code treeSize}, or the
   * latest checkpoint if {@code treeSize} is null.
   */
  @Transactional
  public Inclusion inclusion(Actor actor, long seq, Long treeSize) {
    requireAuditor(actor);
    if (seq < 1) {
      throw new InvalidInput("entries are numbered from 1");
    }
    StoredCheckpoint checkpoint =
        treeSize == null
            ? checkpoints.latest().orElseThrow(() -> new NotFound("checkpoint", "latest"))
            : checkpoints.atSize(treeSize).orElseThrow(() -> new NotFound("checkpoint", treeSize));
    if (seq < 1 || seq > checkpoint.treeSize()) {
      throw new InvalidInput(
          "entry " + seq + " is not in the tree of checkpoint " + checkpoint.treeSize());
    }
    tree.catchUp();
    byte[] bytes = trail.leavesAfter(seq - 1, 1).get(0).canonicalBytes();
    List<byte[]> path = tree.tree().inclusionProof(seq - 1, checkpoint.treeSize());
    log.append(
        AuditEvent.of(actor, AuditAction.AUDIT_SEARCHED, AuditOutcome.SUCCESS)
            .reason("inclusion proof for entry " + seq + " in tree " + checkpoint.treeSize()));
    return new Inclusion(seq, checkpoint, bytes, MerkleHash.leaf(bytes), path);
  }

  @Transactional
  public Consistency consistency(Actor actor, long firstSize, long secondSize) {
    requireAuditor(actor);
    if (firstSize < 1 || firstSize > secondSize) {
      throw new InvalidInput("a consistency proof goes from a smaller checkpoint to a larger one");
    }
    StoredCheckpoint first =
        checkpoints.atSize(firstSize).orElseThrow(() -> new NotFound("checkpoint", firstSize));
    StoredCheckpoint second =
        checkpoints.atSize(secondSize).orElseThrow(() -> new NotFound("checkpoint", secondSize));
    tree.catchUp();
    return new Consistency(first, second, tree.tree().consistencyProof(firstSize, secondSize));
  }

  private static void requireAuditor(Actor actor) {
    if (!actor.is(Role.AUDITOR)) {
      throw new AccessDenied("only the auditor reads the audit log");
    }
  }
}
