package no.bindeledd.core.consent;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.insight.AccessLog;
import no.bindeledd.core.audit.insight.AccessLogs;
import no.bindeledd.core.audit.insight.PersonalData;
import no.bindeledd.core.audit.insight.PersonalDataExport;
import no.bindeledd.core.persistence.JpaMessages;
import no.bindeledd.core.person.AgeRules;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person signed in as themselves reads and withdraws the consents about them and their young
 * children, reads their access log and takes out everything the hub holds; anything else is not
 * found, and the refugee service is told of each withdrawal.
 */
class CitizenConsentsTest {

  private TestDatabase db;
  private Fixtures town;
  private AccessLogs accessLogs;
  private PersonalDataExport exports;
  private Person amal;
  private Person sara;
  private Person sixteen;
  private Person other;
  private Consent amalsGp;
  private Consent amalsNav;
  private Consent sarasSchool;
  private Consent sixteensGp;
  private Consent othersGp;

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db);
    JpaMessages messages = new JpaMessages(db.em(), db.atRest());
    accessLogs =
        new AccessLogs(
            town.audit,
            town.people,
            town.agencies,
            town.consents,
            messages,
            town.clock,
            town.representation);
    exports =
        new PersonalDataExport(
            town.people,
            town.consents,
            messages,
            town.agencies,
            accessLogs,
            town.representation,
            town.audit,
            town.clock);
    amal = town.participant();
    sara = town.child(amal);
    sixteen =
        db.inTransaction(
            () ->
                town.personRegistry.registerChild(
                    CASEWORKER,
                    amal.id(),
                    new PersonRegistry.NewPerson(
                        NationalId.synthetic(LocalDate.of(2010, 11, 20), 50),
                        "Yusuf",
                        "Testesen",
                        Locale.forLanguageTag("ar"))));
    other = town.participant();
    amalsGp = town.recordGpConsent(amal);
    amalsNav = town.recordNavConsent(amal);
    sarasSchool = recordFor(sara, amal);
    sixteensGp = recordFor(sixteen, amal);
    othersGp = town.recordGpConsent(other);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  /**
   * A school's consent for a child, given by the guardian: no health data, so any age under 18 will
   * do; a child of 12 or over was heard first, as the age rules require.
   */
  private Consent recordFor(Person child, Person guardian) {
    LocalDate today = AgeRules.dayOf(town.clock.instant());
    ChildHeard heard =
        town.ageRules.mustBeHeard(child, today) ? new ChildHeard("Kari Kasus", today, null) : null;
    NewConsent byGuardian =
        new NewConsent(
            child.id(),
            guardian.id(),
            Fixtures.SCHOOL,
            REFUGEE_SERVICE,
            Direction.ONE_WAY,
            Set.of(DataCategory.LANGUAGE_SUPPORT_NEEDS),
            Purpose.SCHOOL_START_FOLLOW_UP,
            town.clock.instant(),
            town.clock.instant().plus(Duration.ofDays(365)),
            CollectionMethod.PAPER_FORM,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            Locale.forLanguageTag("ar"),
            null,
            null,
            null,
            heard);
    return db.inTransaction(() -> town.consentRegistry.record(CASEWORKER, byGuardian));
  }

  private static Actor citizen(Person person) {
    return Actor.citizen(person.id());
  }

  @Test
  void theCitizenListsEveryConsentAboutThemAndTheirYoungChildAndNoOneElses() {
    List<Consent> own =
        db.inTransaction(() -> town.consentRegistry.aboutSubject(citizen(amal), amal.id()));
    List<Consent> child =
        db.inTransaction(() -> town.consentRegistry.aboutSubject(citizen(amal), sara.id()));

    assertThat(own).extracting(Consent::id).containsExactlyInAnyOrder(amalsGp.id(), amalsNav.id());
    assertThat(child).extracting(Consent::id).containsExactly(sarasSchool.id());
    for (Person hidden : List.of(sixteen, other)) {
      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      () -> town.consentRegistry.aboutSubject(citizen(amal), hidden.id())))
          .isInstanceOf(NotFound.class);
    }
    assertThat(actorsOf("consent.read", amal)).containsExactly("person:" + amal.id());
  }

  @Test
  void theCitizenReadsTheirOwnAndTheirYoungChildsConsentAndAnyOtherIsNotFound() {
    assertThat(db.inTransaction(() -> town.consentRegistry.read(citizen(amal), amalsGp.id())))
        .extracting(Consent::id)
        .isEqualTo(amalsGp.id());
    assertThat(db.inTransaction(() -> town.consentRegistry.read(citizen(amal), sarasSchool.id())))
        .extracting(Consent::id)
        .isEqualTo(sarasSchool.id());
    for (Consent hidden : List.of(sixteensGp, othersGp)) {
      assertThatThrownBy(
              () -> db.inTransaction(() -> town.consentRegistry.read(citizen(amal), hidden.id())))
          .isInstanceOf(NotFound.class)
          .hasMessage("consent " + hidden.id() + " not found");
    }
    assertThat(actorsOf("consent.read", sixteen))
        .as("a refused look is no read of the young person's data")
        .isEmpty();
  }

  @Test
  void theCitizensWithdrawalTakesEffectAtOnceAndTheRefugeeServiceIsTold() {
    Consent withdrawn =
        db.inTransaction(() -> town.consentRegistry.withdraw(citizen(amal), amalsGp.id(), null));

    assertThat(withdrawn.statusAt(town.clock.instant())).isEqualTo(ConsentStatus.WITHDRAWN);
    assertThat(withdrawn.history())
        .last()
        .extracting(ConsentChange::by)
        .isEqualTo("person:" + amal.id());
    assertThat(actorsOf("consent.withdrawn", amal)).containsExactly("person:" + amal.id());
    assertThat(town.noticesGiven).hasSize(1);
    assertThat(town.noticesGiven.get(0).agency()).isEqualTo(REFUGEE_SERVICE);

    List<ConsentNotice> notices = db.inTransaction(() -> town.withdrawalNotices.list(CASEWORKER));
    assertThat(notices).hasSize(1);
    ConsentNotice notice = notices.get(0);
    assertThat(notice.id()).isEqualTo(town.noticesGiven.get(0).noticeId());
    assertThat(notice.consentId()).isEqualTo(amalsGp.id());
    assertThat(notice.subjectId()).isEqualTo(amal.id());
    assertThat(notice.noticedBy()).isEqualTo("person:" + amal.id());
    assertThat(notice.seenAt()).isEmpty();

    ConsentNotice seen =
        db.inTransaction(() -> town.withdrawalNotices.markSeen(CASEWORKER, notice.id()));
    assertThat(seen.seenBy()).contains(CASEWORKER.userId());
    assertThatThrownBy(
            () -> db.inTransaction(() -> town.withdrawalNotices.markSeen(CASEWORKER, notice.id())))
        .isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> db.inTransaction(() -> town.withdrawalNotices.list(citizen(amal))))
        .isInstanceOf(AccessDenied.class);
  }

  @Test
  void aGuardianWithdrawsTheirYoungChildsConsentButNoOneElses() {
    db.inTransaction(
        () -> town.consentRegistry.withdraw(citizen(amal), sarasSchool.id(), "we moved"));
    for (Consent hidden : List.of(sixteensGp, othersGp)) {
      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      () -> town.consentRegistry.withdraw(citizen(amal), hidden.id(), null)))
          .isInstanceOf(NotFound.class);
      assertThat(
              db.inTransaction(() -> town.consents.get(hidden.id())).statusAt(town.clock.instant()))
          .isEqualTo(ConsentStatus.ACTIVE);
    }
    assertThat(town.noticesGiven).hasSize(1);
  }

  @Test
  void aCaseworkersWithdrawalTellsNoOneAndACitizenCannotMarkAConsentEnteredInError() {
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, amalsNav.id(), "asked to"));
    assertThat(town.noticesGiven).isEmpty();
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        town.consentRegistry.markEnteredInError(
                            citizen(amal), amalsGp.id(), "wrong")))
        .isInstanceOf(AccessDenied.class);
  }

  @Test
  void theCitizenReadsTheirOwnAccessLogWhichShowsTheirOwnReadsAndNoOneElses() {
    db.inTransaction(() -> town.consentRegistry.read(citizen(amal), amalsGp.id()));

    AccessLog log = db.inTransaction(() -> accessLogs.read(citizen(amal), amal.id(), null));

    assertThat(log.subjectId()).isEqualTo(amal.id());
    assertThat(log.entries()).extracting(AccessLog.Entry::kind).contains("looked-at-consent");
    assertThat(actorsOf("access-log.read", amal)).containsExactly("person:" + amal.id());
    assertThat(db.inTransaction(() -> accessLogs.read(citizen(amal), sara.id(), null)).subjectId())
        .isEqualTo(sara.id());
    for (Person hidden : List.of(sixteen, other)) {
      assertThatThrownBy(
              () -> db.inTransaction(() -> accessLogs.read(citizen(amal), hidden.id(), null)))
          .isInstanceOf(NotFound.class);
    }
  }

  @Test
  void theExportHoldsTheRegisterEntryChildrenConsentsAndAccessLogAndIsAudited() {
    db.inTransaction(() -> town.consentRegistry.withdraw(citizen(amal), amalsNav.id(), null));

    PersonalData data = db.inTransaction(() -> exports.export(citizen(amal), amal.id(), null));

    assertThat(data.person().id()).isEqualTo(amal.id());
    assertThat(data.children())
        .as("the children she acts for; the young person of 16 is theirs to ask for")
        .extracting(Person::id)
        .containsExactly(sara.id());
    assertThat(data.consents())
        .extracting(Consent::id)
        .containsExactlyInAnyOrder(amalsGp.id(), amalsNav.id());
    Consent withdrawn =
        data.consents().stream()
            .filter(c -> c.id().equals(amalsNav.id()))
            .findFirst()
            .orElseThrow();
    assertThat(withdrawn.history())
        .extracting(ConsentChange::status)
        .containsExactly(ConsentStatus.ACTIVE, ConsentStatus.WITHDRAWN);
    assertThat(data.messages()).isEmpty();
    assertThat(data.messagesComplete()).isTrue();
    assertThat(data.accessLog().subjectId()).isEqualTo(amal.id());
    assertThat(actorsOf("person.exported", amal)).containsExactly("person:" + amal.id());

    PersonalData childs = db.inTransaction(() -> exports.export(citizen(amal), sara.id(), null));
    assertThat(childs.guardians()).extracting(Person::id).containsExactly(amal.id());
    for (Person hidden : List.of(sixteen, other)) {
      assertThatThrownBy(
              () -> db.inTransaction(() -> exports.export(citizen(amal), hidden.id(), null)))
          .isInstanceOf(NotFound.class);
    }
    assertThat(db.inTransaction(() -> exports.export(CASEWORKER, sixteen.id(), null)).person().id())
        .as("the office takes it out for a person without an electronic ID")
        .isEqualTo(sixteen.id());
    assertThatThrownBy(() -> db.inTransaction(() -> exports.export(Fixtures.GP, amal.id(), null)))
        .isInstanceOf(AccessDenied.class);
  }

  /** Who did {@code action} about the person, in order. */
  private List<String> actorsOf(String action, Person subject) {
    return db.inTransaction(() -> town.auditEntries()).stream()
        .filter(e -> e.action().equals(action) && subject.id().equals(e.subjectId()))
        .map(AuditEntry::actorUser)
        .toList();
  }
}
