package no.bindeledd.core.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of one log's chain: its last sequence number and hash. Appenders lock this row, which
 * makes the database each log's one sequencer, on one node or many. A log's row is created with its
 * first entry.
 */
@Entity
@Table(name = "audit_head")
public class AuditHead {

  @Id
  @Column(name = "log_id", length = 8)
  private String log;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "last_hash", length = 64, nullable = false)
  private String lastHash;

  protected AuditHead() {}

  /** The head of a log with no entry yet. */
  public AuditHead(AuditLogId log) {
    this.log = log.value();
    this.lastSeq = 0;
    this.lastHash = AuditEntry.GENESIS_HASH;
  }

  public AuditLogId log() {
    return new AuditLogId(log);
  }

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
