package no.bindeledd.core.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Objects;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * A further guardian's consent to a consent another guardian gave for their child: who, when, and
 * which caseworker recorded it. Where every guardian must consent, a consent covers a flow only
 * once each registered guardian has.
 */
@Embeddable
public class GuardianConsent {

  @Column(name = "guardian_id", length = 36, nullable = false)
  private String guardianId;

  @Convert(converter = InstantConverter.class)
  @Column(name = "consented_at", nullable = false)
  private Instant at;

  @Column(name = "recorded_by", nullable = false)
  private String recordedBy;

  protected GuardianConsent() {}

  GuardianConsent(String guardianId, Instant at, String recordedBy) {
    this.guardianId = Objects.requireNonNull(guardianId);
    this.at = Objects.requireNonNull(at);
    this.recordedBy = Objects.requireNonNull(recordedBy);
  }

  public String guardianId() {
    return guardianId;
  }

  public Instant at() {
    return at;
  }

  public String recordedBy() {
    return recordedBy;
  }
}
