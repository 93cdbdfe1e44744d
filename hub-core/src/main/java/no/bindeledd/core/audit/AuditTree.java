package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.bindeledd.core.audit.merkle.LogTree;

/**
 * Each audit log's RFC 9162 Merkle tree, kept in memory and brought up to the committed log on
 * demand. Entry {@code seq} is leaf {@code seq - 1}, hashed from the entry's canonical bytes. The
 * tree lags the log by whatever was committed since the last catch-up, never more: appending an
 * entry costs the writer nothing extra.
 */
@ApplicationScoped
public class AuditTree {

  private static final int BATCH = 2_000;

  private final Map<AuditLogId, LogTree> trees = new ConcurrentHashMap<>();
  private AuditTrail trail;

  protected AuditTree() {}

  @Inject
  public AuditTree(AuditTrail trail) {
    this.trail = trail;
  }

  /**
   * Adds the log's entries committed since its last catch-up.
   *
   * @return the tree's size now
   * @throws MissingAuditEntry if the stored log has a gap, which it never has unless rows were
   *     removed behind the hub's back; the caller's transaction is not doomed by it
   */
  @Transactional(dontRollbackOn = MissingAuditEntry.class)
  public synchronized long catchUp(AuditLogId log) {
    LogTree tree = tree(log);
    List<AuditTrail.Leaf> batch;
    do {
      batch = trail.leavesAfter(log, tree.size(), BATCH);
      for (AuditTrail.Leaf leaf : batch) {
        if (leaf.seq() != tree.size() + 1) {
          throw new MissingAuditEntry(tree.size() + 1, leaf.seq());
        }
        tree.appendEntry(leaf.canonicalBytes());
      }
    } while (batch.size() == BATCH);
    return tree.size();
  }

  /** The log's tree; proofs and roots for any size up to its own. */
  public LogTree tree(AuditLogId log) {
    return trees.computeIfAbsent(log, id -> new LogTree());
  }
}
