package no.bindeledd.core.audit.verify;

import java.util.Objects;

/**
 * The first thing found wrong with an export: where, and what, in plain words.
 *
 * @param kind what part of the export is wrong
 * @param file the member of the export it is in, such as {@code entries.jsonl} or {@code
 *     checkpoints/000000000020.note}, or null for the archive as a whole; for a trusted checkpoint,
 *     where the auditor keeps it
 * @param entry the entry it is about, by sequence number, which is also its line in {@code
 *     entries.jsonl}; 0 when the problem is not one entry's
 * @param problem what is wrong
 */
public record Failure(Kind kind, String file, long entry, String problem) {

  /** What part of the export a failure is in. */
  public enum Kind {
    /** The ZIP archive itself: its envelope, its member names, its limits. */
    ARCHIVE,
    /** {@code manifest.json}. */
    MANIFEST,
    /** The export's copy of the log key or of a TSA certificate. */
    ANCHOR,
    /** A signed checkpoint: its note, its name, its order, or its root against the entries. */
    CHECKPOINT,
    /** A checkpoint's RFC 3161 timestamp token, or its absence. */
    TIMESTAMP,
    /**
     * A witness's cosignature of a checkpoint that does not verify, or too few witnesses' on the
     * newest checkpoint.
     */
    COSIGNATURE,
    /** An entry, or a line of {@code entries.jsonl} where an entry should be. */
    ENTRY,
    /** An inclusion or consistency proof. */
    PROOF,
    /**
     * A checkpoint the auditor saved earlier, which the export does not extend: the log was cut or
     * rewritten since. The failure's file is where the auditor keeps it.
     */
    TRUSTED_CHECKPOINT
  }

  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(problem, "problem");
  }

  /** One line for people: where, then what. */
  public String describe() {
    StringBuilder where = new StringBuilder();
    if (entry > 0) {
      where.append("entry ").append(entry);
      if (file != null) {
        where.append(" (").append(file).append(", line ").append(entry).append(")");
      }
    } else {
      where.append(file == null ? "the archive" : file);
    }
    return where + ": " + problem;
  }
}
