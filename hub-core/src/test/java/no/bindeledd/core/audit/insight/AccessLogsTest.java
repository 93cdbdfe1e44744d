package no.bindeledd.core.audit.insight;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL_LIAISON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.NoCoveringConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.MessageHeld;
import no.bindeledd.core.exchange.ParticipantPlan;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * J8 through the core: what the refugee service, the GP office and NAV did with a person's data
 * becomes their access log, line by line, and only theirs.
 */
class AccessLogsTest {

  private static final AuditLogId LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  private static final Locale ARABIC = Locale.forLanguageTag("ar");
  private static final String REFUGEE_SERVICE_NAME = "Refugee Service";
  private static final String GP_OFFICE_NAME = "Fjordvik GP Office";

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private MessageExchange exchange;
  private Delivery delivery;
  private AccessLogs accessLogs;
  private Person amal;

  @BeforeAll
  static void issueKeys() {
    keys = Fixtures.issueKeys(keysDir, REFUGEE_SERVICE, GP_OFFICE, NAV);
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Fixtures.ExchangeServices services = town.exchangeSigningWith(keys);
    exchange = services.exchange();
    delivery = services.delivery();
    accessLogs =
        new AccessLogs(
            town.audit,
            town.people,
            town.agencies,
            town.consents,
            services.messages(),
            town.clock,
            town.representation);
    amal = town.participant();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Message ask(Person subject, DataCategory category) {
    return db.inTransactionKeeping(
        NoCoveringConsent.class,
        () ->
            exchange.sendRequest(
                CASEWORKER,
                new MessageExchange.NewRequest(
                    GP_OFFICE,
                    subject.id(),
                    category,
                    Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                    "Was she referred to hospital after the appointment on 20 November?")));
  }

  private void deliverAll() {
    List<Delivery.Due> due = db.inTransaction(() -> delivery.claimDue(10));
    for (Delivery.Due d : due) {
      db.inTransaction(() -> delivery.deliverToInbox(d.messageId()));
    }
    db.em().clear();
  }

  /** Hands every due message to the recipient's own system, as a connector does. */
  private void handOverAll() {
    List<Delivery.Due> due = db.inTransaction(() -> delivery.claimDue(10));
    for (Delivery.Due d : due) {
      db.inTransaction(() -> delivery.prepare(d.messageId()));
      db.inTransaction(() -> delivery.markSent(d.messageId()));
    }
    db.em().clear();
  }

  private void later() {
    town.clock.advance(Duration.ofMinutes(7));
  }

  private AccessLog accessLogOf(Person person) {
    return db.inTransaction(() -> accessLogs.read(CASEWORKER, person.id(), ARABIC));
  }

  private static List<String> kinds(AccessLog log) {
    return log.entries().stream().map(AccessLog.Entry::kind).toList();
  }

  /** J2 and J3 answered, then a refused request: the lines the participant sees, newest first. */
  private Consent requestAnswerOpeningAndRefusal() {
    Consent consent = town.recordGpConsent(amal);
    later();
    Message request = ask(amal, DataCategory.REFERRAL_STATUS);
    deliverAll();
    later();
    db.inTransaction(() -> exchange.open(GP, request.id()));
    later();
    Message answer =
        db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes: referred on 21 November."));
    deliverAll();
    later();
    db.inTransaction(() -> exchange.open(CASEWORKER, answer.id()));
    db.inTransaction(() -> exchange.markRead(CASEWORKER, answer.id()));
    later();
    assertThatThrownBy(() -> ask(amal, DataCategory.INTERPRETER_NEEDS))
        .isInstanceOf(NoCoveringConsent.class);
    return consent;
  }

  @Test
  void aRequestItsDeliveryTheAnswerTheOpeningsAndARefusalAreOneLineEachNewestFirst() {
    Consent consent = requestAnswerOpeningAndRefusal();

    AccessLog log = accessLogOf(amal);

    assertThat(log.subjectId()).isEqualTo(amal.id());
    assertThat(log.complete()).isTrue();
    assertThat(log.entries())
        .extracting(
            AccessLog.Entry::kind,
            e -> e.agency().name(),
            e -> e.counterpart().name(),
            AccessLog.Entry::category,
            AccessLog.Entry::consentId,
            AccessLog.Entry::refusal)
        .containsExactly(
            tuple(
                "request-refused",
                REFUGEE_SERVICE_NAME,
                GP_OFFICE_NAME,
                "interpreter-needs",
                null,
                "no-consent"),
            tuple(
                "opened",
                REFUGEE_SERVICE_NAME,
                GP_OFFICE_NAME,
                "referral-status",
                consent.id(),
                null),
            tuple(
                "received-information",
                REFUGEE_SERVICE_NAME,
                GP_OFFICE_NAME,
                "referral-status",
                consent.id(),
                null),
            tuple(
                "opened",
                GP_OFFICE_NAME,
                REFUGEE_SERVICE_NAME,
                "referral-status",
                consent.id(),
                null),
            tuple(
                "received-question",
                GP_OFFICE_NAME,
                REFUGEE_SERVICE_NAME,
                "referral-status",
                consent.id(),
                null));
    assertThat(log.entries())
        .allSatisfy(e -> assertThat(e.purpose()).isEqualTo("introduction-programme-follow-up"));
    assertThat(log.entries().get(0).agency().organisationNumber())
        .isEqualTo(REFUGEE_SERVICE.value());
    assertThat(log.entries())
        .extracting(AccessLog.Entry::auditSeq)
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(log.entries())
        .extracting(AccessLog.Entry::time)
        .isSortedAccordingTo((a, b) -> b.compareTo(a))
        .doesNotHaveDuplicates();
  }

  @Test
  void theActiveConsentsAreListedWithTheirParties() {
    Consent consent = town.recordGpConsent(amal);
    town.recordNavConsent(amal);

    AccessLog log = accessLogOf(amal);

    assertThat(log.activeConsents())
        .extracting(
            AccessLog.ActiveConsent::consentId,
            c -> c.disclosing().name(),
            c -> c.receiving().name(),
            AccessLog.ActiveConsent::direction,
            AccessLog.ActiveConsent::categories,
            AccessLog.ActiveConsent::purpose)
        .contains(
            tuple(
                consent.id(),
                GP_OFFICE_NAME,
                REFUGEE_SERVICE_NAME,
                "one-way",
                List.of("appointment-outcomes", "referral-status"),
                "introduction-programme-follow-up"))
        .hasSize(2);
    assertThat(log.entries()).as("recording consents is not an access").isEmpty();

    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "withdrawn"));
    assertThat(accessLogOf(amal).activeConsents())
        .extracting(AccessLog.ActiveConsent::receiving)
        .extracting(AccessLog.Party::name)
        .containsExactly("NAV Fjordvik");
  }

  @Test
  void otherPeoplesEntriesNeverAppear() {
    Person bilal = town.participant();
    Consent amalsConsent = town.recordGpConsent(amal);
    Consent bilalsConsent = town.recordGpConsent(bilal);
    ask(bilal, DataCategory.REFERRAL_STATUS);
    ask(amal, DataCategory.REFERRAL_STATUS);
    ask(bilal, DataCategory.APPOINTMENT_OUTCOMES);
    deliverAll();
    db.inTransaction(() -> town.personRegistry.read(CASEWORKER, bilal.id()));
    db.inTransaction(() -> accessLogs.read(CASEWORKER, bilal.id(), null));

    AccessLog amals = accessLogOf(amal);
    AccessLog bilals = accessLogOf(bilal);

    Map<Long, String> subjectOf =
        db.inTransaction(() -> town.auditTrail.entriesAfter(LOG, 0, 1000)).stream()
            .filter(e -> e.subjectId() != null)
            .collect(Collectors.toMap(AuditEntry::seq, AuditEntry::subjectId));
    assertThat(amals.entries())
        .extracting(e -> subjectOf.get(e.auditSeq()))
        .containsOnly(amal.id());
    assertThat(kinds(amals)).containsExactly("received-question");
    assertThat(amals.entries())
        .extracting(AccessLog.Entry::consentId)
        .containsOnly(amalsConsent.id());
    assertThat(amals.activeConsents())
        .extracting(AccessLog.ActiveConsent::consentId)
        .containsExactly(amalsConsent.id());
    assertThat(kinds(bilals))
        .containsExactly(
            "looked-at-access-log",
            "looked-up-registration",
            "received-question",
            "received-question");
    assertThat(bilals.entries())
        .extracting(e -> subjectOf.get(e.auditSeq()))
        .containsOnly(bilal.id());
    assertThat(bilals.activeConsents())
        .extracting(AccessLog.ActiveConsent::consentId)
        .containsExactly(bilalsConsent.id());
  }

  @Test
  void onlyACaseworkerAtTheRefugeeServiceMayReadItAndARefusalLeavesNoReading() {
    List<Actor> others =
        List.of(
            GP,
            SCHOOL_LIAISON,
            new Actor("nils", NAV, Role.NAV_ADVISER),
            new Actor("aud", REFUGEE_SERVICE, Role.AUDITOR),
            new Actor("kari-at-the-gp", GP_OFFICE, Role.CASEWORKER),
            Actor.hub(),
            Actor.agencySystem(GP_OFFICE));
    long before = db.inTransaction(() -> town.auditEntries()).size();

    for (Actor other : others) {
      assertThatThrownBy(() -> db.inTransaction(() -> accessLogs.read(other, amal.id(), null)))
          .as(other.toString())
          .isInstanceOf(AccessDenied.class);
    }

    assertThat(db.inTransaction(() -> town.auditEntries())).hasSize((int) before);
  }

  @Test
  void readingIsAuditedAndAppearsInTheNextReading() {
    AccessLog first = accessLogOf(amal);
    assertThat(first.entries()).isEmpty();

    List<AuditEntry> all = db.inTransaction(() -> town.auditTrail.entriesAfter(LOG, 0, 1000));
    AuditEntry reading = all.get(all.size() - 1);
    assertThat(reading.action()).isEqualTo("access-log.read");
    assertThat(reading.outcome()).isEqualTo("success");
    assertThat(reading.subjectId()).isEqualTo(amal.id());
    assertThat(reading.actorUser()).isEqualTo(CASEWORKER.userId());
    assertThat(reading.actorAgency()).isEqualTo(REFUGEE_SERVICE.value());
    assertThat(db.inTransaction(() -> town.audit.verifyChain(LOG))).isEmpty();

    AccessLog second = accessLogOf(amal);
    assertThat(second.entries())
        .extracting(AccessLog.Entry::kind, e -> e.agency().name(), AccessLog.Entry::auditSeq)
        .containsExactly(tuple("looked-at-access-log", REFUGEE_SERVICE_NAME, reading.seq()));
  }

  @Test
  void lookingUpThePersonAndTheirConsentsAreLinesWithoutACategory() {
    Consent consent = town.recordGpConsent(amal);
    db.inTransaction(() -> town.personRegistry.read(CASEWORKER, amal.id()));
    db.inTransaction(() -> town.consentRegistry.read(GP, consent.id()));
    db.inTransaction(() -> town.consentRegistry.aboutSubject(CASEWORKER, amal.id()));

    AccessLog log = accessLogOf(amal);

    assertThat(log.entries())
        .extracting(
            AccessLog.Entry::kind,
            e -> e.agency().name(),
            AccessLog.Entry::consentId,
            AccessLog.Entry::category,
            AccessLog.Entry::purpose)
        .containsExactly(
            tuple("looked-at-consent", REFUGEE_SERVICE_NAME, null, null, null),
            tuple("looked-at-consent", GP_OFFICE_NAME, consent.id(), null, null),
            tuple("looked-up-registration", REFUGEE_SERVICE_NAME, null, null, null));
    assertThat(log.entries()).allSatisfy(e -> assertThat(e.counterpart()).isNull());
  }

  @Test
  void anAnswerHeldAfterTheWithdrawalIsALineThatSaysItWasStoppedAndWhy() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask(amal, DataCategory.REFERRAL_STATUS);
    deliverAll();
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "withdrawn"));
    later();
    db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes, referred."));

    AccessLog log = accessLogOf(amal);

    assertThat(log.entries())
        .extracting(
            AccessLog.Entry::kind,
            e -> e.agency().name(),
            e -> e.counterpart().name(),
            AccessLog.Entry::refusal)
        .containsExactly(
            tuple("held", REFUGEE_SERVICE_NAME, GP_OFFICE_NAME, "consent-withdrawn"),
            tuple("received-question", GP_OFFICE_NAME, REFUGEE_SERVICE_NAME, null));
    assertThat(log.activeConsents()).isEmpty();
  }

  @Test
  void aRequestHandedToTheOfficesSystemIsOneLineThoughItsReceiptDeliversItAgain() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask(amal, DataCategory.REFERRAL_STATUS);
    handOverAll();
    db.inTransaction(
        () ->
            delivery.applyReceipt(
                GP_OFFICE, request.id(), no.bindeledd.core.exchange.ReceiptStatus.OK, null, null));

    AccessLog log = accessLogOf(amal);

    assertThat(log.entries())
        .extracting(AccessLog.Entry::kind, e -> e.agency().name(), AccessLog.Entry::consentId)
        .containsExactly(tuple("received-question", GP_OFFICE_NAME, consent.id()));
  }

  @Test
  void aPlanRefusedWithoutConsentAndThenSharedWithNav() {
    ParticipantPlan plan =
        new ParticipantPlan(
            LocalDate.of(2027, 1, 4),
            List.of(
                new ParticipantPlan.Phase(
                    "Introduction",
                    LocalDate.of(2027, 1, 4),
                    LocalDate.of(2027, 6, 30),
                    List.of(new ParticipantPlan.Measure("Norwegian classes", "mornings")))));
    assertThatThrownBy(
            () ->
                db.inTransactionKeeping(
                    NoCoveringConsent.class,
                    () -> exchange.sendPlan(CASEWORKER, amal.id(), NAV, plan)))
        .isInstanceOf(NoCoveringConsent.class);
    later();
    Consent consent = town.recordNavConsent(amal);
    db.inTransaction(() -> exchange.sendPlan(CASEWORKER, amal.id(), NAV, plan));
    handOverAll();

    AccessLog log = accessLogOf(amal);

    assertThat(log.entries())
        .extracting(
            AccessLog.Entry::kind,
            e -> e.agency().name(),
            e -> e.counterpart().name(),
            AccessLog.Entry::category,
            AccessLog.Entry::consentId,
            AccessLog.Entry::refusal)
        .containsExactly(
            tuple(
                "received-information",
                "NAV Fjordvik",
                REFUGEE_SERVICE_NAME,
                "participant-plan",
                consent.id(),
                null),
            tuple(
                "sending-refused",
                REFUGEE_SERVICE_NAME,
                "NAV Fjordvik",
                "participant-plan",
                null,
                "no-consent"));
  }

  private void openRefusedAsHeld(Message message) {
    assertThatThrownBy(
            () ->
                db.inTransactionKeeping(
                    MessageHeld.class, () -> exchange.open(CASEWORKER, message.id())))
        .isInstanceOf(MessageHeld.class);
    db.em().clear();
  }

  private static List<String> norwegianLines(AccessLog log) {
    return log.sections().get(log.sections().size() - 1).entries().items().stream()
        .map(AccessLog.Item::text)
        .toList();
  }

  /**
   * The answer the refugee service got and read, and that was held when it opened it again after
   * the withdrawal, twice: one line that says just that, with a count, and nothing that says it
   * never got it.
   */
  @Test
  void anAnswerReadThenHeldWhenOpenedAgainSaysJustThatOnceWithACount() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask(amal, DataCategory.REFERRAL_STATUS);
    deliverAll();
    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes, referred."));
    deliverAll();
    later();
    db.inTransaction(() -> exchange.open(CASEWORKER, answer.id()));
    later();
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "withdrawn"));
    later();
    openRefusedAsHeld(answer);
    later();
    openRefusedAsHeld(answer);
    Instant secondStop = town.clock.instant();

    AccessLog log = db.inTransaction(() -> accessLogs.read(CASEWORKER, amal.id(), Locale.ENGLISH));

    assertThat(log.entries())
        .extracting(AccessLog.Entry::kind, e -> e.agency().name(), AccessLog.Entry::count)
        .containsExactly(
            tuple("held-after-read", REFUGEE_SERVICE_NAME, 2),
            tuple("opened", REFUGEE_SERVICE_NAME, 1),
            tuple("received-information", REFUGEE_SERVICE_NAME, 1),
            tuple("received-question", GP_OFFICE_NAME, 1));
    AccessLog.Entry held = log.entries().get(0);
    assertThat(held.refusal()).isEqualTo("consent-withdrawn");
    assertThat(held.lastTime()).isEqualTo(secondStop);
    assertThat(held.time()).isBefore(secondStop);
    AccessLog.Item english = log.sections().get(0).entries().items().get(0);
    assertThat(english.text())
        .startsWith(
            "Refugee Service got information about you from Fjordvik GP Office and read it. Later,"
                + " when Refugee Service tried to open it again, it was stopped. It was stopped 2"
                + " times, the last time on ")
        .doesNotContain("did not get it");
    assertThat(norwegianLines(log).get(0))
        .startsWith(
            "Refugee Service fikk opplysninger om deg fra Fjordvik GP Office og leste dem. Da"
                + " Refugee Service senere prøvde å åpne dem igjen, ble det stoppet. Det ble stoppet"
                + " 2 ganger")
        .doesNotContain("fikk dem ikke");
    assertThat(norwegianLines(log)).noneMatch(line -> line.contains("fikk dem ikke"));
  }

  @Test
  void anAnswerDeliveredButNotOpenedBeforeTheWithdrawalIsHeldAfterItWasReceived() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask(amal, DataCategory.REFERRAL_STATUS);
    deliverAll();
    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes, referred."));
    deliverAll();
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "withdrawn"));
    later();
    openRefusedAsHeld(answer);

    AccessLog log = db.inTransaction(() -> accessLogs.read(CASEWORKER, amal.id(), null));

    assertThat(log.entries())
        .extracting(AccessLog.Entry::kind, AccessLog.Entry::count, AccessLog.Entry::lastTime)
        .startsWith(tuple("held-after-received", 1, null));
    assertThat(norwegianLines(log).get(0))
        .isEqualTo(
            "Refugee Service fikk opplysninger om deg fra Fjordvik GP Office, men åpnet dem ikke."
                + " Da Refugee Service senere prøvde å åpne dem, ble det stoppet.");
  }

  /** An audit entry as the hub writes it for a person signed in as themselves. */
  private void readAsCitizen(Person reader, Person subject, AuditAction action) {
    db.inTransaction(
        () ->
            town.audit.append(
                AuditEvent.of(Actor.citizen(reader.id()), action, AuditOutcome.SUCCESS)
                    .subject(subject.id())));
  }

  @Test
  void aPersonsOwnReadsSayYou() {
    readAsCitizen(amal, amal, AuditAction.PERSON_READ);
    readAsCitizen(amal, amal, AuditAction.CONSENT_READ);
    readAsCitizen(amal, amal, AuditAction.ACCESS_LOG_READ);

    AccessLog log = db.inTransaction(() -> accessLogs.read(CASEWORKER, amal.id(), Locale.ENGLISH));

    assertThat(log.entries())
        .extracting(AccessLog.Entry::kind, AccessLog.Entry::agency, AccessLog.Entry::reader)
        .containsExactly(
            tuple("looked-at-access-log", null, new AccessLog.Reader("self", "Amal Testesen")),
            tuple("looked-at-consent", null, new AccessLog.Reader("self", "Amal Testesen")),
            tuple("looked-up-registration", null, new AccessLog.Reader("self", "Amal Testesen")));
    assertThat(log.sections().get(0).entries().items())
        .extracting(AccessLog.Item::text)
        .containsExactly(
            "You looked at this list.",
            "You looked at your consent.",
            "You looked at your details: name, identity number and language.");
    assertThat(norwegianLines(log)).first().isEqualTo("Du så på denne listen.");
  }

  @Test
  void aGuardiansReadOfAChildsLogNamesTheGuardian() {
    Person child = town.child(amal);
    readAsCitizen(amal, child, AuditAction.ACCESS_LOG_READ);
    readAsCitizen(child, child, AuditAction.CONSENT_READ);

    AccessLog log = db.inTransaction(() -> accessLogs.read(CASEWORKER, child.id(), ARABIC));

    assertThat(log.entries())
        .extracting(AccessLog.Entry::reader)
        .containsExactly(
            new AccessLog.Reader("self", child.fullName()),
            new AccessLog.Reader("guardian", "Amal Testesen"));
    assertThat(norwegianLines(log))
        .containsExactly(
            "Du så på samtykket ditt.", "Amal Testesen (din foresatte) så på denne listen.");
    assertThat(log.sections().get(0).entries().items().get(1).text())
        .isEqualTo("اطّلع \u2068\u2068Amal Testesen\u2069 (وليّ أمرك)\u2069 على هذه القائمة.");
  }
}
