package no.bindeledd.core.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of the chain: the last sequence number and hash. Appenders lock this single row, which
 * makes the database the log's one sequencer, on one node or many.
 */
@Entity
@Table(name = "audit_head")
public class AuditHead {

  static final int ONLY_ROW = 1;

  @Id
  @Column(name = "id")
  private int id;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "last_hash", length = 64, nullable = false)
  private String lastHash;

  protected AuditHead() {}

  long lastSeq() {
    return lastSeq;
  }

  String lastHash() {
    return lastHash;
  }

  void advance(AuditEntry entry) {
    lastSeq = entry.seq();
    lastHash = entry.entryHash();
  }
}
