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
import no.bindeledd.core.audit.witness.Cosignature;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * A witness's cosignature of one of an audit log's checkpoints, kept as the witness returned it:
 * the signature line is the record of truth, to be appended to the checkpoint's signed note; the
 * witness and time are copies.
 */
@Entity
@Table(name = "audit_cosignature")
@IdClass(StoredCosignature.Key.class)
public class StoredCosignature {

  /** A log's checkpoint and a witness: each witness cosigns a checkpoint once. */
  public static class Key implements Serializable {

    private static final long serialVersionUID = 1L;

    private String log;
    private long treeSize;
    private String witness;

    protected Key() {}

    public Key(AuditLogId log, long treeSize, String witness) {
      this.log = log.value();
      this.treeSize = treeSize;
      this.witness = witness;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && treeSize == that.treeSize
          && Objects.equals(log, that.log)
          && Objects.equals(witness, that.witness);
    }

    @Override
    public int hashCode() {
      return Objects.hash(log, treeSize, witness);
    }
  }

  @Id
  @Column(name = "log_id", length = 8)
  private String log;

  @Id
  @Column(name = "tree_size")
  private long treeSize;

  @Id
  @Column(name = "witness", length = 300)
  private String witness;

  @Convert(converter = InstantConverter.class)
  @Column(name = "cosigned_at", nullable = false)
  private Instant cosignedAt;

  @Column(name = "signature_line", length = 2000, nullable = false)
  private String signatureLine;

  protected StoredCosignature() {}

  public StoredCosignature(AuditLogId log, long treeSize, Cosignature cosignature) {
    this.log = log.value();
    this.treeSize = treeSize;
    this.witness = cosignature.witnessId();
    this.cosignedAt = cosignature.time();
    this.signatureLine = cosignature.line();
  }

  public AuditLogId log() {
    return new AuditLogId(log);
  }

  public long treeSize() {
    return treeSize;
  }

  /** The witness as {@code name+keyID}. */
  public String witness() {
    return witness;
  }

  public Instant cosignedAt() {
    return cosignedAt;
  }

  /** {@code — <witness name> <base64>} and a newline, as the witness returned it. */
  public String signatureLine() {
    return signatureLine;
  }
}
