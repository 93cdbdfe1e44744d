package no.bindeledd.core.exchange;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static no.bindeledd.core.Fixtures.SCHOOL_LIAISON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.consent.ConsentDifference;
import no.bindeledd.core.consent.Coverage;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Flow;
import no.bindeledd.core.consent.NoCoveringConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.persistence.JpaMessages;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Would a consent cover this?" before sending: the decision sending would get, the consents that
 * come closest, what consent to record; nothing decided for real and nothing stored, the look at
 * the person's consents audited.
 */
class CoverageCheckTest {

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private MessageExchange exchange;
  private JpaMessages messages;
  private Person amal;

  @BeforeAll
  static void issueKeys() {
    keys = Fixtures.issueKeys(keysDir, REFUGEE_SERVICE, GP_OFFICE, SCHOOL);
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Fixtures.ExchangeServices services = town.exchangeSigningWith(keys);
    messages = services.messages();
    exchange = services.exchange();
    amal = town.participant();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private MessageExchange.NewRequest referral(Person subject) {
    return new MessageExchange.NewRequest(
        GP_OFFICE,
        subject.id(),
        DataCategory.REFERRAL_STATUS,
        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
        null);
  }

  private Coverage check(Actor actor, MessageExchange.NewRequest draft) {
    return db.inTransaction(() -> exchange.checkRequest(actor, draft));
  }

  private List<AuditEntry> audit() {
    return db.inTransaction(() -> town.auditEntries());
  }

  @Test
  void aCoveredDraftNamesItsConsentAndNothingIsSentOrDecided() {
    Consent consent = town.recordGpConsent(amal);
    List<AuditEntry> before = audit();

    Coverage coverage = check(CASEWORKER, referral(amal));

    assertThat(coverage.decision().isAllowed()).isTrue();
    assertThat(coverage.decision().basis().id()).isEqualTo(consent.id());
    assertThat(coverage.closest()).isEmpty();
    assertThat(coverage.consentToRecord()).isEmpty();
    assertThat(db.inTransaction(() -> exchange.sent(CASEWORKER))).isEmpty();
    // The logs number their entries apart: what is new is what was not there before, in any log.
    List<AuditEntry> added =
        audit().stream()
            .filter(
                e -> before.stream().noneMatch(b -> b.log().equals(e.log()) && b.seq() == e.seq()))
            .toList();
    assertThat(added)
        .as("one look at the person's consents, and no decision")
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("consent.read");
              assertThat(e.subjectId()).isEqualTo(amal.id());
              assertThat(e.consentId()).isEqualTo(consent.id());
            });
  }

  @Test
  void aDraftAfterWithdrawalSaysWhyNamesTheWithdrawnConsentAndWhatToRecord() {
    Consent consent = town.recordGpConsent(amal);
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "asked"));

    Coverage coverage = check(CASEWORKER, referral(amal));

    assertThat(coverage.decision().refusalReason()).contains(Refusal.CONSENT_WITHDRAWN);
    assertThat(coverage.closest())
        .singleElement()
        .satisfies(
            miss -> {
              assertThat(miss.consent().id()).isEqualTo(consent.id());
              assertThat(miss.differences()).containsExactly(ConsentDifference.WITHDRAWN);
            });
    Flow wanted = coverage.consentToRecord().orElseThrow();
    assertThat(wanted.from()).as("disclosed by the office asked").isEqualTo(GP_OFFICE);
    assertThat(wanted.to()).isEqualTo(REFUGEE_SERVICE);
    assertThat(wanted.category()).isEqualTo(DataCategory.REFERRAL_STATUS);
    assertThat(wanted.purpose()).isEqualTo(Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP);
  }

  @Test
  void theCheckGivesTheRefusalThatSendingGets() {
    Consent consent = town.recordGpConsent(amal);
    town.clock.advance(java.time.Duration.ofDays(366));

    Coverage coverage = check(CASEWORKER, referral(amal));
    MessageExchange.NewRequest sending =
        new MessageExchange.NewRequest(
            GP_OFFICE,
            amal.id(),
            DataCategory.REFERRAL_STATUS,
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
            "Any news?");

    assertThatThrownBy(
            () ->
                db.inTransactionKeeping(
                    NoCoveringConsent.class, () -> exchange.sendRequest(CASEWORKER, sending)))
        .isInstanceOf(NoCoveringConsent.class)
        .satisfies(
            e ->
                assertThat(((NoCoveringConsent) e).decision().refusalReason())
                    .isEqualTo(coverage.decision().refusalReason())
                    .contains(Refusal.CONSENT_EXPIRED));
    assertThat(coverage.closest())
        .singleElement()
        .satisfies(m -> assertThat(m.consent().id()).isEqualTo(consent.id()));
  }

  @Test
  void healthDataForASchoolIsRefusedBeforeAnyConsentAndNoConsentCouldCoverIt() {
    Person sara = town.child(amal);

    Coverage coverage =
        check(
            SCHOOL_LIAISON,
            new MessageExchange.NewRequest(
                REFUGEE_SERVICE,
                sara.id(),
                DataCategory.APPOINTMENT_OUTCOMES,
                Purpose.SCHOOL_START_FOLLOW_UP,
                null));

    assertThat(coverage.decision().refusalReason()).contains(Refusal.HEALTH_DATA_NOT_ALLOWED);
    assertThat(coverage.consentToRecord()).isEmpty();
  }

  @Test
  void onlyThoseWhoMaySendTheDraftMayAsk() {
    Actor auditor = new Actor("aud", REFUGEE_SERVICE, Role.AUDITOR);
    Actor gpAtASchool = new Actor("mallory", SCHOOL, Role.GP_STAFF);

    assertThatThrownBy(() -> check(auditor, referral(amal))).isInstanceOf(AccessDenied.class);
    assertThatThrownBy(() -> check(gpAtASchool, referral(amal))).isInstanceOf(AccessDenied.class);
    assertThatThrownBy(
            () ->
                check(
                    CASEWORKER,
                    new MessageExchange.NewRequest(
                        REFUGEE_SERVICE,
                        amal.id(),
                        DataCategory.REFERRAL_STATUS,
                        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                        null)))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(
            () ->
                check(
                    CASEWORKER,
                    new MessageExchange.NewRequest(
                        GP_OFFICE,
                        "00000000-0000-0000-0000-000000000000",
                        DataCategory.REFERRAL_STATUS,
                        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                        null)))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> db.inTransaction(() -> exchange.checkPlan(SCHOOL_LIAISON, amal.id(), NAV)))
        .as("only the refugee service shares plans")
        .isInstanceOf(AccessDenied.class);
  }

  @Test
  void aPlanDraftIsCheckedAsSharingItWouldBe() {
    Coverage without = db.inTransaction(() -> exchange.checkPlan(CASEWORKER, amal.id(), NAV));
    Consent consent = town.recordNavConsent(amal);
    Coverage with = db.inTransaction(() -> exchange.checkPlan(CASEWORKER, amal.id(), NAV));

    assertThat(without.decision().refusalReason()).contains(Refusal.NO_CONSENT);
    assertThat(without.consentToRecord().orElseThrow().to()).isEqualTo(NAV);
    assertThat(with.decision().basis().id()).isEqualTo(consent.id());
    assertThatThrownBy(
            () -> db.inTransaction(() -> exchange.checkPlan(CASEWORKER, amal.id(), GP_OFFICE)))
        .isInstanceOf(InvalidInput.class);
    assertThat(db.inTransaction(() -> messages.aboutSubject(amal.id(), 10))).isEmpty();
  }
}
