package no.bindeledd.core.audit;

/**
 * The stored log skips an entry. Entries are committed in order under the head row's lock, so the
 * committed log never has a gap: one means rows were removed from the database behind the hub's
 * back.
 */
public final class MissingAuditEntry extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final long seq;

  MissingAuditEntry(long seq, long nextStored) {
    super("the audit log has no entry " + seq + " before entry " + nextStored);
    this.seq = seq;
  }

  /** The number of the first entry that is missing. */
  public long seq() {
    return seq;
  }
}
