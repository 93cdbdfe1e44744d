package no.bindeledd.core.node;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The stored shared changes. */
public interface SharedChanges {

  void add(SharedChange change);

  /**
   * The changes after {@code id}, and those among {@code missing} that have committed since, in the
   * order of their ids, at most {@code max}.
   */
  List<SharedChange> after(long id, Collection<Long> missing, int max);

  /** The highest id stored, or 0. */
  long newestId();

  /** Removes the changes made before {@code cutoff}; returns how many. */
  int removeBefore(Instant cutoff);
}
