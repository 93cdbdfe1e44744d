package no.bindeledd.core.persistence;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.KINDERGARTEN;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentChange;
import no.bindeledd.core.consent.ConsentDecision;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Direction;
import no.bindeledd.core.consent.Flow;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request, answer and delivery asks for a consent decision, so what one costs is mostly how
 * many times it goes to the database. These count the statements a decision executes, at the JDBC
 * level, for a person with five consents read as a fresh request reads them (nothing in the
 * persistence context, their data key not yet unwrapped), so that reading each consent's parts by
 * queries of their own cannot come back unnoticed.
 */
class ConsentDecisionRoundTripsTest {

  /**
   * The consents with the person, their history joined; the person's data key; the categories and
   * the further guardians of all the consents: one query each, however many consents there are.
   */
  private static final int MOST_STATEMENTS_A_DECISION = 4;

  private StatementCounter database;
  private TestDatabase db;
  private Fixtures town;
  private Person amal;
  private Consent gp;
  private Consent school;

  @BeforeEach
  void setUp() {
    database = new StatementCounter(TestDatabase.freshH2());
    db = new TestDatabase(database);
    town = new Fixtures(db);
    amal = town.participant();
    gp = town.recordGpConsent(amal);
    town.recordNavConsent(amal);
    school =
        record(
            REFUGEE_SERVICE,
            SCHOOL,
            DataCategory.LANGUAGE_SUPPORT_NEEDS,
            Purpose.SCHOOL_START_FOLLOW_UP);
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, school.id(), "moved away"));
    record(
        REFUGEE_SERVICE,
        KINDERGARTEN,
        DataCategory.INTERPRETER_NEEDS,
        Purpose.KINDERGARTEN_START_FOLLOW_UP);
    record(
        GP_OFFICE,
        REFUGEE_SERVICE,
        DataCategory.REFERRAL_STATUS,
        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Consent record(
      OrganisationNumber from, OrganisationNumber to, DataCategory category, Purpose purpose) {
    return db.inTransaction(
        () ->
            town.consentRegistry.record(
                CASEWORKER,
                new NewConsent(
                    amal.id(),
                    amal.id(),
                    from,
                    to,
                    Direction.ONE_WAY,
                    Set.of(category),
                    purpose,
                    town.clock.instant(),
                    town.clock.instant().plus(Duration.ofDays(200)),
                    CollectionMethod.PAPER_FORM,
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    Locale.forLanguageTag("ar"),
                    "Interpreter 4711",
                    Locale.forLanguageTag("ar"),
                    null)));
  }

  /** A decision as a fresh request makes it, counting what it sends to the database. */
  private ConsentDecision decideAfresh(Flow flow) {
    db.em().clear();
    db.atRest().forgetUnwrappedKeys();
    database.reset();
    return db.inTransaction(
        () -> town.decisions.decide(flow, AgencyKind.REFUGEE_SERVICE, town.clock.instant()));
  }

  @Test
  void anAllowedDecisionAmongFiveConsentsTakesAFewStatements() {
    assertThat(db.inTransaction(() -> town.consents.aboutSubject(amal.id()))).hasSize(5);

    ConsentDecision decision =
        decideAfresh(
            new Flow(
                amal.id(),
                GP_OFFICE,
                REFUGEE_SERVICE,
                DataCategory.APPOINTMENT_OUTCOMES,
                Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP));

    List<String> executed = database.executed();
    assertThat(decision.isAllowed()).isTrue();
    assertThat(decision.basis().id()).isEqualTo(gp.id());
    // The history was read, and its reasons opened, within the decision: reading it now asks
    // the database nothing more.
    assertThat(decision.basis().history())
        .extracting(ConsentChange::status, ConsentChange::reason)
        .containsExactly(tuple(ConsentStatus.ACTIVE, "recorded"));
    assertThat(database.executed()).isEqualTo(executed);
    assertThat(executed)
        .as("statements of one decision")
        .hasSizeLessThanOrEqualTo(MOST_STATEMENTS_A_DECISION);
  }

  @Test
  void aRefusalNamingTheWithdrawnConsentTakesNoMoreStatements() {
    ConsentDecision decision =
        decideAfresh(
            new Flow(
                amal.id(),
                REFUGEE_SERVICE,
                SCHOOL,
                DataCategory.LANGUAGE_SUPPORT_NEEDS,
                Purpose.SCHOOL_START_FOLLOW_UP));

    List<String> executed = database.executed();
    assertThat(decision.refusalReason()).contains(Refusal.CONSENT_WITHDRAWN);
    assertThat(decision.explanation()).contains(school.id());
    assertThat(decision.flow().subjectId()).isEqualTo(amal.id());
    assertThat(executed)
        .as("statements of one decision")
        .hasSizeLessThanOrEqualTo(MOST_STATEMENTS_A_DECISION);
  }
}
