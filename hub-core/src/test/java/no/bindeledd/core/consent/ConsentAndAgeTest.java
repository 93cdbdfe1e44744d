package no.bindeledd.core.consent;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.AgeRules.GuardiansNeeded;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The age rules at each birthday boundary (the day before, the day of, the day after), on a fixed
 * clock, as docs/consent-and-age.md states them.
 */
class ConsentAndAgeTest {

  /** Twelve on 15 June 2022, sixteen on 15 June 2026, of age on 15 June 2028. */
  private static final LocalDate BORN = LocalDate.of(2010, 6, 15);

  private static final LocalDate TWELFTH = BORN.plusYears(12);
  private static final LocalDate SIXTEENTH = BORN.plusYears(16);

  private static final ChildHeard HEARD =
      new ChildHeard("Kari Nordmann, caseworker", LocalDate.of(2022, 1, 10), "wants the help");

  private TestDatabase db;
  private Fixtures town;
  private Person parent;
  private Person child;
  private int nextNumber = 100;

  @AfterEach
  void tearDown() {
    if (db != null) {
      db.close();
    }
  }

  /** Opens the town at noon, Oslo time, on {@code day}, with a parent and a child born BORN. */
  private void openOn(LocalDate day, AgeRules rules) {
    db = new TestDatabase();
    town = new Fixtures(db, noonInOslo(day), rules);
    parent = town.participant();
    child = childOf(parent, BORN);
  }

  private void openOn(LocalDate day) {
    openOn(day, AgeRules.norwegianLaw());
  }

  private static Instant noonInOslo(LocalDate day) {
    return day.atTime(LocalTime.NOON).atZone(AgeRules.NORWAY).toInstant();
  }

  private Person childOf(Person guardian, LocalDate born) {
    NationalId id = NationalId.synthetic(born, nextNumber++);
    return db.inTransaction(
        () ->
            town.personRegistry.registerChild(
                CASEWORKER,
                guardian.id(),
                new PersonRegistry.NewPerson(
                    id, "Leyla", "Testesen", Locale.forLanguageTag("ar"))));
  }

  private void moveTo(Instant instant) {
    town.clock.advance(Duration.between(town.clock.instant(), instant));
  }

  private NewConsent consent(
      Person subject, Person grantor, Set<DataCategory> categories, ChildHeard heard) {
    return new NewConsent(
        subject.id(),
        grantor.id(),
        GP_OFFICE,
        REFUGEE_SERVICE,
        Direction.ONE_WAY,
        categories,
        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
        town.clock.instant(),
        town.clock.instant().plus(Duration.ofDays(700)),
        CollectionMethod.PAPER_FORM,
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Locale.forLanguageTag("ar"),
        null,
        null,
        null,
        heard);
  }

  private static final Set<DataCategory> HEALTH = Set.of(DataCategory.APPOINTMENT_OUTCOMES);

  private Consent record(NewConsent command) {
    return db.inTransaction(() -> town.consentRegistry.record(CASEWORKER, command));
  }

  private ConsentDecision decide(Person subject, DataCategory category) {
    Flow flow =
        new Flow(
            subject.id(),
            GP_OFFICE,
            REFUGEE_SERVICE,
            category,
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
    return db.inTransaction(
        () -> town.decisions.decide(flow, AgencyKind.REFUGEE_SERVICE, town.clock.instant()));
  }

  private List<String> auditActions() {
    return db.inTransaction(() -> town.auditEntries()).stream().map(AuditEntry::action).toList();
  }

  // Health consent from 16 (Patient and User Rights Act §4-3, §4-4).

  @Test
  void theDayBeforeSixteenAGuardianConsentsToHealthDataAndTheChildCannot() {
    openOn(SIXTEENTH.minusDays(1));

    Consent consent = record(consent(child, parent, HEALTH, HEARD));
    assertThat(consent.grantor().id()).isEqualTo(parent.id());
    assertThatThrownBy(() -> record(consent(child, child, HEALTH, null)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("registered guardians");
  }

  @Test
  void onTheSixteenthBirthdayAGuardiansHealthConsentIsRefusedWithTheReason() {
    openOn(SIXTEENTH);

    assertThatThrownBy(() -> record(consent(child, parent, HEALTH, HEARD)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("from the age of 16")
        .hasMessageContaining("appointment-outcomes")
        .hasMessageContaining("§4-3");
    Consent own = record(consent(child, child, HEALTH, null));
    assertThat(own.isGivenByGuardian()).isFalse();
    assertThat(decide(child, DataCategory.APPOINTMENT_OUTCOMES).isAllowed()).isTrue();
  }

  @Test
  void theDayAfterSixteenTheYoungPersonStillConsentsThemselves() {
    openOn(SIXTEENTH.plusDays(1));

    assertThatThrownBy(() -> record(consent(child, parent, HEALTH, HEARD)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("§4-3");
    assertThat(record(consent(child, child, HEALTH, null)).grantor().id()).isEqualTo(child.id());
  }

  @Test
  void betweenSixteenAndEighteenAGuardianStillConsentsToWhatIsNotHealthDataButNotToAMix() {
    openOn(SIXTEENTH.plusDays(1));

    Consent language =
        record(consent(child, parent, Set.of(DataCategory.LANGUAGE_SUPPORT_NEEDS), HEARD));
    assertThat(language.isGivenByGuardian()).isTrue();
    assertThatThrownBy(
            () ->
                record(
                    consent(
                        child,
                        child,
                        Set.of(
                            DataCategory.APPOINTMENT_OUTCOMES, DataCategory.LANGUAGE_SUPPORT_NEEDS),
                        null)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("two consents");
  }

  // Heard from 12 (Children Act §31).

  @Test
  void theDayBeforeTwelveAGuardianMayConsentWithoutRecordingThatTheChildWasHeard() {
    openOn(TWELFTH.minusDays(1));

    Consent consent = record(consent(child, parent, HEALTH, null));
    assertThat(consent.evidence().childHeard()).isEmpty();
  }

  @Test
  void fromTheTwelfthBirthdayAGuardiansConsentIsRefusedUntilItSaysWhoHeardTheChild() {
    for (LocalDate day : List.of(TWELFTH, TWELFTH.plusDays(1))) {
      openOn(day);

      assertThatThrownBy(() -> record(consent(child, parent, HEALTH, null)))
          .as(day.toString())
          .isInstanceOf(InvalidInput.class)
          .hasMessageContaining("Children Act §31")
          .hasMessageContaining("heardBy");
      Consent consent =
          record(consent(child, parent, HEALTH, new ChildHeard("Kari Nordmann", day, null)));
      ChildHeard heard = consent.evidence().childHeard().orElseThrow();
      assertThat(heard.heardBy()).isEqualTo("Kari Nordmann");
      assertThat(heard.heardOn()).isEqualTo(day);

      db.close();
      db = null;
    }
  }

  @Test
  void theChildsHearingIsKeptWithTheConsentAndReadBackFromTheDatabase() {
    openOn(TWELFTH.plusDays(30));

    String id = record(consent(child, parent, HEALTH, HEARD)).id();
    db.em().clear();
    Consent reread = db.inTransaction(() -> town.consents.get(id));

    ChildHeard heard = reread.evidence().childHeard().orElseThrow();
    assertThat(heard.heardBy()).isEqualTo("Kari Nordmann, caseworker");
    assertThat(heard.heardOn()).isEqualTo(LocalDate.of(2022, 1, 10));
    assertThat(heard.views()).contains("wants the help");
  }

  @Test
  void aHearingInTheFutureOrBeforeTheChildWasBornIsRefused() {
    openOn(TWELFTH.plusDays(1));

    assertThatThrownBy(
            () ->
                record(
                    consent(
                        child,
                        parent,
                        HEALTH,
                        new ChildHeard("Kari Nordmann", TWELFTH.plusDays(2), null))))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("after today");
    assertThatThrownBy(
            () ->
                record(
                    consent(
                        child,
                        parent,
                        HEALTH,
                        new ChildHeard("Kari Nordmann", BORN.minusDays(1), null))))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("before the child was born");
  }

  @Test
  void anAdultsOwnConsentCarriesNoHearing() {
    openOn(SIXTEENTH);

    assertThatThrownBy(() -> record(consent(parent, parent, HEALTH, HEARD)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("leaves it out");
  }

  // Turning 16: a guardian's health consent waits for the young person.

  @Test
  void aGuardiansHealthConsentStopsCoveringOnTheSixteenthBirthdayUntilTheYoungPersonConfirmsIt() {
    openOn(SIXTEENTH.minusDays(1));
    Consent consent =
        record(
            consent(
                child,
                parent,
                Set.of(DataCategory.APPOINTMENT_OUTCOMES, DataCategory.LANGUAGE_SUPPORT_NEEDS),
                HEARD));

    assertThat(decide(child, DataCategory.APPOINTMENT_OUTCOMES).isAllowed()).isTrue();
    assertThat(db.inTransaction(() -> town.consentRegistry.awaitingConfirmation(CASEWORKER)))
        .isEmpty();
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.consentRegistry.confirm(Actor.citizen(child.id()), consent.id())))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining(SIXTEENTH.toString());

    // The last second of the day before, Oslo time, and the first of the birthday.
    moveTo(SIXTEENTH.atStartOfDay(AgeRules.NORWAY).toInstant().minusSeconds(1));
    assertThat(decide(child, DataCategory.APPOINTMENT_OUTCOMES).isAllowed()).isTrue();
    moveTo(SIXTEENTH.atStartOfDay(AgeRules.NORWAY).toInstant());

    ConsentDecision refused = decide(child, DataCategory.APPOINTMENT_OUTCOMES);
    assertThat(refused.refusalReason()).contains(Refusal.AWAITING_CONFIRMATION);
    assertThat(Refusal.AWAITING_CONFIRMATION.code()).isEqualTo("awaiting-confirmation");
    assertThat(refused.explanation()).contains(consent.id()).contains("has not confirmed");
    assertThat(decide(child, DataCategory.LANGUAGE_SUPPORT_NEEDS).isAllowed())
        .as("a guardian still decides what is not health data")
        .isTrue();
    Flow health =
        new Flow(
            child.id(),
            GP_OFFICE,
            REFUGEE_SERVICE,
            DataCategory.APPOINTMENT_OUTCOMES,
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
    List<ConsentDecisions.NearMiss> closest =
        db.inTransaction(
            () -> town.decisions.closest(health, REFUGEE_SERVICE, town.clock.instant(), 3));
    assertThat(closest)
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.differences())
                    .containsExactly(ConsentDifference.AWAITING_CONFIRMATION));
    assertThat(db.inTransaction(() -> town.consentRegistry.awaitingConfirmation(CASEWORKER)))
        .extracting(Consent::id)
        .containsExactly(consent.id());
    assertThat(
            db.inTransaction(
                () ->
                    town.consentRegistry.awaitingConfirmation(
                        new Actor("nav-case", NAV, Role.CASEWORKER))))
        .as("only the agencies the consent names see it waiting")
        .isEmpty();

    moveTo(noonInOslo(SIXTEENTH.plusDays(1)));
    assertThat(decide(child, DataCategory.APPOINTMENT_OUTCOMES).refusalReason())
        .contains(Refusal.AWAITING_CONFIRMATION);

    Consent confirmed =
        db.inTransaction(
            () -> town.consentRegistry.confirm(Actor.citizen(child.id()), consent.id()));

    assertThat(confirmed.confirmedBy()).contains("person:" + child.id());
    assertThat(confirmed.confirmedAt()).contains(town.clock.instant());
    assertThat(confirmed.history())
        .last()
        .satisfies(c -> assertThat(c.reason()).contains("young person"));
    assertThat(decide(child, DataCategory.APPOINTMENT_OUTCOMES).isAllowed()).isTrue();
    assertThat(db.inTransaction(() -> town.consentRegistry.awaitingConfirmation(CASEWORKER)))
        .isEmpty();
    assertThat(auditActions()).contains(AuditAction.CONSENT_CONFIRMED.code());
    assertThatThrownBy(
            () -> db.inTransaction(() -> town.consentRegistry.confirm(CASEWORKER, consent.id())))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("already confirmed");
  }

  @Test
  void aCaseworkerOfANamedAgencyRecordsTheConfirmationAndNoOneElseMay() {
    openOn(SIXTEENTH.minusDays(1));
    Consent consent = record(consent(child, parent, HEALTH, HEARD));
    moveTo(noonInOslo(SIXTEENTH));

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.consentRegistry.confirm(Actor.citizen(parent.id()), consent.id())))
        .as("the guardian is not the young person, and no longer acts for them: not found")
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.consentRegistry.confirm(
                            new Actor("school", SCHOOL, Role.CASEWORKER), consent.id())))
        .as("a caseworker at an agency the consent does not name")
        .isInstanceOf(AccessDenied.class);
    assertThatThrownBy(() -> db.inTransaction(() -> town.consentRegistry.confirm(GP, consent.id())))
        .as("GP staff record no confirmation")
        .isInstanceOf(AccessDenied.class);

    Consent confirmed =
        db.inTransaction(() -> town.consentRegistry.confirm(CASEWORKER, consent.id()));
    assertThat(confirmed.confirmedBy()).contains(CASEWORKER.userId());
    assertThat(confirmed.history())
        .last()
        .satisfies(c -> assertThat(c.reason()).contains("recorded by a caseworker"));
    assertThat(decide(child, DataCategory.APPOINTMENT_OUTCOMES).isAllowed()).isTrue();
  }

  @Test
  void aConsentTheYoungPersonGaveThemselvesNeedsNoConfirmation() {
    openOn(SIXTEENTH);
    Consent own = record(consent(child, child, HEALTH, null));

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.consentRegistry.confirm(Actor.citizen(child.id()), own.id())))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("nothing to confirm");
  }

  // Born on 29 February: a year older on 1 March in a year without one.

  @Test
  void aChildBornOnTheTwentyNinthOfFebruaryTurnsSixteenOnTheTwentyNinth() {
    LocalDate leapBorn = LocalDate.of(2008, 2, 29);
    LocalDate sixteenth = LocalDate.of(2024, 2, 29);
    openOn(sixteenth.minusDays(1));
    Person leyla = childOf(parent, leapBorn);

    Consent consent = record(consent(leyla, parent, HEALTH, HEARD));
    assertThat(town.ageRules.healthConsentFrom(leyla)).isEqualTo(sixteenth);
    assertThat(decide(leyla, DataCategory.APPOINTMENT_OUTCOMES).isAllowed()).isTrue();

    moveTo(noonInOslo(sixteenth));
    assertThat(decide(leyla, DataCategory.APPOINTMENT_OUTCOMES).refusalReason())
        .contains(Refusal.AWAITING_CONFIRMATION);
    moveTo(noonInOslo(sixteenth.plusDays(1)));
    assertThat(decide(leyla, DataCategory.APPOINTMENT_OUTCOMES).refusalReason())
        .contains(Refusal.AWAITING_CONFIRMATION);
    assertThat(consent.awaitsConfirmation(town.clock.instant(), town.ageRules)).isTrue();
  }

  @Test
  void inAYearWithoutTheTwentyNinthOfFebruaryTheBirthdayIsTheFirstOfMarch() {
    // A table that sets the age of health consent at 17 puts that birthday in 2025.
    LocalDate leapBorn = LocalDate.of(2008, 2, 29);
    AgeRules seventeen = new AgeRules(17, 12, GuardiansNeeded.ONE);
    openOn(LocalDate.of(2025, 2, 27), seventeen);
    Person leyla = childOf(parent, leapBorn);
    assertThat(seventeen.healthConsentFrom(leyla)).isEqualTo(LocalDate.of(2025, 3, 1));
    Consent consent = record(consent(leyla, parent, HEALTH, HEARD));

    moveTo(noonInOslo(LocalDate.of(2025, 2, 28)));
    assertThat(decide(leyla, DataCategory.APPOINTMENT_OUTCOMES).isAllowed())
        .as("28 February: still sixteen")
        .isTrue();
    moveTo(noonInOslo(LocalDate.of(2025, 3, 1)));
    assertThat(decide(leyla, DataCategory.APPOINTMENT_OUTCOMES).refusalReason())
        .as("1 March: seventeen")
        .contains(Refusal.AWAITING_CONFIRMATION);
    moveTo(noonInOslo(LocalDate.of(2025, 3, 2)));
    assertThat(consent.awaitsConfirmation(town.clock.instant(), seventeen)).isTrue();
  }

  // One guardian, or every guardian with parental responsibility.

  private Person secondGuardian() {
    Person other = town.participant();
    db.inTransaction(() -> town.personRegistry.linkGuardian(CASEWORKER, child.id(), other.id()));
    return other;
  }

  @Test
  void whereOneGuardianIsEnoughTheFirstGuardiansConsentCovers() {
    openOn(TWELFTH.minusDays(100));
    secondGuardian();

    Consent consent = record(consent(child, parent, HEALTH, null));

    assertThat(decide(child, DataCategory.APPOINTMENT_OUTCOMES).isAllowed()).isTrue();
    assertThat(consent.guardiansConsented()).containsExactly(parent.id());
  }

  @Test
  void whereEveryGuardianMustConsentAConsentCoversOnlyOnceEachHas() {
    openOn(TWELFTH.minusDays(100), new AgeRules(16, 12, GuardiansNeeded.EVERY));
    Person other = secondGuardian();
    Person stranger = town.participant();
    Consent consent = record(consent(child, parent, HEALTH, null));

    ConsentDecision waiting = decide(child, DataCategory.APPOINTMENT_OUTCOMES);
    assertThat(waiting.refusalReason()).contains(Refusal.AWAITING_GUARDIANS);
    assertThat(consent.guardiansAwaited()).extracting(Person::id).containsExactly(other.id());
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.consentRegistry.addGuardianConsent(
                            CASEWORKER, consent.id(), stranger.id())))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("not a registered guardian");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.consentRegistry.addGuardianConsent(GP, consent.id(), other.id())))
        .isInstanceOf(AccessDenied.class);

    Consent complete =
        db.inTransaction(
            () -> town.consentRegistry.addGuardianConsent(CASEWORKER, consent.id(), other.id()));

    assertThat(complete.guardiansConsented()).containsExactly(parent.id(), other.id());
    assertThat(complete.guardiansAwaited()).isEmpty();
    assertThat(decide(child, DataCategory.APPOINTMENT_OUTCOMES).isAllowed()).isTrue();
    assertThat(auditActions()).contains(AuditAction.CONSENT_GUARDIAN_ADDED.code());
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.consentRegistry.addGuardianConsent(
                            CASEWORKER, consent.id(), other.id())))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.consentRegistry.addGuardianConsent(
                            CASEWORKER, consent.id(), parent.id())))
        .as("the grantor consented already")
        .isInstanceOf(Conflict.class);
  }

  @Test
  void guardiansNeededAndTheAgesMustMakeSense() {
    assertThatThrownBy(() -> new AgeRules(16, 17, GuardiansNeeded.ONE))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> new AgeRules(19, 12, GuardiansNeeded.ONE))
        .isInstanceOf(InvalidInput.class);
    assertThat(GuardiansNeeded.fromCode("every")).isEqualTo(GuardiansNeeded.EVERY);
    assertThatThrownBy(() -> GuardiansNeeded.fromCode("both")).isInstanceOf(InvalidInput.class);
  }

  @Test
  void theAgeOfMajorityForSomeoneBornOnTheTwentyNinthOfFebruaryIsTheFirstOfMarch() {
    openOn(LocalDate.of(2025, 6, 1));
    Person leyla = childOf(parent, LocalDate.of(2008, 2, 29));

    assertThat(leyla.isChildOn(LocalDate.of(2026, 2, 28))).isTrue();
    assertThat(leyla.isChildOn(LocalDate.of(2026, 3, 1))).isFalse();
    assertThat(AgeRules.ageOn(leyla, LocalDate.of(2026, 3, 2))).isEqualTo(18);
  }
}
