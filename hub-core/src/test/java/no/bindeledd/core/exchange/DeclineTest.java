package no.bindeledd.core.exchange;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.persistence.JpaMessages;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GP office declines a request with a reason: a signed reply like an answer, decided on the same
 * consent, audited like one, after which the request takes no answer.
 */
class DeclineTest {

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private MessageExchange exchange;
  private Delivery delivery;
  private JpaMessages messages;
  private Person amal;
  private final Signatures signatures = new Signatures();

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
    delivery = services.delivery();
    amal = town.participant();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Message askAndDeliver() {
    Message request =
        db.inTransaction(
            () ->
                exchange.sendRequest(
                    CASEWORKER,
                    new MessageExchange.NewRequest(
                        GP_OFFICE,
                        amal.id(),
                        DataCategory.REFERRAL_STATUS,
                        Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                        "Was she referred to hospital?")));
    deliverAll();
    return request;
  }

  private void deliverAll() {
    for (Delivery.Due due : db.inTransaction(() -> delivery.claimDue(10))) {
      db.inTransaction(() -> delivery.deliverToInbox(due.messageId()));
    }
    db.em().clear();
  }

  private List<String> auditActions() {
    return db.inTransaction(() -> town.auditEntries()).stream()
        .map(e -> e.action() + ":" + e.outcome())
        .toList();
  }

  private Message stored(String id) {
    return db.inTransaction(() -> messages.get(id));
  }

  @Test
  void theDeclineIsSignedByTheOfficeAuditedAndReachesTheAskerWithItsReason() {
    Consent consent = town.recordGpConsent(amal);
    Message request = askAndDeliver();

    Message decline =
        db.inTransaction(
            () -> exchange.decline(GP, request.id(), "Not our patient since March; ask Fjellet."));

    assertThat(decline.kind()).isEqualTo(MessageKind.DECLINE);
    assertThat(decline.inReplyTo()).contains(request.id());
    assertThat(decline.conversationId()).isEqualTo(request.conversationId());
    MessageEnvelope signed =
        MessageEnvelope.fromCanonicalBytes(
            signatures
                .verify(
                    decline.signedEnvelope(),
                    List.of(keys.find(GP_OFFICE.value()).orElseThrow().certificate()),
                    town.clock.instant())
                .content());
    assertThat(signed.kind()).isEqualTo(MessageKind.DECLINE);
    assertThat(signed.body()).isEqualTo("Not our patient since March; ask Fjellet.");
    assertThat(signed.sender()).isEqualTo(GP_OFFICE.value());
    assertThat(stored(request.id()).status()).isEqualTo(DeliveryStatus.DECLINED);
    assertThat(stored(request.id()).statusReason()).get().asString().contains(decline.id());
    assertThat(auditActions())
        .containsSubsequence(
            "consent.decision:allowed", "message.sent:success", "message.declined:success");

    deliverAll();

    assertThat(db.inTransaction(() -> exchange.inbox(CASEWORKER)))
        .extracting(Message::id)
        .containsExactly(decline.id());
    Message opened = db.inTransaction(() -> exchange.open(CASEWORKER, decline.id()));
    assertThat(opened.body()).isEqualTo("Not our patient since March; ask Fjellet.");
    assertThat(opened.consentId()).contains(consent.id());
    assertThat(db.inTransaction(() -> exchange.status(CASEWORKER, request.id())).status())
        .as("the asker sees its request declined")
        .isEqualTo(DeliveryStatus.DECLINED);
    assertThat(db.inTransaction(() -> exchange.inbox(GP)))
        .as("the office still finds the request it declined")
        .extracting(Message::id, Message::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(request.id(), DeliveryStatus.DECLINED));
  }

  @Test
  void aDeclinedRequestTakesNoAnswerAndNoSecondDecline() {
    town.recordGpConsent(amal);
    Message request = askAndDeliver();
    db.inTransaction(() -> exchange.decline(GP, request.id(), "We cannot answer this."));
    int stored = db.inTransaction(() -> messages.inConversation(request.conversationId())).size();

    assertThatThrownBy(() -> db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes.")))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("declined");
    assertThatThrownBy(() -> db.inTransaction(() -> exchange.decline(GP, request.id(), "Again.")))
        .isInstanceOf(Conflict.class);
    assertThat(db.inTransaction(() -> messages.inConversation(request.conversationId())))
        .hasSize(stored);
  }

  @Test
  void anAnsweredRequestCannotBeDeclined() {
    town.recordGpConsent(amal);
    Message request = askAndDeliver();
    db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes, referred."));

    assertThatThrownBy(
            () -> db.inTransaction(() -> exchange.decline(GP, request.id(), "On second thought")))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("answered");
    assertThat(stored(request.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void theReasonIsRequiredOneLineAndAtMostAThousandCharacters() {
    town.recordGpConsent(amal);
    Message request = askAndDeliver();

    for (String reason : new String[] {null, "", "   "}) {
      assertThatThrownBy(() -> db.inTransaction(() -> exchange.decline(GP, request.id(), reason)))
          .isInstanceOf(InvalidInput.class)
          .hasMessageContaining("reason is required");
    }
    assertThatThrownBy(
            () -> db.inTransaction(() -> exchange.decline(GP, request.id(), "first\nsecond")))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("reason holds U+000A (LF) at position 6");
    assertThatThrownBy(
            () -> db.inTransaction(() -> exchange.decline(GP, request.id(), "x".repeat(1001))))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("1000");
    assertThat(db.inTransaction(() -> messages.inConversation(request.conversationId())))
        .as("nothing stored")
        .hasSize(1);
    assertThat(stored(request.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void onlyTheAgencyAskedMayDecline() {
    town.recordGpConsent(amal);
    Message request = askAndDeliver();

    assertThatThrownBy(
            () -> db.inTransaction(() -> exchange.decline(CASEWORKER, request.id(), "No.")))
        .as("the asker")
        .isInstanceOf(InvalidInput.class);
    Actor school = new Actor("skole", SCHOOL, Role.SCHOOL_LIAISON);
    assertThatThrownBy(() -> db.inTransaction(() -> exchange.decline(school, request.id(), "No.")))
        .as("another agency does not even learn that the request exists")
        .isInstanceOf(NotFound.class);
  }

  @Test
  void aDeclineWhoseConsentWasWithdrawnIsHeldAndTheRequestStaysOpen() {
    Consent consent = town.recordGpConsent(amal);
    Message request = askAndDeliver();
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "withdrawn"));

    Message decline =
        db.inTransaction(() -> exchange.decline(GP, request.id(), "Not our patient any more."));
    deliverAll();

    assertThat(decline.status()).isEqualTo(DeliveryStatus.HELD);
    assertThat(decline.statusReason()).get().asString().contains("withdrawn");
    assertThat(stored(request.id()).status())
        .as("nothing reached the asker, so its request is not declined")
        .isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(db.inTransaction(() -> exchange.inbox(CASEWORKER))).isEmpty();
    assertThatThrownBy(() -> db.inTransaction(() -> exchange.open(CASEWORKER, decline.id())))
        .isInstanceOf(NotFound.class);
    assertThat(auditActions())
        .contains("consent.decision:held", "message.held:held")
        .doesNotContain("message.declined:success");
  }

  @Test
  void aDeclineTheOfficeSignedItselfIsTakenAsOne() {
    town.recordGpConsent(amal);
    Message request = askAndDeliver();
    MessageEnvelope envelope =
        new MessageEnvelope(
            UUID.randomUUID().toString(),
            request.conversationId(),
            request.id(),
            MessageKind.DECLINE,
            GP_OFFICE.value(),
            REFUGEE_SERVICE.value(),
            amal.id(),
            amal.nationalId().value(),
            request.category().code(),
            request.purpose().code(),
            null,
            town.clock.instant(),
            "Declined in our own system.");
    byte[] signed =
        signatures.sign(envelope.toCanonicalBytes(), keys.find(GP_OFFICE.value()).orElseThrow());

    Message accepted = db.inTransaction(() -> exchange.acceptSigned(GP, signed));

    assertThat(accepted.kind()).isEqualTo(MessageKind.DECLINE);
    assertThat(stored(request.id()).status()).isEqualTo(DeliveryStatus.DECLINED);
  }

  @Test
  void aSelfSignedDeclineKeepsTheReasonRules() {
    town.recordGpConsent(amal);
    Message request = askAndDeliver();
    MessageEnvelope envelope =
        new MessageEnvelope(
            UUID.randomUUID().toString(),
            request.conversationId(),
            request.id(),
            MessageKind.DECLINE,
            GP_OFFICE.value(),
            REFUGEE_SERVICE.value(),
            amal.id(),
            amal.nationalId().value(),
            request.category().code(),
            request.purpose().code(),
            null,
            town.clock.instant(),
            "two\nlines");
    byte[] signed =
        signatures.sign(envelope.toCanonicalBytes(), keys.find(GP_OFFICE.value()).orElseThrow());

    assertThatThrownBy(() -> db.inTransaction(() -> exchange.acceptSigned(GP, signed)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageStartingWith("reason holds U+000A (LF)");
    assertThat(stored(request.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);
  }
}
