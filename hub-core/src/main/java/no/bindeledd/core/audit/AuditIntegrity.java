package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.merkle.LogTree;

/**
 * The hub's own check of its stored log, from scratch: the hash chain, then a Merkle tree rebuilt
 * from the stored entries against the checkpoint the hub remembers signing ({@link
 * CheckpointMemory}, kept outside the database), against every stored checkpoint's signed root, and
 * the chain of the stored checkpoints, each naming the one before it. It trusts no tree held in
 * memory, so it catches an edit made to the database behind the hub's back, even one relinked with
 * the stored checkpoints deleted; an auditor's offline verifier makes the same checks on an export
 * without trusting the hub at all.
 */
@ApplicationScoped
public class AuditIntegrity {

  private static final int BATCH = 2_000;

  private AuditLog log;
  private AuditTrail trail;
  private Checkpoints checkpoints;
  private AuditLogs logs;
  private AuditRouting routing;

  protected AuditIntegrity() {}

  @Inject
  public AuditIntegrity(
      AuditLog log,
      AuditTrail trail,
      Checkpoints checkpoints,
      AuditLogs logs,
      AuditRouting routing) {
    this.log = log;
    this.trail = trail;
    this.checkpoints = checkpoints;
    this.logs = logs;
    this.routing = routing;
  }

  /**
   * The first thing wrong with the stored log, if anything is: the auditor's own log for an
   * auditor, and every log (those with entries and those the hub remembers signing) for the hub.
   */
  @Transactional
  public Optional<String> check(Actor actor) {
    if (actor.is(Role.HUB)) {
      java.util.Set<AuditLogId> every =
          new java.util.TreeSet<>((a, b) -> a.value().compareTo(b.value()));
      every.addAll(trail.logs());
      every.addAll(logs.remembered());
      for (AuditLogId id : every) {
        Optional<String> problem = check(id);
        if (problem.isPresent()) {
          return Optional.of("audit log " + id + ": " + problem.get());
        }
      }
      return Optional.empty();
    }
    return check(AuditorsLog.of(routing, actor));
  }

  private Optional<String> check(AuditLogId id) {
    CheckpointMemory memory = logs.memory(id);
    LogIdentity identity = logs.identity(id);
    Optional<ChainCheck.Break> chain = log.verifyChain(id);
    if (chain.isPresent()) {
      return Optional.of(
          "the hash chain breaks at entry " + chain.get().seq() + ": " + chain.get().problem());
    }
    LogTree tree = rebuilt(id);
    Optional<HistoryMismatch> rewritten = memory.compare(tree, checkpoints, id);
    if (rewritten.isPresent()) {
      return Optional.of(rewritten.get().describe());
    }
    StoredCheckpoint before = null;
    List<StoredCheckpoint> batch;
    do {
      batch = checkpoints.after(id, before == null ? 0 : before.treeSize(), BATCH);
      for (StoredCheckpoint stored : batch) {
        Optional<String> problem = checkAgainst(identity, stored, before, tree);
        if (problem.isPresent()) {
          return problem;
        }
        before = stored;
      }
    } while (batch.size() == BATCH);
    return memory.remembered().flatMap(remembered -> storedAsRemembered(id, remembered));
  }

  /** The tree of the log's stored entries, up to the first gap. */
  private LogTree rebuilt(AuditLogId id) {
    LogTree tree = new LogTree();
    List<AuditTrail.Leaf> leaves;
    do {
      leaves = trail.leavesAfter(id, tree.size(), BATCH);
      for (AuditTrail.Leaf leaf : leaves) {
        if (leaf.seq() != tree.size() + 1) {
          return tree;
        }
        tree.appendEntry(leaf.canonicalBytes());
      }
    } while (leaves.size() == BATCH);
    return tree;
  }

  /** The checkpoint the hub remembers signing last is stored, as it signed it. */
  private Optional<String> storedAsRemembered(
      AuditLogId id, CheckpointMemory.Remembered remembered) {
    Optional<StoredCheckpoint> stored = checkpoints.atSize(id, remembered.size());
    if (stored.isEmpty()) {
      return Optional.of(
          "checkpoint "
              + remembered.size()
              + ", the newest the hub remembers signing, is not stored: it was deleted");
    }
    if (!stored.get().signedNote().equals(remembered.signedNote())) {
      return Optional.of(
          "checkpoint "
              + remembered.size()
              + " is not stored as the hub signed it and remembers it: it was replaced");
    }
    return Optional.empty();
  }

  private Optional<String> checkAgainst(
      LogIdentity identity, StoredCheckpoint stored, StoredCheckpoint before, LogTree tree) {
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
    if (tree.size() < signed.size()) {
      return Optional.of(
          "entry "
              + (tree.size() + 1)
              + " is missing, though checkpoint "
              + signed.size()
              + " covers it");
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
