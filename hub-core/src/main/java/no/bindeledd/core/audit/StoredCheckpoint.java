package no.bindeledd.core.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * A checkpoint of one audit log as the hub signed it: the signed note is the record of truth, and
 * the time-stamping authority's token covers its exact bytes. The size, root and time are copies.
 */
@Entity
@Table(name = "audit_checkpoint")
@IdClass(StoredCheckpoint.Key.class)
public class StoredCheckpoint {

  /** A log and a tree size: a log has one checkpoint of each size. */
  public static class Key implements Serializable {

    private static final long serialVersionUID = 1L;

    private String log;
    private long treeSize;

    protected Key() {}

    public Key(AuditLogId log, long treeSize) {
      this.log = log.value();
      this.treeSize = treeSize;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && treeSize == that.treeSize
          && Objects.equals(log, that.log);
    }

    @Override
    public int hashCode() {
      return Objects.hash(log, treeSize);
    }
  }

  @Id
  @Column(name = "log_id", length = 8)
  private String log;

  @Id
  @Column(name = "tree_size")
  private long treeSize;

  @Column(name = "root_hash", length = 64, nullable = false)
  private String rootHash;

  @Convert(converter = InstantConverter.class)
  @Column(name = "made_at", nullable = false)
  private Instant madeAt;

  @Column(name = "signed_note", length = 4000, nullable = false)
  private String signedNote;

  @Column(name = "timestamp_token")
  private byte[] timestampToken;

  @Convert(converter = InstantConverter.class)
  @Column(name = "timestamped_at")
  private Instant timestampedAt;

  protected StoredCheckpoint() {}

  public StoredCheckpoint(
      AuditLogId log, long treeSize, String rootHash, Instant madeAt, String signedNote) {
    this.log = log.value();
    this.treeSize = treeSize;
    this.rootHash = Objects.requireNonNull(rootHash);
    this.madeAt = Objects.requireNonNull(madeAt);
    this.signedNote = Objects.requireNonNull(signedNote);
  }

  public AuditLogId log() {
    return new AuditLogId(log);
  }

  public long treeSize() {
    return treeSize;
  }

  public String rootHash() {
    return rootHash;
  }

  public Instant madeAt() {
    return madeAt;
  }

  public String signedNote() {
    return signedNote;
  }

  public Optional<byte[]> timestampToken() {
    return Optional.ofNullable(timestampToken).map(byte[]::clone);
  }

  public Optional<Instant> timestampedAt() {
    return Optional.ofNullable(timestampedAt);
  }

  void timestamp(byte[] token, Instant at) {
    this.timestampToken = token.clone();
    this.timestampedAt = at;
  }
}
