package no.bindeledd.core.node;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one node has read the shared changes to. Ids are handed out when a row is written and
 * become visible when its transaction commits, so a later id can be seen before an earlier one: an
 * id skipped over is kept as missing and asked for again until it turns up or {@code patience} has
 * passed (a transaction that rolled back leaves its id unused for good). Not safe for concurrent
 * use; one poller owns it.
 */
public final class ChangeCursor {

  /** More missing ids than this in one jump are not waited for; the streams fetch afresh anyway. */
  private static final int MAX_MISSING = 1_000;

  private final Duration patience;
  private final Map<Long, Instant> missing = new LinkedHashMap<>();
  private long last;

  /**
   * @param start the newest id already there, whose changes this node need not hear of
   * @param patience how long an id skipped over is waited for
   */
  public ChangeCursor(long start, Duration patience) {
    this.last = start;
    this.patience = patience;
  }

  public long last() {
    return last;
  }

  /** The ids skipped over that are still waited for. */
  public Set<Long> missing() {
    return Set.copyOf(missing.keySet());
  }

  /**
   * Moves past what was read at {@code now}: found ids are no longer missing, ids jumped over
   * become missing, and missing ids older than the patience are given up.
   */
  void advance(List<SharedChange> read, Instant now) {
    for (SharedChange change : read) {
      long id = change.id();
      if (id <= last) {
        missing.remove(id);
        continue;
      }
      for (long skipped = Math.max(last + 1, id - MAX_MISSING); skipped < id; skipped++) {
        missing.put(skipped, now);
      }
      last = id;
    }
    missing.values().removeIf(since -> since.plus(patience).isBefore(now));
  }
}
