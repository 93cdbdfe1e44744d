package no.bindeledd.core.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Optional;
import no.bindeledd.core.atrest.RowCipher;
import no.bindeledd.core.atrest.SealedOnInsert;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * One step in a consent's history: who moved it to which status, when and why. The reason is free
 * text a caseworker wrote, or names a guardian, so it is stored sealed under the data key of the
 * consent's subject; since its id is given only when it is stored, the persistence layer seals it
 * then ({@link SealedOnInsert}).
 */
@Entity
@Table(name = "consent_change")
public class ConsentChange implements SealedOnInsert {

  static final String TABLE = "consent_change";

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "consent_change_seq")
  @SequenceGenerator(
      name = "consent_change_seq",
      sequenceName = "consent_change_seq",
      allocationSize = 1)
  private Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "consent_id")
  private Consent consent;

  @Convert(converter = InstantConverter.class)
  @Column(name = "changed_at", nullable = false)
  private Instant at;

  @Column(name = "changed_by", nullable = false)
  private String by;

  @Enumerated(EnumType.STRING)
  @Column(name = "new_status", length = 32, nullable = false)
  private ConsentStatus status;

  @Transient private String reason;

  /** The subject's data key, which the reason is sealed with. */
  @Column(name = "data_key_id", length = 36)
  private String dataKeyId;

  @Column(name = "sealed_reason")
  private byte[] sealedReason;

  protected ConsentChange() {}

  /** Empties the sealed reason, for the erasure of the person it is about (ADR 0035). */
  void erase() {
    reason = null;
    sealedReason = null;
    dataKeyId = null;
  }

  ConsentChange(Consent consent, Instant at, String by, ConsentStatus status, String reason) {
    this.consent = consent;
    this.at = at;
    this.by = by;
    this.status = status;
    this.reason = reason;
  }

  @Override
  public String sealedTable() {
    return TABLE;
  }

  @Override
  public String id() {
    return id == null ? null : id.toString();
  }

  @Override
  public Optional<String> dataKeyId() {
    return Optional.ofNullable(dataKeyId);
  }

  @Override
  public Optional<String> dataKeyToSealWith() {
    return consent.subject().dataKeyId();
  }

  @Override
  public void seal(RowCipher row) {
    if (dataKeyId != null) {
      throw new IllegalStateException("consent change " + id + " is sealed already");
    }
    dataKeyId = row.dataKeyId();
    sealedReason = row.seal("reason", reason);
  }

  @Override
  public void open(RowCipher row) {
    reason = row.openText("reason", sealedReason);
  }

  public Instant at() {
    return at;
  }

  public String by() {
    return by;
  }

  public ConsentStatus status() {
    return status;
  }

  public String reason() {
    return reason;
  }
}
