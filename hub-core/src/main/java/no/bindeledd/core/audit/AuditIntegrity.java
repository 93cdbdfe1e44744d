package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.merkle.LogTree;

/**
 * The hub's own check of its stored log, from scratch: the hash chain, then a Merkle tree rebuilt
 * from the stored entries against every stored checkpoint's signed root, and the chain of the
 * stored checkpoints, each naming the one before it. It trusts nothing held in memory, so it
 * catches an edit made to the database behind the hub's back; an auditor's offline verifier makes
 * the same checks on an export without trusting the hub at all.
 */
@ApplicationScoped
public class AuditIntegrity {

  private static final int BATCH = 2_000;

  private AuditLog log;
  private AuditTrail trail;
  private Checkpoints checkpoints;
  private LogIdentity identity;

  protected AuditIntegrity() {}

  @Inject
  public AuditIntegrity(
      AuditLog log, AuditTrail trail, Checkpoints checkpoints, LogIdentity identity) {
    this.log = log;
    this.trail = trail;
    this.checkpoints = checkpoints;
    this.identity = identity;
  }

  /** The first thing wrong with the stored log, if anything is. */
  @Transactional
  public Optional<String> check(Actor actor) {
    if (!actor.is(Role.AUDITOR) && !actor.is(Role.HUB)) {
      throw new AccessDenied("only the auditor checks the audit log");
    }
    Optional<ChainCheck.Break> chain = log.verifyChain();
    if (chain.isPresent()) {
      return Optional.of(
          "the hash chain breaks at entry " + chain.get().seq() + ": " + chain.get().problem());
    }
    LogTree tree = new LogTree();
    StoredCheckpoint before = null;
    List<StoredCheckpoint> batch;
    do {
      batch = checkpoints.after(before == null ? 0 : before.treeSize(), BATCH);
      for (StoredCheckpoint stored : batch) {
        Optional<String> problem = checkAgainst(stored, before, tree);
        if (problem.isPresent()) {
          return problem;
        }
        before = stored;
      }
    } while (batch.size() == BATCH);
    return Optional.empty();
  }

  private Optional<String> checkAgainst(
      StoredCheckpoint stored, StoredCheckpoint before, LogTree tree) {
    Checkpoint signed;
    try {
      signed = Checkpoint.verify(stored.signedNote(), identity.origin(), identity.verifierKey());
    } catch (NoteRejected | IllegalArgumentException e) {
      return Optional.of("checkpoint " + stored.treeSize() + " does not verify: " + e.getMessage());
    }
    if (signed.size() != stored.treeSize()) {
      return Optional.of(
          "checkpoint " + stored.treeSize() + " is stored under another size than it signs");
    }
    Optional<String> unchained = chainBreak(signed, before);
    if (unchained.isPresent()) {
      return unchained;
    }
    while (tree.size() < signed.size()) {
      List<AuditTrail.Leaf> leaves =
          trail.leavesAfter(tree.size(), (int) Math.min(BATCH, signed.size() - tree.size()));
      if (leaves.isEmpty() || leaves.get(0).seq() != tree.size() + 1) {
        return Optional.of(
            "entry "
                + (tree.size() + 1)
                + " is missing, though checkpoint "
                + signed.size()
                + " covers it");
      }
      for (AuditTrail.Leaf leaf : leaves) {
        if (leaf.seq() != tree.size() + 1) {
          return Optional.of("entry " + (tree.size() + 1) + " is missing");
        }
        tree.appendEntry(leaf.canonicalBytes());
      }
    }
    byte[] root = tree.root(signed.size());
    if (!java.util.Arrays.equals(root, signed.rootHash())) {
      return Optional.of(
          "the entries up to "
              + signed.size()
              + " do not give the root that checkpoint signs: "
              + HexFormat.of().formatHex(root)
              + " instead of "
              + HexFormat.of().formatHex(signed.rootHash()));
    }
    return Optional.empty();
  }

  /**
   * What is wrong with the link from a stored checkpoint to the one stored before it: each names
   * the one the hub signed before it, and only the log's first names none.
   */
  static Optional<String> chainBreak(Checkpoint signed, StoredCheckpoint before) {
    Optional<Checkpoint.Previous> named = signed.previous();
    String which = "checkpoint " + signed.size();
    if (before == null) {
      return named.map(
          previous ->
              which
                  + " names checkpoint "
                  + previous.size()
                  + " as the one before it, which is not stored: checkpoint "
                  + previous.size()
                  + " was deleted, with any before it");
    }
    if (named.isEmpty()) {
      return Optional.of(
          which
              + " names no checkpoint before it, as only the log's first may, though checkpoint "
              + before.treeSize()
              + " is stored before it: it was signed by a hub that had forgotten its history");
    }
    Checkpoint.Previous previous = named.get();
    if (previous.size() > before.treeSize()) {
      return Optional.of(
          which
              + " names checkpoint "
              + previous.size()
              + " as the one before it, which is not stored: checkpoint "
              + previous.size()
              + " was deleted");
    }
    if (previous.size() < before.treeSize()) {
      return Optional.of(
          which
              + " names checkpoint "
              + previous.size()
              + " as the one before it, but checkpoint "
              + before.treeSize()
              + " is stored in between: the stored checkpoints are not one chain");
    }
    if (!previous.equals(Checkpoint.Previous.of(before.treeSize(), before.signedNote()))) {
      return Optional.of(
          "checkpoint "
              + before.treeSize()
              + " is not the one that "
              + which
              + " names as the one before it: it was replaced");
    }
    return Optional.empty();
  }
}
