package no.bindeledd.core.audit.verify;

/**
 * An archive that is not a well-formed audit export, or a member that cannot be read as its name
 * says. The message says what is wrong and where, in words an auditor can act on.
 */
public final class ExportRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String member;
  private final long line;
  private final String problem;

  /**
   * @param member the member the problem is in, or null for the archive as a whole
   * @param line the line of {@code entries.jsonl}, from 1, or 0 when the problem is not on a line
   * @param problem what is wrong, in plain words
   */
  public ExportRejected(String member, long line, String problem) {
    super(
        (member == null ? "the archive" : member + (line > 0 ? ", line " + line : ""))
            + ": "
            + problem);
    this.member = member;
    this.line = line;
    this.problem = problem;
  }

  /** The member the problem is in, or null for the archive as a whole. */
  public String member() {
    return member;
  }

  /** The line of {@code entries.jsonl}, from 1, or 0. */
  public long line() {
    return line;
  }

  /** What is wrong, without the place. */
  public String problem() {
    return problem;
  }
}
