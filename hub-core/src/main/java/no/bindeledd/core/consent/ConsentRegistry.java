package no.bindeledd.core.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.MunicipalAccess;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.Representation;

/**
 * Recording, reading and withdrawing consents. Only a caseworker at one of the two agencies a
 * consent names may record or change it; every change and every read is audited. Who may consent
 * for whom follows the {@link AgeRules}: see {@link #requireEntitledGrantor}. A person signed in as
 * themselves reads and withdraws the consents about themselves and the children they act for
 * ({@link Representation}); any other consent is not found for them. Staff know only the consents
 * about people of the municipalities their agency serves ({@link MunicipalAccess}), and every
 * agency a consent names serves the subject's municipality.
 */
@ApplicationScoped
public class ConsentRegistry {

  private Consents consents;
  private People people;
  private Agencies agencies;
  private AuditLog audit;
  private Clock clock;
  private AgeRules ageRules;
  private Representation representation;
  private WithdrawalNotices notices;
  private MunicipalAccess municipal;

  protected ConsentRegistry() {}

  @Inject
  public ConsentRegistry(
      Consents consents,
      People people,
      Agencies agencies,
      AuditLog audit,
      Clock clock,
      AgeRules ageRules,
      Representation representation,
      WithdrawalNotices notices) {
    this.notices = notices;
    this.consents = consents;
    this.people = people;
    this.agencies = agencies;
    this.audit = audit;
    this.clock = clock;
    this.ageRules = ageRules;
    this.representation = representation;
    this.municipal = new MunicipalAccess(agencies, people);
  }

  @Transactional
  public Consent record(Actor actor, NewConsent command) {
    return store(actor, command, AuditAction.CONSENT_RECORDED);
  }

  /** Stores a consent that arrived as a FHIR resource; audited as an import. */
  @Transactional
  public Consent importConsent(Actor actor, NewConsent command) {
    return store(actor, command, AuditAction.CONSENT_IMPORTED);
  }

  private Consent store(Actor actor, NewConsent command, AuditAction action) {
    if (!actor.is(Role.HUB)) {
      requireCaseworker(actor);
    }
    Person subject = municipal.requireKnown(actor, command.subjectId());
    Person grantor = municipal.requireKnown(actor, command.grantorId());
    Agency disclosing = agencies.get(command.disclosing());
    Agency receiving = agencies.get(command.receiving());
    for (Agency agency : List.of(disclosing, receiving)) {
      if (!MunicipalAccess.serves(agency, subject)) {
        throw new InvalidInput(
            agency.name()
                + " ("
                + agency.orgNumber().value()
                + ") does not serve the municipality the person is registered in; every agency in"
                + " a consent serves it");
      }
    }
    OrganisationNumber recorder;
    if (actor.is(Role.HUB)) {
      // The embedded profile's demo consents: kept as the refugee service's, recorded by the hub.
      recorder =
          Stream.of(disclosing, receiving)
              .filter(a -> a.kind() == AgencyKind.REFUGEE_SERVICE)
              .findFirst()
              .orElseThrow(() -> new InvalidInput("a demo consent names the refugee service"))
              .orgNumber();
    } else if (actor.isAt(disclosing.orgNumber()) || actor.isAt(receiving.orgNumber())) {
      recorder = actor.agency();
    } else {
      throw new AccessDenied(
          "a caseworker records consents only for flows their agency is part of");
    }
    Consent.Terms terms =
        new Consent.Terms(
            subject,
            grantor,
            disclosing.orgNumber(),
            receiving.orgNumber(),
            command.direction(),
            command.categories(),
            command.purpose(),
            command.validFrom(),
            command.validUntil());
    requireEntitledGrantor(subject, grantor, terms.categories(), command.childHeard());
    for (DataCategory category : terms.categories()) {
      requireMayReceive(category, receiving);
      if (terms.direction() == Direction.BOTH_WAYS) {
        requireMayReceive(category, disclosing);
      }
    }
    Interpreter interpreter =
        command.interpreterId() == null && command.interpreterLanguage() == null
            ? null
            : new Interpreter(command.interpreterId(), command.interpreterLanguage());
    ConsentEvidence evidence =
        new ConsentEvidence(
            command.collectionMethod(),
            command.formSha256(),
            command.textLanguage(),
            interpreter,
            command.witness(),
            command.childHeard());
    Consent consent = new Consent(terms, evidence, actor.userId(), recorder, clock.instant());
    consents.add(consent);
    audit.append(
        AuditEvent.of(actor, action, AuditOutcome.SUCCESS)
            .consent(consent)
            .agencies(consent.disclosingAgency(), consent.receivingAgency()));
    return consent;
  }

  /**
   * Refuses a grantor who may not give this consent today, under the age rules (see {@code
   * docs/consent-and-age.md}):
   *
   * <ul>
   *   <li>an adult consents for themselves;
   *   <li>from the age of health consent, a young person consents to health categories themselves,
   *       and a guardian's consent for them is refused; a guardian still consents to the other
   *       categories until the young person is of age, so one consent cannot mix the two;
   *   <li>below it, one of the child's registered guardians consents;
   *   <li>a guardian who consents for a child who has reached the age at which they are heard must
   *       record that the child was heard, by whom and when, not after today.
   * </ul>
   */
  void requireEntitledGrantor(
      Person subject, Person grantor, Set<DataCategory> categories, ChildHeard childHeard) {
    LocalDate today = AgeRules.dayOf(clock.instant());
    boolean self = subject.id().equals(grantor.id());
    if (!subject.isChildOn(today)) {
      if (!self) {
        throw new InvalidInput("an adult gives their own consent");
      }
    } else if (ageRules.consentsToHealthThemselves(subject, today)
        && categories.stream().anyMatch(DataCategory::isHealthData)) {
      if (!self) {
        throw new InvalidInput(
            "from the age of "
                + ageRules.healthConsentAge()
                + " a person consents to health data ("
                + healthCodes(categories)
                + ") themselves (Patient and User Rights Act §4-3), so a guardian cannot consent"
                + " for them");
      }
      if (categories.stream().anyMatch(c -> !c.isHealthData())) {
        throw new InvalidInput(
            "until they are of age a guardian still consents for the young person to data that is"
                + " not health data: record the health categories and the others as two consents");
      }
    } else if (!subject.hasGuardian(grantor)) {
      throw new InvalidInput("a child's consent is given by one of their registered guardians");
    }
    if (self) {
      if (childHeard != null) {
        throw new InvalidInput(
            "childHeard records that a child was heard before a guardian consented; a person who"
                + " consents themselves leaves it out");
      }
      return;
    }
    if (ageRules.mustBeHeard(subject, today) && childHeard == null) {
      throw new InvalidInput(
          "a child of "
              + ageRules.heardFromAge()
              + " or over is heard before a guardian consents for them (Children Act §31):"
              + " give childHeard with who heard the child (heardBy) and when (heardOn)");
    }
    if (childHeard != null) {
      if (childHeard.heardOn().isAfter(today)) {
        throw new InvalidInput("childHeard.heardOn is after today");
      }
      if (childHeard.heardOn().isBefore(subject.birthDate())) {
        throw new InvalidInput("childHeard.heardOn is before the child was born");
      }
    }
  }

  private static String healthCodes(Set<DataCategory> categories) {
    return String.join(
        ", ",
        categories.stream()
            .filter(DataCategory::isHealthData)
            .map(DataCategory::code)
            .sorted()
            .toList());
  }

  private static void requireMayReceive(DataCategory category, Agency agency) {
    if (category.isHealthData() && !agency.kind().mayReceiveHealthData()) {
      throw new InvalidInput(
          "health data ("
              + category.code()
              + ") can never be shared with "
              + agency.name()
              + ", whatever the consent says");
    }
  }

  /**
   * Withdraws a consent at once: no flow relies on it from now, and what is on its way under it is
   * held when it would be delivered or opened. When the person withdraws it themselves (or a
   * guardian for their child), the refugee service that recorded it is told.
   */
  @Transactional
  public Consent withdraw(Actor actor, String consentId, String reason) {
    Consent consent = consentToChange(actor, consentId);
    consent.withdraw(actor.userId(), clock.instant(), reason);
    audit.append(
        AuditEvent.of(actor, AuditAction.CONSENT_WITHDRAWN, AuditOutcome.SUCCESS)
            .consent(consent)
            .agencies(consent.disclosingAgency(), consent.receivingAgency())
            .reason(auditedReason(reason)));
    if (actor.is(Role.CITIZEN)) {
      notices.withdrawnByPerson(consent, actor);
    }
    return consent;
  }

  /** Only the refugee service marks a consent recorded in error; the person withdraws it. */
  @Transactional
  public Consent markEnteredInError(Actor actor, String consentId, String reason) {
    requireCaseworker(actor);
    Consent consent = consentToChange(actor, consentId);
    consent.markEnteredInError(actor.userId(), clock.instant(), reason);
    audit.append(
        AuditEvent.of(actor, AuditAction.CONSENT_ENTERED_IN_ERROR, AuditOutcome.SUCCESS)
            .consent(consent)
            .reason(auditedReason(reason)));
    return consent;
  }

  /**
   * What the audit log says of a change's reason: only that one was given. The reason is free text
   * about the person, kept sealed in the consent's history under their data key; the audit log is
   * not sealed and holds ids, not such text (ADR 0030).
   */
  private static String auditedReason(String reason) {
    return reason == null || reason.isBlank() ? null : "a reason is kept in the consent's history";
  }

  private Consent consentToChange(Actor actor, String consentId) {
    if (actor.is(Role.CITIZEN)) {
      return consentOfTheirs(actor, consentId);
    }
    requireCaseworker(actor);
    Consent consent = known(actor, consentId);
    if (!consent.involves(actor.agency())) {
      throw new AccessDenied("this consent does not involve your agency");
    }
    return consent;
  }

  /**
   * A consent about a person the actor may know of ({@link MunicipalAccess}); one about a person of
   * another municipality is not found, as if it did not exist.
   */
  private Consent known(Actor actor, String consentId) {
    return consents
        .find(consentId)
        .filter(c -> municipal.mayKnow(actor, c.subject()))
        .orElseThrow(() -> new NotFound("consent", consentId));
  }

  /**
   * A consent as one of its two agencies sees it: the GP office may see the consent a request to it
   * relies on. An auditor reads any consent about a person of their municipality. A consent about a
   * person of another municipality is not found. The read is audited.
   */
  @Transactional
  public Consent read(Actor actor, String consentId) {
    if (actor.is(Role.CITIZEN)) {
      Consent theirs = consentOfTheirs(actor, consentId);
      audit.append(
          AuditEvent.of(actor, AuditAction.CONSENT_READ, AuditOutcome.SUCCESS).consent(theirs));
      return theirs;
    }
    Consent consent = known(actor, consentId);
    boolean involved = actor.agency() != null && consent.involves(actor.agency());
    if (!involved && !actor.is(Role.AUDITOR)) {
      throw new AccessDenied("this consent does not involve your agency");
    }
    audit.append(
        AuditEvent.of(actor, AuditAction.CONSENT_READ, AuditOutcome.SUCCESS).consent(consent));
    return consent;
  }

  /**
   * The consents about a person that involve the caseworker's agency; for a citizen who may act for
   * the person, every consent about them, whichever agencies it names.
   */
  @Transactional
  public List<Consent> aboutSubject(Actor actor, String subjectId) {
    Person subject;
    List<Consent> visible;
    if (actor.is(Role.CITIZEN)) {
      subject = representation.requireActsFor(actor, subjectId);
      visible = consents.aboutSubject(subject.id());
    } else {
      requireCaseworker(actor);
      subject = municipal.requireKnown(actor, subjectId);
      visible =
          consents.aboutSubject(subject.id()).stream()
              .filter(c -> c.involves(actor.agency()))
              .toList();
    }
    audit.append(
        AuditEvent.of(actor, AuditAction.CONSENT_READ, AuditOutcome.SUCCESS)
            .subject(subject.id())
            .reason("listed " + visible.size() + " consents"));
    return visible;
  }

  /**
   * Records that the young person confirms a health consent their guardian gave, now that they
   * consent to health flows themselves; from then on it covers those flows again. The young person
   * confirms as themselves (a citizen signed in as the subject), or a caseworker at one of the two
   * agencies the consent names records it on their behalf. Audited.
   */
  @Transactional
  public Consent confirm(Actor actor, String consentId) {
    Consent consent =
        actor.is(Role.CITIZEN) ? consentOfTheirs(actor, consentId) : known(actor, consentId);
    boolean byTheYoungPerson = actor.is(Role.CITIZEN) && actor.isPerson(consent.subject().id());
    boolean byACaseworker = actor.is(Role.CASEWORKER) && consent.involves(actor.agency());
    if (!byTheYoungPerson && !byACaseworker) {
      throw new AccessDenied(
          "only the young person, or a caseworker of an agency the consent names, confirms it");
    }
    Instant now = clock.instant();
    if (!consent.isGivenByGuardian() || !consent.includesHealthData()) {
      throw new Conflict(
          "consent "
              + consent.id()
              + " is not a guardian's consent to health data: nothing to confirm");
    }
    if (!ageRules.consentsToHealthThemselves(consent.subject(), AgeRules.dayOf(now))) {
      throw new Conflict(
          "the young person confirms a guardian's health consent from the age of "
              + ageRules.healthConsentAge()
              + ", on "
              + ageRules.healthConsentFrom(consent.subject()));
    }
    consent.confirm(
        actor.userId(),
        now,
        byTheYoungPerson
            ? "confirmed by the young person"
            : "confirmed by the young person, recorded by a caseworker");
    audit.append(
        AuditEvent.of(actor, AuditAction.CONSENT_CONFIRMED, AuditOutcome.SUCCESS)
            .consent(consent)
            .agencies(consent.disclosingAgency(), consent.receivingAgency()));
    return consent;
  }

  /**
   * Records, on a consent one guardian gave, that another of the child's registered guardians
   * consented too; where the age rules need every guardian, the consent covers flows only once each
   * has. Audited.
   */
  @Transactional
  public Consent addGuardianConsent(Actor actor, String consentId, String guardianId) {
    Consent consent = consentToChange(actor, consentId);
    Person guardian =
        actor.is(Role.CITIZEN) ? people.get(guardianId) : municipal.requireKnown(actor, guardianId);
    if (!consent.isGivenByGuardian()) {
      throw new InvalidInput("the person gave this consent themselves; no guardian adds to it");
    }
    if (!consent.subject().hasGuardian(guardian)) {
      throw new InvalidInput(
          guardian.fullName() + " is not a registered guardian of the consent's subject");
    }
    consent.addGuardianConsent(guardian, actor.userId(), clock.instant());
    audit.append(
        AuditEvent.of(actor, AuditAction.CONSENT_GUARDIAN_ADDED, AuditOutcome.SUCCESS)
            .consent(consent)
            .agencies(consent.disclosingAgency(), consent.receivingAgency())
            .reason("guardian " + guardian.id() + " consented"));
    return consent;
  }

  /**
   * The consents that involve the caseworker's agency and wait for a young person's confirmation
   * now, the soonest to end first. The listing is audited.
   */
  @Transactional
  public List<Consent> awaitingConfirmation(Actor actor) {
    requireCaseworker(actor);
    Instant now = clock.instant();
    List<Consent> waiting =
        consents.activeInvolving(actor.agency()).stream()
            .filter(c -> municipal.mayKnow(actor, c.subject()))
            .filter(c -> c.awaitsConfirmation(now, ageRules))
            .sorted(Comparator.comparing(Consent::validUntil))
            .toList();
    audit.append(
        AuditEvent.of(actor, AuditAction.CONSENT_READ, AuditOutcome.SUCCESS)
            .reason("listed " + waiting.size() + " consents awaiting confirmation"));
    return waiting;
  }

  /** The age rules consents are recorded and decided under. */
  public AgeRules ageRules() {
    return ageRules;
  }

  /**
   * A consent about the citizen or a child they act for; any other is not found, as if it did not
   * exist.
   */
  private Consent consentOfTheirs(Actor citizen, String consentId) {
    return consents
        .find(consentId)
        .filter(c -> representation.mayActFor(citizen, c.subject()))
        .orElseThrow(() -> new NotFound("consent", consentId));
  }

  public Instant now() {
    return clock.instant();
  }

  private static void requireCaseworker(Actor actor) {
    if (!actor.is(Role.CASEWORKER)) {
      throw new AccessDenied("only a caseworker at the refugee service records consents");
    }
  }
}
