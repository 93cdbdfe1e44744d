package no.bindeledd.core.consent;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsentDecisionsTest {

  private TestDatabase db;
  private Fixtures town;
  private Person amal;

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db);
    amal = town.participant();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private ConsentDecision decide(Flow flow, AgencyKind recipient) {
    return db.inTransaction(() -> town.decisions.decide(flow, recipient, town.clock.instant()));
  }

  private Flow gpToRefugeeService(DataCategory category, Purpose purpose) {
    return new Flow(amal.id(), GP_OFFICE, REFUGEE_SERVICE, category, purpose);
  }

  @Test
  void allowsTheFlowTheConsentCoversAndNamesTheConsent() {
    Consent consent = town.recordGpConsent(amal);

    ConsentDecision decision =
        decide(
            gpToRefugeeService(
                DataCategory.REFERRAL_STATUS, Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP),
            AgencyKind.REFUGEE_SERVICE);

    assertThat(decision.isAllowed()).isTrue();
    assertThat(decision.basis().id()).isEqualTo(consent.id());
  }

  @Test
  void refusesWithoutAnyConsent() {
    ConsentDecision decision =
        decide(
            gpToRefugeeService(
                DataCategory.REFERRAL_STATUS, Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP),
            AgencyKind.REFUGEE_SERVICE);

    assertThat(decision.isAllowed()).isFalse();
    assertThat(decision.refusalReason()).contains(Refusal.NO_CONSENT);
  }

  @Test
  void refusesAnotherCategoryPurposeDirectionOrPerson() {
    town.recordGpConsent(amal);
    Person other = town.participant();

    assertThat(
            decide(
                    gpToRefugeeService(
                        DataCategory.LANGUAGE_SUPPORT_NEEDS,
                        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP),
                    AgencyKind.REFUGEE_SERVICE)
                .isAllowed())
        .isFalse();
    assertThat(
            decide(
                    gpToRefugeeService(
                        DataCategory.REFERRAL_STATUS, Purpose.PARTICIPANT_PLAN_SHARING),
                    AgencyKind.REFUGEE_SERVICE)
                .isAllowed())
        .isFalse();
    assertThat(
            decide(
                    new Flow(
                        amal.id(),
                        REFUGEE_SERVICE,
                        GP_OFFICE,
                        DataCategory.REFERRAL_STATUS,
                        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP),
                    AgencyKind.GP_OFFICE)
                .isAllowed())
        .as("a one-way consent does not cover the opposite direction")
        .isFalse();
    assertThat(
            decide(
                    new Flow(
                        other.id(),
                        GP_OFFICE,
                        REFUGEE_SERVICE,
                        DataCategory.REFERRAL_STATUS,
                        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP),
                    AgencyKind.REFUGEE_SERVICE)
                .isAllowed())
        .isFalse();
  }

  @Test
  void refusesAfterWithdrawalAndSaysSo() {
    Consent consent = town.recordGpConsent(amal);
    db.inTransaction(
        () -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "the participant asked"));

    ConsentDecision decision =
        decide(
            gpToRefugeeService(
                DataCategory.REFERRAL_STATUS, Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP),
            AgencyKind.REFUGEE_SERVICE);

    assertThat(decision.refusalReason()).contains(Refusal.CONSENT_WITHDRAWN);
    assertThat(decision.explanation()).contains(consent.id());
  }

  @Test
  void refusesOnceTheValidityPeriodHasEnded() {
    town.recordGpConsent(amal);
    town.clock.advance(Duration.ofDays(366));

    ConsentDecision decision =
        decide(
            gpToRefugeeService(
                DataCategory.REFERRAL_STATUS, Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP),
            AgencyKind.REFUGEE_SERVICE);

    assertThat(decision.refusalReason()).contains(Refusal.CONSENT_EXPIRED);
  }

  @Test
  void healthDataNeverReachesASchoolWhateverTheConsent() {
    NewConsent healthToSchool =
        new NewConsent(
            amal.id(),
            amal.id(),
            REFUGEE_SERVICE,
            SCHOOL,
            Direction.ONE_WAY,
            Set.of(DataCategory.APPOINTMENT_OUTCOMES),
            Purpose.SCHOOL_START_FOLLOW_UP,
            town.clock.instant(),
            town.clock.instant().plus(Duration.ofDays(30)),
            CollectionMethod.SIGNATURE_PAD,
            "a".repeat(64),
            java.util.Locale.forLanguageTag("ar"),
            null,
            null,
            null);
    assertThatThrownBy(
            () -> db.inTransaction(() -> town.consentRegistry.record(CASEWORKER, healthToSchool)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("never");

    ConsentDecision decision =
        decide(
            new Flow(
                amal.id(),
                REFUGEE_SERVICE,
                SCHOOL,
                DataCategory.APPOINTMENT_OUTCOMES,
                Purpose.SCHOOL_START_FOLLOW_UP),
            AgencyKind.SCHOOL);
    assertThat(decision.refusalReason()).contains(Refusal.HEALTH_DATA_NOT_ALLOWED);
  }

  @Test
  void aChildsConsentComesFromAGuardian() {
    Person child = town.child(amal);
    Person stranger = town.participant();
    NewConsent byStranger =
        new NewConsent(
            child.id(),
            stranger.id(),
            SCHOOL,
            REFUGEE_SERVICE,
            Direction.BOTH_WAYS,
            Set.of(DataCategory.INTERPRETER_NEEDS),
            Purpose.SCHOOL_START_FOLLOW_UP,
            town.clock.instant(),
            town.clock.instant().plus(Duration.ofDays(180)),
            CollectionMethod.SIGNATURE_PAD,
            "b".repeat(64),
            java.util.Locale.forLanguageTag("ar"),
            null,
            null,
            null);
    assertThatThrownBy(
            () -> db.inTransaction(() -> town.consentRegistry.record(CASEWORKER, byStranger)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("guardian");

    NewConsent byParent =
        new NewConsent(
            child.id(),
            amal.id(),
            byStranger.disclosing(),
            byStranger.receiving(),
            Direction.BOTH_WAYS,
            byStranger.categories(),
            byStranger.purpose(),
            byStranger.validFrom(),
            byStranger.validUntil(),
            byStranger.collectionMethod(),
            byStranger.formSha256(),
            byStranger.textLanguage(),
            null,
            null,
            null);
    Consent consent = db.inTransaction(() -> town.consentRegistry.record(CASEWORKER, byParent));

    Flow refugeeServiceToSchool =
        new Flow(
            child.id(),
            REFUGEE_SERVICE,
            SCHOOL,
            DataCategory.INTERPRETER_NEEDS,
            Purpose.SCHOOL_START_FOLLOW_UP);
    assertThat(decide(refugeeServiceToSchool, AgencyKind.SCHOOL).basis().id())
        .as("a both-ways consent covers the reverse direction")
        .isEqualTo(consent.id());
  }

  @Test
  void aCaseworkerCannotRecordAConsentBetweenOtherAgencies() {
    NewConsent gpToNav =
        new NewConsent(
            amal.id(),
            amal.id(),
            GP_OFFICE,
            NAV,
            Direction.ONE_WAY,
            Set.of(DataCategory.PARTICIPANT_PLAN),
            Purpose.PARTICIPANT_PLAN_SHARING,
            town.clock.instant(),
            town.clock.instant().plus(Duration.ofDays(30)),
            CollectionMethod.SIGNATURE_PAD,
            "c".repeat(64),
            java.util.Locale.forLanguageTag("nb"),
            null,
            null,
            null);
    assertThatThrownBy(
            () -> db.inTransaction(() -> town.consentRegistry.record(CASEWORKER, gpToNav)))
        .isInstanceOf(no.bindeledd.core.access.AccessDenied.class);
  }

  @Test
  void keepsTheHistoryOfEveryChange() {
    Consent consent = town.recordGpConsent(amal);
    db.inTransaction(
        () -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "asked by phone"));
    db.em().clear();

    Consent reloaded = db.inTransaction(() -> town.consents.get(consent.id()));

    assertThat(reloaded.history())
        .extracting(ConsentChange::status)
        .containsExactly(ConsentStatus.ACTIVE, ConsentStatus.WITHDRAWN);
    assertThat(reloaded.history().get(1).reason()).isEqualTo("asked by phone");
    assertThat(reloaded.evidence().interpreter()).isPresent();
    assertThat(reloaded.evidence().interpreter().get().identity()).isEqualTo("Interpreter 4711");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), null)))
        .isInstanceOf(no.bindeledd.core.Conflict.class);
  }
}
