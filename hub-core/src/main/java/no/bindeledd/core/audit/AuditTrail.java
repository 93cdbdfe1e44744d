package no.bindeledd.core.audit;

import java.util.List;
import java.util.Optional;

/** Storage of the audit entries. It only ever appends; nothing here updates or deletes. */
public interface AuditTrail {

  /** The chain's head, locked until the current transaction ends. */
  AuditHead lockHead();

  void add(AuditEntry entry);

  /** An entry's number and canonical bytes: a leaf of the log's Merkle tree. */
  record Leaf(long seq, byte[] canonicalBytes) {}

  /**
   * The leaves for the entries with {@code seq > afterSeq}, in sequence order, at most {@code max},
   * read without keeping the entries in memory.
   */
  List<Leaf> leavesAfter(long afterSeq, int max);

  /** Entries with {@code seq > afterSeq}, in sequence order, at most {@code max}. */
  List<AuditEntry> entriesAfter(long afterSeq, int max);

  AuditHead head();

  /** The entry with sequence number {@code seq}, if the log has one. */
  Optional<AuditEntry> entry(long seq);

  /**
   * One page of the entries that match, in sequence order; one more than the page size if there are
   * more.
   */
  List<AuditEntry> search(AuditQuery query);

  /** Entries about one person, newest first. */
  List<AuditEntry> aboutSubject(String subjectId, int max);
}
