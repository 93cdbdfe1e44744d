package no.bindeledd.core.consent;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.atrest.RowCipher;
import no.bindeledd.core.atrest.Sealable;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.persistence.InstantConverter;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.text.TextKind;

/**
 * A person's permission for one agency to disclose some categories of their data to another, for
 * one purpose, for a limited time. Modelled on FHIR Consent: the subject, the grantor (the person,
 * or a guardian for a child), the actors, the provision and the evidence of how it was given.
 *
 * <p>The evidence's free text about the person is stored sealed under the subject's data key
 * ({@link Sealable}), and so is each change's reason ({@link ConsentChange}): erasing the subject
 * erases them.
 */
@Entity
@Table(name = "consent")
public class Consent implements Sealable {

  static final String TABLE = "consent";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "subject_id")
  private Person subject;

  @ManyToOne(optional = false)
  @JoinColumn(name = "grantor_id")
  private Person grantor;

  @Column(name = "disclosing_agency", length = 9, nullable = false)
  private String disclosingAgency;

  @Column(name = "receiving_agency", length = 9, nullable = false)
  private String receivingAgency;

  @Enumerated(EnumType.STRING)
  @Column(name = "direction", length = 16, nullable = false)
  private Direction direction;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "consent_category", joinColumns = @JoinColumn(name = "consent_id"))
  @Enumerated(EnumType.STRING)
  @Column(name = "category", length = 64)
  private Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);

  @Enumerated(EnumType.STRING)
  @Column(name = "purpose", length = 64, nullable = false)
  private Purpose purpose;

  @Convert(converter = InstantConverter.class)
  @Column(name = "valid_from", nullable = false)
  private Instant validFrom;

  @Convert(converter = InstantConverter.class)
  @Column(name = "valid_until", nullable = false)
  private Instant validUntil;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 32, nullable = false)
  private ConsentStatus status;

  @Embedded private ConsentEvidence evidence;

  /** The subject's data key, which the evidence is sealed with; destroying it erases it. */
  @Column(name = "data_key_id", length = 36)
  private String dataKeyId;

  @Column(name = "recorded_by", nullable = false)
  private String recordedBy;

  @Column(name = "recorded_by_agency", length = 9, nullable = false)
  private String recordedByAgency;

  @Convert(converter = InstantConverter.class)
  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  /** The other guardians who consented after the grantor did, in the order they did. */
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "consent_guardian", joinColumns = @JoinColumn(name = "consent_id"))
  @OrderBy("at ASC")
  private List<GuardianConsent> furtherGuardians = new ArrayList<>();

  /** When the young person confirmed, from the age of health consent, what a guardian gave. */
  @Convert(converter = InstantConverter.class)
  @Column(name = "confirmed_at")
  private Instant confirmedAt;

  @Column(name = "confirmed_by")
  private String confirmedBy;

  @OneToMany(mappedBy = "consent", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
  @OrderBy("id ASC")
  private List<ConsentChange> history = new ArrayList<>();

  protected Consent() {}

  Consent(
      Terms terms,
      ConsentEvidence evidence,
      String recordedBy,
      OrganisationNumber recorder,
      Instant recordedAt) {
    this.id = UUID.randomUUID().toString();
    this.subject = terms.subject();
    this.grantor = terms.grantor();
    this.disclosingAgency = terms.disclosing().value();
    this.receivingAgency = terms.receiving().value();
    this.direction = terms.direction();
    this.categories = EnumSet.copyOf(terms.categories());
    this.purpose = terms.purpose();
    this.validFrom = terms.validFrom();
    this.validUntil = terms.validUntil();
    this.evidence = Objects.requireNonNull(evidence);
    this.status = ConsentStatus.ACTIVE;
    this.recordedBy = recordedBy;
    this.recordedByAgency = recorder.value();
    this.recordedAt = recordedAt;
    history.add(new ConsentChange(this, recordedAt, recordedBy, ConsentStatus.ACTIVE, "recorded"));
  }

  /**
   * What a consent covers, checked for internal consistency. Whether the grantor may grant it, and
   * whether the agencies exist, is for {@link ConsentRegistry} to check.
   */
  public record Terms(
      Person subject,
      Person grantor,
      OrganisationNumber disclosing,
      OrganisationNumber receiving,
      Direction direction,
      Set<DataCategory> categories,
      Purpose purpose,
      Instant validFrom,
      Instant validUntil) {

    public Terms {
      if (subject == null || grantor == null) {
        throw new InvalidInput("subject and grantor are required");
      }
      if (disclosing == null || receiving == null) {
        throw new InvalidInput("disclosing and receiving agencies are required");
      }
      if (disclosing.equals(receiving)) {
        throw new InvalidInput("the disclosing and receiving agency must differ");
      }
      if (categories == null || categories.isEmpty()) {
        throw new InvalidInput("at least one data category is required");
      }
      if (purpose == null) {
        throw new InvalidInput("a purpose is required");
      }
      if (validFrom == null || validUntil == null) {
        throw new InvalidInput("the validity period needs a start and an end");
      }
      if (!validUntil.isAfter(validFrom)) {
        throw new InvalidInput("the validity period ends before it starts");
      }
      direction = direction == null ? Direction.ONE_WAY : direction;
      categories = Set.copyOf(categories);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String sealedTable() {
    return TABLE;
  }

  @Override
  public Optional<String> dataKeyId() {
    return Optional.ofNullable(dataKeyId);
  }

  /**
   * Empties the evidence's and the changes' sealed text, whose data key, the subject's, is about to
   * be destroyed (ADR 0035); the terms, the times and who recorded them stay.
   */
  public void eraseEvidence() {
    dataKeyId = null;
    evidence.erase();
    history.forEach(ConsentChange::erase);
  }

  /** Seals the evidence under {@code row}, which must hold the subject's data key. */
  @Override
  public void seal(RowCipher row) {
    if (dataKeyId != null) {
      throw new IllegalStateException("consent " + id + " is sealed already");
    }
    if (!row.dataKeyId().equals(subject.dataKeyId().orElse(null))) {
      throw new IllegalStateException("consent " + id + " is sealed with its subject's data key");
    }
    dataKeyId = row.dataKeyId();
    evidence.seal(row);
  }

  @Override
  public void open(RowCipher row) {
    evidence.open(row);
  }

  public Person subject() {
    return subject;
  }

  public Person grantor() {
    return grantor;
  }

  public OrganisationNumber disclosingAgency() {
    return new OrganisationNumber(disclosingAgency);
  }

  public OrganisationNumber receivingAgency() {
    return new OrganisationNumber(receivingAgency);
  }

  public Direction direction() {
    return direction;
  }

  public Set<DataCategory> categories() {
    return categories.isEmpty() ? Set.of() : EnumSet.copyOf(categories);
  }

  public Purpose purpose() {
    return purpose;
  }

  public Instant validFrom() {
    return validFrom;
  }

  public Instant validUntil() {
    return validUntil;
  }

  public ConsentEvidence evidence() {
    return evidence;
  }

  public String recordedBy() {
    return recordedBy;
  }

  public OrganisationNumber recordedByAgency() {
    return new OrganisationNumber(recordedByAgency);
  }

  public Instant recordedAt() {
    return recordedAt;
  }

  public List<ConsentChange> history() {
    return List.copyOf(history);
  }

  /** Whether a guardian gave this consent for the subject, rather than the subject themselves. */
  public boolean isGivenByGuardian() {
    return !grantor.id().equals(subject.id());
  }

  /** The guardians who consented after the grantor. */
  public List<GuardianConsent> furtherGuardians() {
    return List.copyOf(furtherGuardians);
  }

  /** The ids of every guardian who has consented: the grantor first. Empty for one's own. */
  public List<String> guardiansConsented() {
    if (!isGivenByGuardian()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    ids.add(grantor.id());
    furtherGuardians.forEach(g -> ids.add(g.guardianId()));
    return List.copyOf(ids);
  }

  /** The subject's registered guardians who have not consented to this consent a guardian gave. */
  public List<Person> guardiansAwaited() {
    if (!isGivenByGuardian()) {
      return List.of();
    }
    List<String> consented = guardiansConsented();
    return subject.guardians().stream().filter(g -> !consented.contains(g.id())).toList();
  }

  public Optional<Instant> confirmedAt() {
    return Optional.ofNullable(confirmedAt);
  }

  public Optional<String> confirmedBy() {
    return Optional.ofNullable(confirmedBy);
  }

  /** Whether the consent includes a health data category. */
  public boolean includesHealthData() {
    return categories.stream().anyMatch(DataCategory::isHealthData);
  }

  /**
   * Whether this consent waits for the young person's confirmation at {@code now}: a guardian gave
   * it with health categories, it is active, the subject has reached the age at which they consent
   * to health flows themselves, and they have not confirmed it. Until they do, it covers no new
   * health flow.
   */
  public boolean awaitsConfirmation(Instant now, AgeRules rules) {
    return statusAt(now) == ConsentStatus.ACTIVE
        && isGivenByGuardian()
        && includesHealthData()
        && confirmedAt == null
        && rules.consentsToHealthThemselves(subject, AgeRules.dayOf(now));
  }

  /** The status as of {@code now}: an active consent past its end has expired. */
  public ConsentStatus statusAt(Instant now) {
    if (status == ConsentStatus.ACTIVE && !now.isBefore(validUntil)) {
      return ConsentStatus.EXPIRED;
    }
    return status;
  }

  /** True when {@code agency} is one of the two agencies this consent names. */
  public boolean involves(OrganisationNumber agency) {
    return disclosingAgency.equals(agency.value()) || receivingAgency.equals(agency.value());
  }

  /** Whether the terms cover the flow, ignoring status and time. */
  public boolean termsCover(Flow flow) {
    return termDifferences(flow).isEmpty();
  }

  /** Whether this consent lets the flow happen at {@code now}, under the age rules. */
  public boolean covers(Flow flow, Instant now, AgeRules rules) {
    return differencesFrom(flow, now, rules).isEmpty();
  }

  /**
   * Every way in which this consent falls short of letting the flow happen at {@code now}; empty
   * exactly when it covers the flow. This is the one statement of what covering means: {@link
   * #covers} and {@link #termsCover} are read from it.
   *
   * <p>A consent a guardian gave also answers to the subject's age ({@code rules}, on the Norwegian
   * calendar day of {@code now}): from the age of health consent, a health flow waits for the young
   * person's confirmation; before it, and for the flows a guardian still decides, a consent that
   * needs every guardian waits for those who have not yet consented.
   */
  public Set<ConsentDifference> differencesFrom(Flow flow, Instant now, AgeRules rules) {
    Set<ConsentDifference> differences = termDifferences(flow);
    switch (statusAt(now)) {
      case WITHDRAWN -> differences.add(ConsentDifference.WITHDRAWN);
      case EXPIRED -> differences.add(ConsentDifference.EXPIRED);
      case ENTERED_IN_ERROR -> differences.add(ConsentDifference.ENTERED_IN_ERROR);
      case ACTIVE -> {
        if (now.isBefore(validFrom)) {
          differences.add(ConsentDifference.NOT_YET_VALID);
        }
        differences.addAll(ageDifferences(flow, AgeRules.dayOf(now), rules));
      }
    }
    return differences;
  }

  private Set<ConsentDifference> ageDifferences(Flow flow, LocalDate day, AgeRules rules) {
    Set<ConsentDifference> differences = EnumSet.noneOf(ConsentDifference.class);
    if (!isGivenByGuardian()) {
      return differences;
    }
    boolean youngPersonDecides =
        flow.category().isHealthData() && rules.consentsToHealthThemselves(subject, day);
    if (youngPersonDecides) {
      if (confirmedAt == null) {
        differences.add(ConsentDifference.AWAITING_CONFIRMATION);
      }
    } else if (rules.guardiansNeeded() == AgeRules.GuardiansNeeded.EVERY
        && !guardiansAwaited().isEmpty()) {
      differences.add(ConsentDifference.AWAITING_GUARDIANS);
    }
    return differences;
  }

  private Set<ConsentDifference> termDifferences(Flow flow) {
    Set<ConsentDifference> differences = EnumSet.noneOf(ConsentDifference.class);
    if (!subject.id().equals(flow.subjectId())) {
      differences.add(ConsentDifference.OTHER_SUBJECT);
    }
    if (purpose != flow.purpose()) {
      differences.add(ConsentDifference.OTHER_PURPOSE);
    }
    if (!categories.contains(flow.category())) {
      differences.add(ConsentDifference.OTHER_CATEGORY);
    }
    boolean forward =
        disclosingAgency.equals(flow.from().value()) && receivingAgency.equals(flow.to().value());
    boolean backward =
        disclosingAgency.equals(flow.to().value()) && receivingAgency.equals(flow.from().value());
    if (backward && direction != Direction.BOTH_WAYS) {
      differences.add(ConsentDifference.OTHER_DIRECTION);
    } else if (!forward && !backward) {
      differences.add(ConsentDifference.OTHER_AGENCIES);
    }
    return differences;
  }

  /**
   * Records that the young person confirmed this consent their guardian gave; from then on it
   * covers their health flows again. The registry checks who may confirm and when.
   */
  void confirm(String by, Instant at, String note) {
    requireActive(at);
    if (confirmedAt != null) {
      throw new Conflict("consent " + id + " was already confirmed at " + confirmedAt);
    }
    confirmedAt = at;
    confirmedBy = by;
    history.add(new ConsentChange(this, at, by, ConsentStatus.ACTIVE, note));
  }

  /** Records that a further guardian consented too. The registry checks who they are. */
  void addGuardianConsent(Person guardian, String by, Instant at) {
    requireActive(at);
    if (guardiansConsented().contains(guardian.id())) {
      throw new Conflict(guardian.fullName() + " has already consented to consent " + id);
    }
    furtherGuardians.add(new GuardianConsent(guardian.id(), at, by));
    history.add(
        new ConsentChange(
            this, at, by, ConsentStatus.ACTIVE, "guardian " + guardian.fullName() + " consented"));
  }

  private void requireActive(Instant at) {
    ConsentStatus current = statusAt(at);
    if (current != ConsentStatus.ACTIVE) {
      throw new Conflict("consent " + id + " is " + current.name().toLowerCase() + ", not active");
    }
  }

  public void withdraw(String by, Instant at, String reason) {
    change(ConsentStatus.WITHDRAWN, by, at, reason);
  }

  public void markEnteredInError(String by, Instant at, String reason) {
    change(ConsentStatus.ENTERED_IN_ERROR, by, at, reason);
  }

  private void change(ConsentStatus to, String by, Instant at, String reason) {
    requireActive(at);
    if (reason != null && reason.length() > 1000) {
      throw new InvalidInput("reason is longer than 1000 characters");
    }
    TextKind.SINGLE_LINE.require("reason", reason);
    status = to;
    history.add(new ConsentChange(this, at, by, to, reason));
  }
}
