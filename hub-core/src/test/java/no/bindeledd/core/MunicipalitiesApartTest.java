package no.bindeledd.core;

import static no.bindeledd.core.Fixtures.AUDITOR;
import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.OTHER_AUDITOR;
import static no.bindeledd.core.Fixtures.OTHER_CASEWORKER;
import static no.bindeledd.core.Fixtures.OTHER_MUNICIPALITY;
import static no.bindeledd.core.Fixtures.OTHER_REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.OTHER_SCHOOL_LIAISON;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SHARED_GP;
import static no.bindeledd.core.Fixtures.SHARED_GP_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.insight.AccessLogs;
import no.bindeledd.core.audit.insight.PersonalDataExport;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentNotice;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.ParticipantPlan;
import no.bindeledd.core.persistence.JpaMessages;
import no.bindeledd.core.person.MunicipalAccess;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two municipalities on one hub, strictly apart: a caseworker, liaison or auditor of one never
 * learns of the other's people, consents, notices or messages. Each refusal is "not found", the
 * answer for an unknown id, and each list simply leaves the other municipality out; the GP office
 * both municipalities share knows the people of both.
 */
class MunicipalitiesApartTest {

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private MessageExchange exchange;
  private Delivery delivery;
  private JpaMessages messages;
  private AccessLogs accessLogs;
  private PersonalDataExport exports;

  /** A participant of the fixtures' municipality (Fjordvik) and one of the other (Elvdal). */
  private Person amal;

  private Person olena;

  @BeforeAll
  static void issueKeys() {
    keys =
        Fixtures.issueKeys(
            keysDir, REFUGEE_SERVICE, GP_OFFICE, NAV, OTHER_REFUGEE_SERVICE, SHARED_GP_OFFICE);
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Fixtures.ExchangeServices services = town.exchangeSigningWith(keys);
    exchange = services.exchange();
    delivery = services.delivery();
    messages = services.messages();
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
    olena = town.participantInTheOtherMunicipality();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private void assertNotFound(Runnable call, String what) {
    assertThatThrownBy(() -> db.inTransaction(call::run))
        .isInstanceOf(NotFound.class)
        .hasMessageContaining(what);
  }

  private Person childOf(Person guardian, Actor caseworker, int number) {
    return db.inTransaction(
        () ->
            town.personRegistry.registerChild(
                caseworker,
                guardian.id(),
                new PersonRegistry.NewPerson(
                    NationalId.synthetic(LocalDate.of(2017, 5, 5), 100 + number),
                    "Mykola",
                    "Prøvesen",
                    Locale.forLanguageTag("uk"))));
  }

  @Test
  void eachStaffMemberActsInTheirAgencysMunicipalityAndAGpOfficeInNone() {
    MunicipalAccess access = new MunicipalAccess(town.agencies, town.people);
    db.inTransaction(
        () -> {
          assertThat(access.municipalityOf(OTHER_CASEWORKER)).contains(OTHER_MUNICIPALITY);
          assertThat(access.municipalityOf(OTHER_SCHOOL_LIAISON)).contains(OTHER_MUNICIPALITY);
          assertThat(access.municipalityOf(OTHER_AUDITOR)).contains(OTHER_MUNICIPALITY);
          assertThat(access.municipalityOf(CASEWORKER)).contains(Fixtures.MUNICIPALITY);
          assertThat(access.municipalityOf(SHARED_GP)).isEmpty();
          assertThat(access.mayKnow(SHARED_GP, amal)).isTrue();
          assertThat(access.mayKnow(SHARED_GP, olena)).isTrue();
          assertThat(access.mayKnow(Fixtures.GP, olena))
              .as("a GP office that serves only Fjordvik")
              .isFalse();
          assertThat(access.mayKnow(OTHER_SCHOOL_LIAISON, amal)).isFalse();
          assertThat(access.mayKnow(new Actor("aud-gp", GP_OFFICE, Role.AUDITOR), amal))
              .as("an auditor at an agency of no one municipality")
              .isFalse();
          assertThat(access.mayKnow(Actor.administrator("ada"), amal)).isFalse();
          assertThat(access.mayKnow(Actor.hub(), olena)).isTrue();
        });
  }

  @Test
  void aCaseworkerFindsNoOneOfTheOtherMunicipalityByIdNationalIdOrAsAGuardian() {
    assertNotFound(() -> town.personRegistry.read(OTHER_CASEWORKER, amal.id()), "person");
    assertNotFound(() -> town.personRegistry.read(CASEWORKER, olena.id()), "person");
    assertThat(
            db.inTransaction(
                () -> town.personRegistry.findByNationalId(OTHER_CASEWORKER, amal.nationalId())))
        .isEmpty();
    assertThat(
            db.inTransaction(
                () -> town.personRegistry.findByNationalId(OTHER_CASEWORKER, olena.nationalId())))
        .map(Person::id)
        .contains(olena.id());
    assertNotFound(() -> town.personRegistry.childrenOf(OTHER_CASEWORKER, amal.id()), "person");
    assertThatThrownBy(() -> childOf(amal, OTHER_CASEWORKER, 1)).isInstanceOf(NotFound.class);
    assertThat(db.inTransaction(() -> town.people.childrenOf(amal))).isEmpty();
  }

  @Test
  void aChildIsRegisteredInItsGuardiansMunicipalityAndSeenOnlyThere() {
    Person mykola = childOf(olena, OTHER_CASEWORKER, 2);

    assertThat(mykola.isIn(OTHER_MUNICIPALITY)).isTrue();
    assertThat(db.inTransaction(() -> town.personRegistry.childrenOf(OTHER_CASEWORKER, olena.id())))
        .extracting(Person::id)
        .containsExactly(mykola.id());
    assertNotFound(() -> town.personRegistry.read(CASEWORKER, mykola.id()), "person");
  }

  @Test
  void noGuardianIsLinkedAcrossMunicipalities() {
    Person mykola = childOf(olena, OTHER_CASEWORKER, 3);

    assertNotFound(
        () -> town.personRegistry.linkGuardian(OTHER_CASEWORKER, mykola.id(), amal.id()), "person");
    assertNotFound(
        () -> town.personRegistry.linkGuardian(CASEWORKER, mykola.id(), amal.id()), "person");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.personRegistry.linkGuardian(Actor.hub(), mykola.id(), amal.id())))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("municipality");
    assertThat(db.inTransaction(() -> town.people.get(mykola.id()).guardians()))
        .extracting(Person::id)
        .containsExactly(olena.id());
  }

  @Test
  void theRegisterListsAndSearchesOnlyTheCaseworkersMunicipality() {
    PersonRegistry.Page fjordvik =
        db.inTransaction(() -> town.personRegistry.list(CASEWORKER, 0, 100));
    PersonRegistry.Page elvdal =
        db.inTransaction(() -> town.personRegistry.list(OTHER_CASEWORKER, 0, 100));

    assertThat(fjordvik.people()).extracting(Person::id).containsExactly(amal.id());
    assertThat(elvdal.people()).extracting(Person::id).containsExactly(olena.id());
    assertThat(
            db
                .inTransaction(
                    () -> town.personRegistry.search(OTHER_CASEWORKER, "Amal", 0, 100).people())
                .stream()
                .map(Person::id))
        .isEmpty();
    assertThat(
            db
                .inTransaction(
                    () -> town.personRegistry.search(OTHER_CASEWORKER, "Olena", 0, 100).people())
                .stream()
                .map(Person::id))
        .containsExactly(olena.id());
    assertThat(
            Stream.of(
                    AuditLogId.HUB,
                    AuditLogId.of(Fixtures.MUNICIPALITY),
                    AuditLogId.of(OTHER_MUNICIPALITY))
                .flatMap(
                    log ->
                        db.inTransaction(() -> town.auditTrail.entriesAfter(log, 0, 1000)).stream())
                .filter(e -> e.action().equals("person.read"))
                .filter(e -> e.actorUser().equals(OTHER_CASEWORKER.userId()))
                .map(e -> e.subjectId()))
        .as("the other municipality's caseworker is never audited as reading Fjordvik's person")
        .doesNotContain(amal.id());
  }

  @Test
  void aCaseworkerRecordsNoConsentAboutAPersonOfTheOtherMunicipality() {
    assertNotFound(
        () -> town.consentRegistry.record(OTHER_CASEWORKER, town.sharedGpConsent(amal)), "person");
    assertNotFound(() -> town.consentRegistry.record(CASEWORKER, town.gpConsent(olena)), "person");
    assertThat(db.inTransaction(() -> town.consents.aboutSubject(olena.id()))).isEmpty();
  }

  @Test
  void everyAgencyInAConsentServesTheSubjectsMunicipality() {
    NewConsent withFjordviksGp =
        new NewConsent(
            olena.id(),
            olena.id(),
            GP_OFFICE,
            OTHER_REFUGEE_SERVICE,
            town.sharedGpConsent(olena).direction(),
            town.sharedGpConsent(olena).categories(),
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
            town.clock.instant(),
            town.sharedGpConsent(olena).validUntil(),
            town.sharedGpConsent(olena).collectionMethod(),
            town.sharedGpConsent(olena).formSha256(),
            Locale.forLanguageTag("uk"),
            null,
            null,
            null);

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.consentRegistry.record(OTHER_CASEWORKER, withFjordviksGp)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining(GP_OFFICE.value())
        .hasMessageContaining("does not serve the municipality");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> town.consentRegistry.importConsent(OTHER_CASEWORKER, withFjordviksGp)))
        .isInstanceOf(InvalidInput.class);
    assertThat(db.inTransaction(() -> town.consents.aboutSubject(olena.id()))).isEmpty();

    Consent shared = town.recordSharedGpConsentInTheOtherMunicipality(olena);
    assertThat(shared.disclosingAgency()).isEqualTo(SHARED_GP_OFFICE);
  }

  @Test
  void aConsentOfTheOtherMunicipalityIsNotFoundForItsStaffAndAuditor() {
    Consent fjordviks = town.recordGpConsent(amal);
    Consent elvdals = town.recordSharedGpConsentInTheOtherMunicipality(olena);

    for (Actor elvdal : List.of(OTHER_CASEWORKER, OTHER_SCHOOL_LIAISON, OTHER_AUDITOR)) {
      assertNotFound(() -> town.consentRegistry.read(elvdal, fjordviks.id()), "consent");
    }
    assertNotFound(() -> town.consentRegistry.read(CASEWORKER, elvdals.id()), "consent");
    assertNotFound(() -> town.consentRegistry.read(AUDITOR, elvdals.id()), "consent");
    assertNotFound(
        () -> town.consentRegistry.withdraw(OTHER_CASEWORKER, fjordviks.id(), "no"), "consent");
    assertNotFound(
        () -> town.consentRegistry.markEnteredInError(OTHER_CASEWORKER, fjordviks.id(), "no"),
        "consent");
    assertNotFound(() -> town.consentRegistry.confirm(OTHER_CASEWORKER, fjordviks.id()), "consent");
    assertNotFound(
        () -> town.consentRegistry.addGuardianConsent(OTHER_CASEWORKER, fjordviks.id(), olena.id()),
        "consent");
    assertNotFound(() -> town.consentRegistry.aboutSubject(OTHER_CASEWORKER, amal.id()), "person");

    assertThat(db.inTransaction(() -> town.consentRegistry.read(OTHER_AUDITOR, elvdals.id())).id())
        .isEqualTo(elvdals.id());
    assertThat(db.inTransaction(() -> town.consentRegistry.read(AUDITOR, fjordviks.id())).id())
        .isEqualTo(fjordviks.id());
    assertThat(db.inTransaction(() -> town.consentRegistry.read(SHARED_GP, elvdals.id())).id())
        .as("the shared GP office reads the consent it is named in")
        .isEqualTo(elvdals.id());
    assertThat(
            db.inTransaction(() -> town.consentRegistry.aboutSubject(OTHER_CASEWORKER, olena.id())))
        .extracting(Consent::id)
        .containsExactly(elvdals.id());
    assertThat(
            db.inTransaction(() -> town.consentRegistry.read(CASEWORKER, fjordviks.id()))
                .statusAt(town.clock.instant()))
        .as("nothing the other municipality tried changed Fjordvik's consent")
        .isEqualTo(no.bindeledd.core.consent.ConsentStatus.ACTIVE);
  }

  @Test
  void aWithdrawalNoticeGoesToTheSubjectsMunicipalityAndIsNotFoundElsewhere() {
    Consent elvdals = town.recordSharedGpConsentInTheOtherMunicipality(olena);
    db.inTransaction(
        () -> town.consentRegistry.withdraw(Actor.citizen(olena.id()), elvdals.id(), null));

    List<ConsentNotice> elvdal =
        db.inTransaction(() -> town.withdrawalNotices.list(OTHER_CASEWORKER));
    assertThat(elvdal).extracting(ConsentNotice::consentId).containsExactly(elvdals.id());
    assertThat(db.inTransaction(() -> town.withdrawalNotices.list(CASEWORKER))).isEmpty();
    assertNotFound(() -> town.withdrawalNotices.markSeen(CASEWORKER, elvdal.get(0).id()), "notice");
  }

  private MessageExchange.NewRequest referral(
      no.bindeledd.core.party.OrganisationNumber to, Person subject) {
    return new MessageExchange.NewRequest(
        to,
        subject.id(),
        DataCategory.REFERRAL_STATUS,
        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
        "Was the participant referred to hospital?");
  }

  @Test
  void noRequestOrPlanGoesAboutAPersonFromOrToAnAgencyThatDoesNotServeTheirMunicipality() {
    town.recordGpConsent(amal);
    town.recordNavConsent(amal);
    town.recordSharedGpConsentInTheOtherMunicipality(olena);

    assertNotFound(
        () -> exchange.sendRequest(OTHER_CASEWORKER, referral(SHARED_GP_OFFICE, amal)), "person");
    assertNotFound(
        () -> exchange.sendRequest(OTHER_CASEWORKER, referral(GP_OFFICE, olena)), "person");
    assertNotFound(() -> exchange.sendRequest(CASEWORKER, referral(GP_OFFICE, olena)), "person");
    assertNotFound(
        () -> exchange.sendRequest(SHARED_GP, referral(OTHER_REFUGEE_SERVICE, amal)), "person");
    assertNotFound(
        () -> exchange.checkRequest(OTHER_CASEWORKER, referral(SHARED_GP_OFFICE, amal)), "person");
    assertNotFound(() -> exchange.checkPlan(OTHER_CASEWORKER, amal.id(), NAV), "person");
    ParticipantPlan plan =
        new ParticipantPlan(
            LocalDate.of(2027, 1, 4),
            List.of(
                new ParticipantPlan.Phase(
                    "Introduction",
                    LocalDate.of(2027, 1, 4),
                    LocalDate.of(2027, 6, 30),
                    List.of(
                        new ParticipantPlan.Measure(
                            "Norwegian classes", "mornings, five days a week")))));
    assertNotFound(() -> exchange.sendPlan(OTHER_CASEWORKER, olena.id(), NAV, plan), "person");
    assertNotFound(() -> exchange.sendPlan(OTHER_CASEWORKER, amal.id(), NAV, plan), "person");

    assertThat(db.inTransaction(() -> messages.aboutSubject(amal.id(), 100))).isEmpty();
    assertThat(db.inTransaction(() -> messages.aboutSubject(olena.id(), 100))).isEmpty();
  }

  @Test
  void theSharedGpOfficeSeesItsConversationsInBothMunicipalitiesAndNoOneElseSeesThem() {
    town.recordSharedGpConsentInTheOtherMunicipality(olena);
    NewConsent fjordvikSharedGp =
        new NewConsent(
            amal.id(),
            amal.id(),
            SHARED_GP_OFFICE,
            REFUGEE_SERVICE,
            town.gpConsent(amal).direction(),
            town.gpConsent(amal).categories(),
            Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
            town.clock.instant(),
            town.gpConsent(amal).validUntil(),
            town.gpConsent(amal).collectionMethod(),
            town.gpConsent(amal).formSha256(),
            Locale.forLanguageTag("ar"),
            null,
            null,
            null);
    db.inTransaction(() -> town.consentRegistry.record(CASEWORKER, fjordvikSharedGp));
    Message toElvdal =
        db.inTransaction(
            () -> exchange.sendRequest(OTHER_CASEWORKER, referral(SHARED_GP_OFFICE, olena)));
    Message toFjordvik =
        db.inTransaction(() -> exchange.sendRequest(CASEWORKER, referral(SHARED_GP_OFFICE, amal)));
    for (Delivery.Due due : db.inTransaction(() -> delivery.claimDue(10))) {
      db.inTransaction(() -> delivery.deliverToInbox(due.messageId()));
    }

    assertThat(db.inTransaction(() -> exchange.inbox(SHARED_GP)))
        .extracting(Message::id)
        .containsExactlyInAnyOrder(toElvdal.id(), toFjordvik.id());
    assertThat(db.inTransaction(() -> exchange.aboutSubject(SHARED_GP, olena.id())))
        .extracting(Message::id)
        .containsExactly(toElvdal.id());
    assertThat(db.inTransaction(() -> exchange.aboutSubject(SHARED_GP, amal.id())))
        .extracting(Message::id)
        .containsExactly(toFjordvik.id());
    assertThat(db.inTransaction(() -> exchange.aboutSubject(CASEWORKER, olena.id()))).isEmpty();
    assertThat(db.inTransaction(() -> exchange.aboutSubject(OTHER_CASEWORKER, amal.id())))
        .isEmpty();
    assertThat(db.inTransaction(() -> exchange.sent(CASEWORKER)))
        .extracting(Message::id)
        .containsExactly(toFjordvik.id());
    assertNotFound(() -> exchange.open(CASEWORKER, toElvdal.id()), "message");
    assertNotFound(() -> exchange.status(OTHER_CASEWORKER, toFjordvik.id()), "message");
    assertNotFound(
        () -> exchange.conversation(OTHER_CASEWORKER, toFjordvik.conversationId()), "conversation");
    assertNotFound(() -> exchange.open(Fixtures.GP, toElvdal.id()), "message");
  }

  @Test
  void aPersonsAccessLogAndExportAreNotFoundForTheOtherMunicipalitysCaseworker() {
    assertNotFound(() -> accessLogs.read(OTHER_CASEWORKER, amal.id(), null), "person");
    assertNotFound(() -> exports.export(OTHER_CASEWORKER, amal.id(), null), "person");
    assertNotFound(() -> accessLogs.read(CASEWORKER, olena.id(), null), "person");
    assertNotFound(() -> exports.export(CASEWORKER, olena.id(), null), "person");

    assertThat(
            db.inTransaction(() -> accessLogs.read(OTHER_CASEWORKER, olena.id(), null)).subjectId())
        .isEqualTo(olena.id());
    assertThat(
            db.inTransaction(() -> exports.export(OTHER_CASEWORKER, olena.id(), null))
                .person()
                .id())
        .isEqualTo(olena.id());
  }
}
