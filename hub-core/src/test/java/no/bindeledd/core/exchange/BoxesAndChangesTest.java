package no.bindeledd.core.exchange;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static no.bindeledd.core.Fixtures.SCHOOL_LIAISON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the staff screens read besides the messages themselves: the counts on each box, a person's
 * conversations, and the changes told to whoever listens, each only to the agencies that may know.
 */
class BoxesAndChangesTest {

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private MessageExchange exchange;
  private Delivery delivery;
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
    exchange = services.exchange();
    delivery = services.delivery();
    amal = town.participant();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Message ask() {
    return db.inTransaction(
        () ->
            exchange.sendRequest(
                CASEWORKER,
                new MessageExchange.NewRequest(
                    GP_OFFICE,
                    amal.id(),
                    DataCategory.REFERRAL_STATUS,
                    Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                    "Was she referred?")));
  }

  private void deliverAll() {
    for (Delivery.Due due : db.inTransaction(() -> delivery.claimDue(10))) {
      db.inTransaction(() -> delivery.deliverToInbox(due.messageId()));
    }
    db.em().clear();
  }

  private BoxCounts counts(no.bindeledd.core.access.Actor actor) {
    return db.inTransaction(() -> exchange.counts(actor));
  }

  private List<MessageChange> changesOf(String messageId) {
    return town.messageChanges.stream().filter(c -> c.messageId().equals(messageId)).toList();
  }

  @Test
  void theInboxCountsWhatIsNotYetReadAndTheSentListWhatEndedBadlyUntilSeen() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask();
    assertThat(counts(GP).unreadInInbox()).as("not yet delivered").isZero();

    deliverAll();
    assertThat(counts(GP).unreadInInbox()).isEqualTo(1);
    db.inTransaction(() -> exchange.markRead(GP, request.id()));
    assertThat(counts(GP).unreadInInbox()).isZero();

    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "withdrawn"));
    Message heldAnswer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes."));
    assertThat(heldAnswer.status()).isEqualTo(DeliveryStatus.HELD);
    assertThat(counts(GP).sentNeedingAttention()).as("the office's held answer").isEqualTo(1);
    assertThat(counts(CASEWORKER).sentNeedingAttention()).isZero();

    db.inTransaction(() -> exchange.markSeen(GP, heldAnswer.id()));
    assertThat(counts(GP).sentNeedingAttention()).isZero();
    assertThat(db.inTransaction(() -> exchange.status(GP, heldAnswer.id())).needsSenderAttention())
        .isFalse();
    assertThatThrownBy(() -> db.inTransaction(() -> exchange.markSeen(GP, request.id())))
        .as("the recipient marks nothing seen in a sender's list")
        .isInstanceOf(AccessDenied.class);
  }

  @Test
  void aDeclinedRequestNeedsALookFromItsSender() {
    town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();

    db.inTransaction(() -> exchange.decline(GP, request.id(), "Not our patient."));
    deliverAll();

    assertThat(counts(CASEWORKER))
        .as("the decline in the inbox, and the declined request in the sent list")
        .isEqualTo(new BoxCounts(1, 1));
    town.clock.advance(Duration.ofSeconds(1));
    db.inTransaction(() -> exchange.markSeen(CASEWORKER, request.id()));
    assertThat(counts(CASEWORKER).sentNeedingAttention()).isZero();
  }

  @Test
  void aSchoolNeverCountsOrListsHealthData() {
    town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();

    assertThat(counts(SCHOOL_LIAISON)).isEqualTo(new BoxCounts(0, 0));
    assertThat(db.inTransaction(() -> exchange.aboutSubject(SCHOOL_LIAISON, amal.id()))).isEmpty();
    assertThat(db.inTransaction(() -> exchange.aboutSubject(GP, amal.id())))
        .extracting(Message::id)
        .containsExactly(request.id());
  }

  @Test
  void aPersonsConversationsAreThoseTheAgencyMaySee() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask();
    assertThat(db.inTransaction(() -> exchange.aboutSubject(GP, amal.id())))
        .as("not yet delivered: the office does not know of it")
        .isEmpty();
    deliverAll();
    // A conversation is listed in the order its messages were written; the answer comes later.
    town.clock.advance(Duration.ofSeconds(1));
    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes."));
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), null));
    deliverAll();

    assertThat(db.inTransaction(() -> exchange.aboutSubject(CASEWORKER, amal.id())))
        .as("the answer held before it arrived stays unknown to the asker")
        .extracting(Message::id)
        .containsExactly(request.id());
    assertThat(db.inTransaction(() -> exchange.aboutSubject(GP, amal.id())))
        .extracting(Message::id)
        .containsExactly(request.id(), answer.id());
  }

  @Test
  void everyChangeIsToldToTheSenderAndToTheRecipientOnlyOnceItArrived() {
    town.recordGpConsent(amal);
    Message request = ask();
    assertThat(changesOf(request.id()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(DeliveryStatus.CREATED);
              assertThat(c.audience()).containsExactly(REFUGEE_SERVICE);
            });

    deliverAll();
    db.inTransaction(() -> exchange.markRead(GP, request.id()));
    Message decline = db.inTransaction(() -> exchange.decline(GP, request.id(), "No."));
    deliverAll();

    assertThat(changesOf(request.id()))
        .extracting(MessageChange::status)
        .containsExactly(
            DeliveryStatus.CREATED,
            DeliveryStatus.DELIVERED,
            DeliveryStatus.READ,
            DeliveryStatus.DECLINED);
    assertThat(changesOf(request.id()).subList(1, 4))
        .allSatisfy(c -> assertThat(c.audience()).isEqualTo(Set.of(REFUGEE_SERVICE, GP_OFFICE)));
    assertThat(changesOf(decline.id()))
        .extracting(MessageChange::status, c -> c.audience())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DeliveryStatus.CREATED, Set.of(GP_OFFICE)),
            org.assertj.core.groups.Tuple.tuple(
                DeliveryStatus.DELIVERED, Set.of(GP_OFFICE, REFUGEE_SERVICE)));
    assertThat(town.messageChanges)
        .flatExtracting(MessageChange::audience)
        .as("no other agency is ever told anything")
        .containsOnly(REFUGEE_SERVICE, GP_OFFICE);
  }

  @Test
  void aSchoolIsToldOfItsOwnConversationAndOfNoOther() {
    OrganisationNumber school = SCHOOL;
    town.recordGpConsent(amal);
    Message aboutHealth = ask();
    Person sara = town.child(amal);
    db.inTransaction(
        () ->
            town.consentRegistry.record(
                CASEWORKER,
                new no.bindeledd.core.consent.NewConsent(
                    sara.id(),
                    amal.id(),
                    REFUGEE_SERVICE,
                    school,
                    no.bindeledd.core.consent.Direction.BOTH_WAYS,
                    Set.of(DataCategory.INTERPRETER_NEEDS),
                    Purpose.SCHOOL_START_FOLLOW_UP,
                    town.clock.instant(),
                    town.clock.instant().plus(Duration.ofDays(30)),
                    no.bindeledd.core.consent.CollectionMethod.PAPER_FORM,
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    java.util.Locale.forLanguageTag("ar"),
                    null,
                    null,
                    null)));
    Message asked =
        db.inTransaction(
            () ->
                exchange.sendRequest(
                    SCHOOL_LIAISON,
                    new MessageExchange.NewRequest(
                        REFUGEE_SERVICE,
                        sara.id(),
                        DataCategory.INTERPRETER_NEEDS,
                        Purpose.SCHOOL_START_FOLLOW_UP,
                        "Does the family need an interpreter?")));
    deliverAll();

    assertThat(changesOf(asked.id()))
        .last()
        .satisfies(c -> assertThat(c.audience()).isEqualTo(Set.of(SCHOOL, REFUGEE_SERVICE)));
    assertThat(town.messageChanges)
        .filteredOn(c -> c.audience().contains(SCHOOL))
        .extracting(MessageChange::messageId)
        .containsOnly(asked.id());
    assertThat(changesOf(aboutHealth.id())).isNotEmpty();
  }
}
