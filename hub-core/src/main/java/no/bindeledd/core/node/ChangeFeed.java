package no.bindeledd.core.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import no.bindeledd.core.consent.ConsentNoticed;
import no.bindeledd.core.exchange.MessageChange;

/**
 * The changes every node's live streams are told of. A message change or a notice is written as a
 * {@link SharedChange} in the transaction that made it, as the core fires it; each node then reads
 * the rows other nodes wrote ({@link #read}), in order, and tells its own streams. A row exists
 * only if its transaction committed, so no node hears of a change that rolled back, and each row
 * names the audience the core decided, so no node tells a stream more than its own node would.
 */
@ApplicationScoped
public class ChangeFeed {

  private static final int BATCH = 500;

  private SharedChanges changes;
  private NodeName node;
  private Clock clock;

  protected ChangeFeed() {}

  @Inject
  public ChangeFeed(SharedChanges changes, NodeName node, Clock clock) {
    this.changes = changes;
    this.node = node;
    this.clock = clock;
  }

  /** Writes the change into the transaction that made it. */
  void messageChanged(@Observes MessageChange change) {
    changes.add(SharedChange.of(node, clock.instant(), change));
  }

  /** Writes the notice into the transaction that gave it. */
  void noticed(@Observes ConsentNoticed noticed) {
    changes.add(SharedChange.of(node, clock.instant(), noticed));
  }

  /** Tells every node that a browser session ended, so that they end its streams too. */
  @Transactional
  public void sessionEnded(String sessionKey) {
    changes.add(SharedChange.sessionEnded(node, clock.instant(), sessionKey));
  }

  /** A cursor at the newest change stored: a node starting now hears of what comes after. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public ChangeCursor start(Duration patience) {
    return new ChangeCursor(changes.newestId(), patience);
  }

  /**
   * The changes other nodes committed since the cursor, in order; the cursor moves past them. This
   * node's own are skipped: its streams heard of them when they committed.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<SharedChange> read(ChangeCursor cursor) {
    List<SharedChange> read = changes.after(cursor.last(), cursor.missing(), BATCH);
    cursor.advance(read, clock.instant());
    return read.stream().filter(change -> !change.origin().equals(node)).toList();
  }

  /** Removes the changes older than {@code age}, which every node has read long since. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int forget(Duration age) {
    return changes.removeBefore(clock.instant().minus(age));
  }

  public NodeName node() {
    return node;
  }
}
