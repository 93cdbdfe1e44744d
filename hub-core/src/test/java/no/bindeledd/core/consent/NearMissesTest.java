package no.bindeledd.core.consent;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.ConsentDecisions.NearMiss;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a consent falls short of a flow, and which consents come closest: the answer a caseworker
 * gets before asking, built on the same statement of covering that deciding uses.
 */
class NearMissesTest {

  private static final OrganisationNumber OTHER_GP = Fixtures.SHARED_GP_OFFICE;

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

  /** The flow a request for Amal's referral status asks for: from the GP office to us. */
  private Flow referralFromGp() {
    return new Flow(
        amal.id(),
        GP_OFFICE,
        REFUGEE_SERVICE,
        DataCategory.REFERRAL_STATUS,
        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
  }

  private Consent record(
      OrganisationNumber disclosing,
      OrganisationNumber receiving,
      Set<DataCategory> categories,
      Purpose purpose) {
    Instant now = town.clock.instant();
    return db.inTransaction(
        () ->
            town.consentRegistry.record(
                CASEWORKER,
                new NewConsent(
                    amal.id(),
                    amal.id(),
                    disclosing,
                    receiving,
                    Direction.ONE_WAY,
                    categories,
                    purpose,
                    now,
                    now.plus(Duration.ofDays(365)),
                    CollectionMethod.PAPER_FORM,
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    Locale.forLanguageTag("ar"),
                    null,
                    null,
                    null)));
  }

  private List<NearMiss> closest(Flow flow, OrganisationNumber seenBy) {
    return db.inTransaction(() -> town.decisions.closest(flow, seenBy, town.clock.instant(), 10));
  }

  private static Set<ConsentDifference> of(ConsentDifference... differences) {
    return Set.of(differences);
  }

  @Test
  void aCoveringConsentDiffersInNothingAndIsNoNearMiss() {
    Consent consent = town.recordGpConsent(amal);

    assertThat(consent.differencesFrom(referralFromGp(), town.clock.instant(), town.ageRules))
        .isEmpty();
    assertThat(consent.covers(referralFromGp(), town.clock.instant(), town.ageRules)).isTrue();
    assertThat(closest(referralFromGp(), REFUGEE_SERVICE)).isEmpty();
  }

  @Test
  void eachConsentNamesHowItFallsShortClosestFirst() {
    Consent otherCategory =
        record(
            GP_OFFICE,
            REFUGEE_SERVICE,
            Set.of(DataCategory.APPOINTMENT_OUTCOMES),
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
    Consent otherOffice =
        record(
            OTHER_GP,
            REFUGEE_SERVICE,
            Set.of(DataCategory.REFERRAL_STATUS),
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
    Consent otherDirection =
        record(
            REFUGEE_SERVICE,
            GP_OFFICE,
            Set.of(DataCategory.REFERRAL_STATUS),
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
    Consent otherPurposeAndCategory =
        record(
            GP_OFFICE,
            REFUGEE_SERVICE,
            Set.of(DataCategory.APPOINTMENT_OUTCOMES),
            Purpose.PARTICIPANT_PLAN_SHARING);
    Consent withdrawn = town.recordGpConsent(amal);
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, withdrawn.id(), "asked"));
    Consent unrelated =
        record(
            REFUGEE_SERVICE,
            NAV,
            Set.of(DataCategory.PARTICIPANT_PLAN),
            Purpose.PARTICIPANT_PLAN_SHARING);

    List<NearMiss> closest = closest(referralFromGp(), REFUGEE_SERVICE);

    assertThat(closest)
        .extracting(m -> m.consent().id())
        .as("one term apart before two, same terms but withdrawn before a term apart")
        .startsWith(withdrawn.id())
        .contains(otherCategory.id(), otherOffice.id(), otherDirection.id())
        .endsWith(otherPurposeAndCategory.id())
        .doesNotContain(unrelated.id());
    assertThat(closest)
        .filteredOn(m -> m.consent().id().equals(withdrawn.id()))
        .singleElement()
        .extracting(NearMiss::differences)
        .isEqualTo(of(ConsentDifference.WITHDRAWN));
    assertThat(differences(closest, otherCategory)).isEqualTo(of(ConsentDifference.OTHER_CATEGORY));
    assertThat(differences(closest, otherOffice)).isEqualTo(of(ConsentDifference.OTHER_AGENCIES));
    assertThat(differences(closest, otherDirection))
        .isEqualTo(of(ConsentDifference.OTHER_DIRECTION));
    assertThat(differences(closest, otherPurposeAndCategory))
        .isEqualTo(of(ConsentDifference.OTHER_CATEGORY, ConsentDifference.OTHER_PURPOSE));
  }

  private static Set<ConsentDifference> differences(List<NearMiss> misses, Consent consent) {
    return misses.stream()
        .filter(m -> m.consent().id().equals(consent.id()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("consent " + consent.id() + " is not listed"))
        .differences();
  }

  @Test
  void anExpiredConsentSaysItExpiredAndOneEnteredInErrorIsLeftOut() {
    Consent expired = town.recordGpConsent(amal);
    town.clock.advance(Duration.ofDays(366));
    Consent erroneous = town.recordGpConsent(amal);
    db.inTransaction(
        () -> town.consentRegistry.markEnteredInError(CASEWORKER, erroneous.id(), "wrong person"));

    List<NearMiss> closest = closest(referralFromGp(), REFUGEE_SERVICE);

    assertThat(closest).extracting(m -> m.consent().id()).containsExactly(expired.id());
    assertThat(closest.get(0).differences()).isEqualTo(of(ConsentDifference.EXPIRED));
  }

  @Test
  void anAgencySeesOnlyTheConsentsThatNameIt() {
    town.recordGpConsent(amal);

    assertThat(closest(referralFromGp(), SCHOOL))
        .as("the school learns nothing of a consent between the GP office and us")
        .isEmpty();
    assertThat(
            closest(
                new Flow(
                    amal.id(),
                    OTHER_GP,
                    REFUGEE_SERVICE,
                    DataCategory.REFERRAL_STATUS,
                    Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP),
                OTHER_GP))
        .as("nor does another GP office")
        .isEmpty();
  }
}
