package no.bindeledd.core.audit;

/**
 * Where the audit log no longer matches the checkpoint the hub remembers signing: entries {@code
 * firstEntry} to {@code lastEntry} are missing, or one of them differs from what was signed.
 *
 * @param firstEntry the first entry of the range, from 1
 * @param lastEntry the last entry of the range
 * @param signedSize the size of the remembered checkpoint
 * @param logSize the entries the log holds now
 */
public record HistoryMismatch(long firstEntry, long lastEntry, long signedSize, long logSize) {

  public HistoryMismatch {
    if (firstEntry < 1 || lastEntry < firstEntry || signedSize < lastEntry || logSize < 0) {
      throw new IllegalArgumentException(
          "no such range: entries "
              + firstEntry
              + " to "
              + lastEntry
              + " of a signed tree of "
              + signedSize
              + " and a log of "
              + logSize);
    }
  }

  /** Whether the entries are gone rather than changed: the log is shorter than what was signed. */
  public boolean cut() {
    return logSize < signedSize;
  }

  /** In plain words, for the alarm and the integrity check. */
  public String describe() {
    String range =
        firstEntry == lastEntry
            ? "entry " + firstEntry
            : "entries " + firstEntry + " to " + lastEntry;
    return cut()
        ? range
            + (firstEntry == lastEntry ? " is" : " are")
            + " missing, though the hub signed a tree of "
            + signedSize
            + " entries and remembers it"
        : range
            + (firstEntry == lastEntry ? " no longer matches" : " no longer match")
            + " what the hub signed: the first "
            + signedSize
            + " entries do not give the root of the checkpoint it remembers signing";
  }
}
