package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.node.Leases;

/**
 * The database's part of checkpointing, one log and one transaction at a time: proving the tree
 * consistent with the checkpoint the hub remembers, signing and storing the next checkpoint, and
 * taking up stored checkpoints signed after the remembered one. {@link Checkpointer} calls it, and
 * writes the memory once each transaction has committed.
 *
 * <p>With several nodes on one database, signing locks the checkpoint lease's row first, so that
 * two checkpoints are never signed at once on any nodes, and every node takes up what the others
 * signed before it signs the next: the chain keeps one head. A node that does not sign follows
 * ({@link #follow}): it takes up each checkpoint another node stored only once it verifies with the
 * log key, names the one this node remembers and has the root this node's own tree gives at its
 * size, so each node's memory still catches a rewritten database.
 */
@ApplicationScoped
public class CheckpointSigner {

  private static final Logger LOG = Logger.getLogger(CheckpointSigner.class.getName());
  private static final int BATCH = 100;

  private AuditTree tree;
  private AuditTrail trail;
  private Checkpoints checkpoints;
  private AuditLogs logs;
  private Clock clock;
  private Leases leases;

  protected CheckpointSigner() {}

  @Inject
  public CheckpointSigner(
      AuditTree tree,
      AuditTrail trail,
      Checkpoints checkpoints,
      AuditLogs logs,
      Clock clock,
      Leases leases) {
    this.leases = leases;
    this.tree = tree;
    this.trail = trail;
    this.checkpoints = checkpoints;
    this.logs = logs;
    this.clock = clock;
  }

  /** The logs that have entries. */
  @Transactional
  public List<AuditLogId> logs() {
    return trail.logs();
  }

  /**
   * What the hub remembers of a log at start: the file, and any stored checkpoint signed after it
   * (a stop between a checkpoint's commit and the file's write leaves one). Without a file, a log
   * with no checkpoint starts afresh, and otherwise the newest stored checkpoint is taken on trust.
   */
  @Transactional
  public void recall(AuditLogId id) {
    CheckpointMemory memory = logs.memory(id);
    Optional<CheckpointMemory.Remembered> fromFile;
    try {
      fromFile = memory.load();
    } catch (IllegalStateException e) {
      memory.raise(e.getMessage());
      return;
    }
    if (fromFile.isPresent()) {
      takeUpStoredSuccessors(id);
      memory
          .remembered()
          .ifPresent(
              last ->
                  LOG.info(
                      () ->
                          "The audit log "
                              + id
                              + " remembers signing its checkpoint of "
                              + last.size()
                              + " entries"));
      return;
    }
    Optional<StoredCheckpoint> newest = checkpoints.latest(id);
    if (newest.isEmpty()) {
      if (trail.head(id).lastSeq() > 0) {
        LOG.warning(
            () ->
                "The audit log "
                    + id
                    + " has entries but neither a stored checkpoint nor a remembered one in "
                    + memory.file()
                    + ": its first checkpoint will vouch for the entries as they are now");
      }
      return;
    }
    try {
      memory.remember(newest.get().signedNote());
    } catch (IllegalStateException e) {
      memory.raise(
          "the newest stored checkpoint " + newest.get().treeSize() + ": " + e.getMessage());
      return;
    }
    LOG.warning(
        () ->
            "The audit log "
                + id
                + " remembered no checkpoint ("
                + memory.file()
                + " is missing): it takes the stored checkpoint of "
                + newest.get().treeSize()
                + " entries on trust from the database, and proves every later one consistent"
                + " with it. If the file was not removed on purpose, restore it from a backup of"
                + " the keys folder");
  }

  /**
   * Signs and stores a checkpoint if the log grew, naming the remembered checkpoint as the one
   * before it; but only if the tree still gives the remembered root at the remembered size, and is
   * no shorter. If not, it raises the alarm and signs nothing, now or later.
   *
   * @return the checkpoint signed, which the caller must remember once this transaction commits
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<StoredCheckpoint> sign(AuditLogId id) {
    CheckpointMemory memory = logs.memory(id);
    LogIdentity log = logs.identity(id);
    if (memory.alarm().isPresent()) {
      return Optional.empty();
    }
    leases.lock(Leases.AUDIT_CHECKPOINTS);
    OptionalLong caughtUp = catchUpAndCompare(id);
    if (caughtUp.isEmpty()) {
      return Optional.empty();
    }
    long size = caughtUp.getAsLong();
    Optional<CheckpointMemory.Remembered> last = memory.remembered();
    if (size == 0 || last.map(remembered -> remembered.size() >= size).orElse(false)) {
      return Optional.empty();
    }
    byte[] root = tree.tree(id).root(size);
    Instant now = clock.instant();
    Checkpoint body =
        last.map(
                remembered -> Checkpoint.at(log.origin(), size, root, now, remembered.asPrevious()))
            .orElseGet(() -> Checkpoint.at(log.origin(), size, root, now));
    String note = body.sign(log.origin(), log.signingKey());
    StoredCheckpoint stored =
        new StoredCheckpoint(id, size, HexFormat.of().formatHex(root), now, note);
    checkpoints.add(stored);
    return Optional.of(stored);
  }

  /**
   * Follows the checkpoints another node signs: catches the tree up, takes up the stored
   * checkpoints signed after the remembered one once each proves consistent with it, and holds the
   * tree against the newest. Signs nothing; raises the alarm as {@link #sign} would.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void follow(AuditLogId id) {
    if (logs.memory(id).alarm().isEmpty()) {
      catchUpAndCompare(id);
    }
  }

  /** The tree's size, caught up and matching the remembered history; empty if the alarm is up. */
  private OptionalLong catchUpAndCompare(AuditLogId id) {
    CheckpointMemory memory = logs.memory(id);
    long size;
    try {
      size = tree.catchUp(id);
    } catch (MissingAuditEntry e) {
      memory.raise(
          "entry "
              + e.seq()
              + " is missing from the stored log ("
              + e.getMessage()
              + "): rows were removed from the database");
      return OptionalLong.empty();
    }
    takeUpStoredSuccessors(id);
    if (memory.alarm().isPresent()) {
      return OptionalLong.empty();
    }
    Optional<HistoryMismatch> mismatch = memory.compare(tree.tree(id), checkpoints, id);
    if (mismatch.isPresent()) {
      memory.raise(mismatch.get().describe());
      return OptionalLong.empty();
    }
    return OptionalLong.of(size);
  }

  /**
   * Remembers the stored checkpoints signed after the remembered one, which the database committed
   * but the file did not get, or another node signed: each must verify, name the one before it, and
   * have the root the tree gives at its size (when the tree has caught up that far). A stored
   * checkpoint beyond the remembered one that does not is not the hub's history, and raises the
   * alarm.
   */
  private void takeUpStoredSuccessors(AuditLogId id) {
    CheckpointMemory memory = logs.memory(id);
    Optional<CheckpointMemory.Remembered> current = memory.remembered();
    if (current.isEmpty()) {
      takeUpFirst(id);
      current = memory.remembered();
      if (current.isEmpty()) {
        return;
      }
    }
    List<StoredCheckpoint> later;
    do {
      later = checkpoints.after(id, current.get().size(), BATCH);
      for (StoredCheckpoint stored : later) {
        Optional<String> problem = successorProblem(id, stored, current.get());
        if (problem.isPresent()) {
          memory.raise(problem.get());
          return;
        }
        memory.remember(stored.signedNote());
        LOG.fine(
            () ->
                "The audit log "
                    + id
                    + " remembers its stored checkpoint of "
                    + stored.treeSize()
                    + " entries, signed after the one it remembered (by another node, or before"
                    + " this one stopped)");
        current = memory.remembered();
      }
    } while (later.size() == BATCH);
  }

  /**
   * Remembers the log's first checkpoint, stored by another node, if this node remembers none yet:
   * it must verify, name no checkpoint before it, and have the root this node's tree gives at its
   * size. Without a tree that far (at start, before the first catch-up), it waits.
   */
  private void takeUpFirst(AuditLogId id) {
    CheckpointMemory memory = logs.memory(id);
    LogIdentity log = logs.identity(id);
    Optional<StoredCheckpoint> first = checkpoints.after(id, 0, 1).stream().findFirst();
    if (first.isEmpty() || tree.tree(id).size() < first.get().treeSize()) {
      return;
    }
    Checkpoint signed;
    try {
      signed = Checkpoint.verify(first.get().signedNote(), log.origin(), log.verifierKey());
    } catch (NoteRejected e) {
      memory.raise(
          "the log's first stored checkpoint does not verify with the log key: " + e.getMessage());
      return;
    }
    if (signed.previous().isPresent()
        || signed.size() != first.get().treeSize()
        || !MessageDigest.isEqual(tree.tree(id).root(signed.size()), signed.rootHash())) {
      memory.raise(
          "the log's first stored checkpoint, of "
              + first.get().treeSize()
              + " entries, does not match the stored entries or names one before it");
      return;
    }
    memory.remember(first.get().signedNote());
  }

  private Optional<String> successorProblem(
      AuditLogId id, StoredCheckpoint stored, CheckpointMemory.Remembered before) {
    LogIdentity log = logs.identity(id);
    Checkpoint signed;
    try {
      signed = Checkpoint.verify(stored.signedNote(), log.origin(), log.verifierKey());
    } catch (NoteRejected e) {
      return Optional.of(
          "the stored checkpoint "
              + stored.treeSize()
              + ", beyond the one the hub remembers, does not verify with the log key: "
              + e.getMessage());
    }
    if (signed.size() != stored.treeSize()
        || !signed.previous().equals(Optional.of(before.asPrevious()))) {
      return Optional.of(
          "the stored checkpoint "
              + stored.treeSize()
              + " does not follow the checkpoint of "
              + before.size()
              + " entries the hub remembers: the hub did not sign it after that one");
    }
    if (tree.tree(id).size() >= signed.size()
        && !MessageDigest.isEqual(tree.tree(id).root(signed.size()), signed.rootHash())) {
      return Optional.of(
          "the stored checkpoint "
              + stored.treeSize()
              + ", signed after the one the hub remembers, does not match the stored entries: the"
              + " log it covers was changed");
    }
    return Optional.empty();
  }
}
