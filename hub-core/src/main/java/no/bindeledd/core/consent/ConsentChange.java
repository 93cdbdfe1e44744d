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
import java.time.Instant;
import no.bindeledd.core.persistence.InstantConverter;

/** One step in a consent's history: who moved it to which status, when and why. */
@Entity
@Table(name = "consent_change")
public class ConsentChange {

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

  @Column(name = "reason", length = 1000)
  private String reason;

  protected ConsentChange() {}

  ConsentChange(Consent consent, Instant at, String by, ConsentStatus status, String reason) {
    this.consent = consent;
    this.at = at;
    this.by = by;
    this.status = status;
    this.reason = reason;
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
