package no.bindeledd.core.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * What the refugee service is told when a person withdrew a consent themselves (or a guardian for
 * their child): which consent, about whom, when and by whom, until a caseworker there marks it
 * seen. The withdrawal itself took effect already; the notice is so that the office knows.
 */
@Entity
@Table(name = "consent_notice")
public class ConsentNotice {

  /** What happened; today only the one kind. */
  public static final String WITHDRAWN_BY_PERSON = "withdrawn-by-person";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "consent_id", length = 36, nullable = false)
  private String consentId;

  @Column(name = "subject_id", length = 36, nullable = false)
  private String subjectId;

  @Column(name = "agency", length = 9, nullable = false)
  private String agency;

  @Column(name = "kind", length = 32, nullable = false)
  private String kind;

  @Convert(converter = InstantConverter.class)
  @Column(name = "noticed_at", nullable = false)
  private Instant noticedAt;

  @Column(name = "noticed_by", nullable = false)
  private String noticedBy;

  @Convert(converter = InstantConverter.class)
  @Column(name = "seen_at")
  private Instant seenAt;

  @Column(name = "seen_by")
  private String seenBy;

  protected ConsentNotice() {}

  /** The notice of {@code consent}'s withdrawal by {@code by}, for the agency that recorded it. */
  ConsentNotice(Consent consent, String by, Instant at) {
    this.id = UUID.randomUUID().toString();
    this.consentId = consent.id();
    this.subjectId = consent.subject().id();
    this.agency = consent.recordedByAgency().value();
    this.kind = WITHDRAWN_BY_PERSON;
    this.noticedAt = Objects.requireNonNull(at);
    this.noticedBy = Objects.requireNonNull(by);
  }

  public String id() {
    return id;
  }

  public String consentId() {
    return consentId;
  }

  public String subjectId() {
    return subjectId;
  }

  public OrganisationNumber agency() {
    return new OrganisationNumber(agency);
  }

  public String kind() {
    return kind;
  }

  public Instant noticedAt() {
    return noticedAt;
  }

  /** The user id of who withdrew: the person, as the hub names them ({@code person:<id>}). */
  public String noticedBy() {
    return noticedBy;
  }

  public Optional<Instant> seenAt() {
    return Optional.ofNullable(seenAt);
  }

  public Optional<String> seenBy() {
    return Optional.ofNullable(seenBy);
  }

  void markSeen(String by, Instant at) {
    if (seenAt != null) {
      throw new Conflict("notice " + id + " was marked seen already");
    }
    this.seenBy = Objects.requireNonNull(by);
    this.seenAt = Objects.requireNonNull(at);
  }
}
