package no.bindeledd.core.audit.verify;

/**
 * How much a reader takes from an export before it refuses it, so that a hostile archive (a zip
 * bomb, an endless line, a million members) costs bounded memory and time.
 *
 * @param maxTotalBytes the uncompressed bytes read from all members together
 * @param maxEntryBytes the length of one line of {@code entries.jsonl}, without its newline
 * @param maxFileBytes the size of every other member: manifest, key, certificates, notes, tokens
 * @param maxMembers the number of members in the archive
 */
public record ExportLimits(
    long maxTotalBytes, int maxEntryBytes, int maxFileBytes, int maxMembers) {

  /**
   * 8 GiB in all, about sixteen million entries as the hub writes them; 1 MiB a line and a file;
   * 200,000 members, which is 100,000 timestamped checkpoints.
   */
  public static final ExportLimits DEFAULT =
      new ExportLimits(8L * 1024 * 1024 * 1024, 1024 * 1024, 1024 * 1024, 200_000);

  public ExportLimits {
    if (maxTotalBytes <= 0 || maxEntryBytes <= 0 || maxFileBytes <= 0 || maxMembers <= 0) {
      throw new IllegalArgumentException("Export limits must be positive");
    }
  }

  /** These limits with another total. */
  public ExportLimits withMaxTotalBytes(long bytes) {
    return new ExportLimits(bytes, maxEntryBytes, maxFileBytes, maxMembers);
  }
}
