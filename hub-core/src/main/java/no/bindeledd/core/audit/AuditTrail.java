package no.bindeledd.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * Storage of the audit entries of every log. It only ever appends; nothing here updates or deletes.
 */
public interface AuditTrail {

  /**
   * The log's head, locked until the current transaction ends; created (and locked) with the log's
   * first entry if the log has none yet.
   */
  AuditHead lockHead(AuditLogId log);

  void add(AuditEntry entry);

  /** An entry's number and canonical bytes: a leaf of its log's Merkle tree. */
  record Leaf(long seq, byte[] canonicalBytes) {}

  /**
   * The leaves for the log's entries with {@code seq > afterSeq}, in sequence order, at most {@code
   * max}, read without keeping the entries in memory.
   */
  List<Leaf> leavesAfter(AuditLogId log, long afterSeq, int max);

  /** The log's entries with {@code seq > afterSeq}, in sequence order, at most {@code max}. */
  List<AuditEntry> entriesAfter(AuditLogId log, long afterSeq, int max);

  /** The log's head; a log with no entry yet has an empty one. */
  AuditHead head(AuditLogId log);

  /** The logs that have entries. */
  List<AuditLogId> logs();

  /** The log's entry with sequence number {@code seq}, if it has one. */
  Optional<AuditEntry> entry(AuditLogId log, long seq);

  /**
   * One page of the log's entries that match, in sequence order; one more than the page size if
   * there are more.
   */
  List<AuditEntry> search(AuditLogId log, AuditQuery query);

  /** Entries about one person, newest first (all in the log of the person's municipality). */
  List<AuditEntry> aboutSubject(String subjectId, int max);
}
