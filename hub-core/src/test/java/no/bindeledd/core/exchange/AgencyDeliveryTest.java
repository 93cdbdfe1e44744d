package no.bindeledd.core.exchange;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.NoCoveringConsent;
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
 * Delivery to an agency's own system, as the connectors drive it: clearing a message again,
 * hand-over, receipts, retries with growing delays, expiry, answers taken in from the agency's
 * system, and plans shared with NAV.
 */
class AgencyDeliveryTest {

  private static final DeliveryPolicy POLICY =
      new DeliveryPolicy(
          Duration.ofSeconds(10),
          2.0,
          Duration.ofSeconds(60),
          4,
          Map.of(
              MessageKind.REQUEST, Duration.ofHours(1),
              MessageKind.ANSWER, Duration.ofHours(1),
              MessageKind.DECLINE, Duration.ofHours(1),
              MessageKind.PLAN, Duration.ofHours(2)));

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private MessageExchange exchange;
  private Delivery delivery;
  private AgencySystems systems;
  private TransitEncryptions encryption;
  private JpaMessages messages;
  private Person amal;

  @BeforeAll
  static void issueKeys() {
    keys = Fixtures.issueKeys(keysDir, REFUGEE_SERVICE, GP_OFFICE, NAV);
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Fixtures.ExchangeServices services = town.exchangeSigningWith(keys, POLICY);
    messages = services.messages();
    exchange = services.exchange();
    delivery = services.delivery();
    systems = services.agencySystems();
    encryption = services.encryption();
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
                    "Was she referred to hospital?")));
  }

  private Message reload(String id) {
    db.em().clear();
    return db.inTransaction(() -> messages.get(id));
  }

  private List<String> claimed() {
    return db.inTransaction(() -> delivery.claimDue(10)).stream()
        .map(Delivery.Due::messageId)
        .toList();
  }

  private List<String> auditActions() {
    return db.inTransaction(() -> town.auditEntries()).stream()
        .map(e -> e.action() + ":" + e.outcome())
        .toList();
  }

  @Test
  void aClearedMessageCarriesThePartiesAndPersonAsTheRegisterKnowsThem() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask();
    assertThat(claimed()).containsExactly(request.id());

    OutboundMessage out = db.inTransaction(() -> delivery.prepare(request.id())).orElseThrow();

    assertThat(out.kind()).isEqualTo(MessageKind.REQUEST);
    assertThat(out.sender().orgNumber()).isEqualTo(REFUGEE_SERVICE.value());
    assertThat(out.recipient().herId()).isEqualTo("8094866");
    assertThat(out.subject().nationalId()).isEqualTo(amal.nationalId().value());
    assertThat(out.subject().familyName()).isEqualTo("Testesen");
    assertThat(out.consentId()).isEqualTo(consent.id());
    assertThat(out.body()).isEqualTo("Was she referred to hospital?");
    assertThat(reload(request.id()).status())
        .as("cleared, but not yet handed over")
        .isEqualTo(DeliveryStatus.CREATED);
  }

  @Test
  void aHandedOverMessageIsSentUntilTheRecipientsReceiptDeliversIt() {
    town.recordGpConsent(amal);
    Message request = ask();
    claimed();
    db.inTransaction(() -> delivery.prepare(request.id()));
    db.inTransaction(() -> delivery.markSent(request.id()));
    assertThat(reload(request.id()).status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(claimed()).as("a sent message leaves the outbox").isEmpty();

    db.inTransaction(
        () ->
            delivery.applyReceipt(
                GP_OFFICE,
                request.id(),
                ReceiptStatus.OK_WITH_ERRORS,
                "E35 patient unknown",
                null));

    Message delivered = reload(request.id());
    assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivered.receipt()).hasValue("ok with errors: E35 patient unknown");
    assertThat(auditActions()).contains("message.transmitted:success", "message.delivered:success");
  }

  @Test
  void aRejectingReceiptFailsTheMessageWithTheRecipientsReasons() {
    town.recordGpConsent(amal);
    Message request = ask();
    claimed();
    db.inTransaction(() -> delivery.prepare(request.id()));
    db.inTransaction(() -> delivery.markSent(request.id()));

    db.inTransaction(
        () ->
            delivery.applyReceipt(
                GP_OFFICE, request.id(), ReceiptStatus.REJECTED, "E21 receiver unknown", null));

    Message failed = reload(request.id());
    assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(failed.statusReason().orElseThrow()).contains("rejected: E21 receiver unknown");
    assertThat(auditActions()).contains("message.rejected:failure");
  }

  @Test
  void aReceiptFromAnotherAgencyChangesNothing() {
    town.recordGpConsent(amal);
    Message request = ask();
    claimed();
    db.inTransaction(() -> delivery.prepare(request.id()));
    db.inTransaction(() -> delivery.markSent(request.id()));

    Optional<Message> result =
        db.inTransaction(
            () -> delivery.applyReceipt(NAV, request.id(), ReceiptStatus.REJECTED, "X99", null));

    assertThat(result).isEmpty();
    assertThat(reload(request.id()).status()).isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  void aMessageWhoseConsentWasWithdrawnIsHeldInsteadOfCleared() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask();
    claimed();
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "changed mind"));

    assertThat(db.inTransaction(() -> delivery.prepare(request.id()))).isEmpty();

    assertThat(reload(request.id()).status()).isEqualTo(DeliveryStatus.HELD);
    assertThat(claimed()).isEmpty();
  }

  @Test
  void anUnreachableRecipientIsTriedAgainAfterGrowingDelaysThenGivenUp() {
    town.recordGpConsent(amal);
    Message request = ask();

    assertThat(claimed()).containsExactly(request.id());
    db.inTransaction(() -> delivery.retryLater(request.id(), "connection refused"));
    assertThat(claimed()).as("not before the first delay").isEmpty();
    town.clock.advance(Duration.ofSeconds(10));
    assertThat(claimed()).containsExactly(request.id());
    db.inTransaction(() -> delivery.retryLater(request.id(), "connection refused"));
    town.clock.advance(Duration.ofSeconds(19));
    assertThat(claimed()).as("the second delay is twice the first").isEmpty();
    town.clock.advance(Duration.ofSeconds(1));
    assertThat(claimed()).containsExactly(request.id());
    assertThat(db.inTransaction(() -> messages.outboxEntry(request.id())).orElseThrow().lastError())
        .contains("connection refused");

    for (int attempt = 3; attempt <= POLICY.maxAttempts(); attempt++) {
      db.inTransaction(() -> delivery.retryLater(request.id(), "connection refused"));
      town.clock.advance(Duration.ofSeconds(60));
      if (attempt < POLICY.maxAttempts()) {
        assertThat(claimed()).containsExactly(request.id());
      }
    }

    Message failed = reload(request.id());
    assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(failed.statusReason().orElseThrow())
        .contains("gave up after 4 attempts: connection refused");
  }

  @Test
  void aMessageNotDeliveredWithinItsLifetimeExpiresAndALateReceiptDoesNotRevive() {
    town.recordGpConsent(amal);
    Message request = ask();
    claimed();
    db.inTransaction(() -> delivery.retryLater(request.id(), "connection refused"));

    town.clock.advance(Duration.ofMinutes(59));
    assertThat(db.inTransaction(() -> delivery.expireOverdue())).isZero();
    town.clock.advance(Duration.ofMinutes(2));
    assertThat(db.inTransaction(() -> delivery.expireOverdue())).isEqualTo(1);

    Message expired = reload(request.id());
    assertThat(expired.status()).isEqualTo(DeliveryStatus.EXPIRED);
    assertThat(expired.statusReason().orElseThrow())
        .contains("not delivered within its lifetime of PT1H")
        .contains("connection refused");
    assertThat(claimed()).isEmpty();
    db.inTransaction(
        () -> delivery.applyReceipt(GP_OFFICE, request.id(), ReceiptStatus.OK, null, null));
    assertThat(reload(request.id()).status()).isEqualTo(DeliveryStatus.EXPIRED);
    assertThat(auditActions()).contains("message.expired:failure");
  }

  private InboundAnswer answerTo(Message request, String id, String nationalId) {
    return new InboundAnswer(
        id,
        request.conversationId(),
        request.id(),
        REFUGEE_SERVICE.value(),
        null,
        nationalId,
        town.clock.instant(),
        "Referred to the hospital's lung clinic.");
  }

  private Message sentRequest() {
    Message request = ask();
    claimed();
    db.inTransaction(() -> delivery.prepare(request.id()));
    db.inTransaction(() -> delivery.markSent(request.id()));
    return request;
  }

  private byte[] signedByGp(String content) {
    return new Signatures()
        .sign(content.getBytes(StandardCharsets.UTF_8), keys.find(GP_OFFICE.value()).orElseThrow());
  }

  @Test
  void anAnswerFromTheOfficesSystemIsStoredInItsSignedFormAndQueuedForTheAskingAgency() {
    town.recordGpConsent(amal);
    Message request = sentRequest();
    String id = UUID.randomUUID().toString();
    byte[] signed = signedByGp("<MsgHead/>");

    Message answer =
        db.inTransaction(
            () ->
                systems.acceptAnswer(
                    GP_OFFICE,
                    answerTo(request, id, amal.nationalId().value()),
                    signed,
                    "msghead-1.2"));

    Message stored = reload(answer.id());
    assertThat(stored.signedFormat()).isEqualTo("msghead-1.2");
    assertThat(stored.signedEnvelope()).isEqualTo(signed);
    assertThat(stored.recipient()).isEqualTo(REFUGEE_SERVICE);
    assertThat(stored.inReplyTo()).contains(request.id());
    assertThat(claimed()).containsExactly(id);
  }

  @Test
  void anAnswerThatOvertakesTheReceiptForItsRequestIsAccepted() {
    town.recordGpConsent(amal);
    Message request = ask();
    claimed();
    // The office's system has the request and answers at once, before the hand-over's outcome
    // is recorded: only a system that received the request knows its id.
    db.inTransaction(() -> delivery.prepare(request.id()));

    Message answer =
        db.inTransaction(
            () ->
                systems.acceptAnswer(
                    GP_OFFICE,
                    answerTo(request, UUID.randomUUID().toString(), amal.nationalId().value()),
                    signedByGp("<MsgHead/>"),
                    "msghead-1.2"));

    assertThat(reload(answer.id()).inReplyTo()).contains(request.id());
    db.inTransaction(() -> delivery.markSent(request.id()));
    assertThat(reload(request.id()).status()).isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  void anAnswerToARequestThatFailedIsRejected() {
    town.recordGpConsent(amal);
    Message request = ask();
    claimed();
    db.inTransaction(() -> delivery.markFailed(request.id(), "the office refused it"));

    assertThat(
            rejection(answerTo(request, UUID.randomUUID().toString(), amal.nationalId().value())))
        .isEqualTo(InboundRejected.Reason.UNKNOWN_CONVERSATION);
  }

  @Test
  void anAnswerSentTwiceIsStoredOnce() {
    town.recordGpConsent(amal);
    Message request = sentRequest();
    String id = UUID.randomUUID().toString();
    InboundAnswer answer = answerTo(request, id, amal.nationalId().value());
    db.inTransaction(() -> systems.acceptAnswer(GP_OFFICE, answer, signedByGp("a"), "msghead-1.2"));

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> systems.acceptAnswer(GP_OFFICE, answer, signedByGp("a"), "msghead-1.2")))
        .isInstanceOfSatisfying(
            InboundRejected.class,
            e -> assertThat(e.reason()).isEqualTo(InboundRejected.Reason.DUPLICATE));
    assertThat(db.inTransaction(() -> messages.inConversation(request.conversationId())))
        .hasSize(2);
  }

  @Test
  void answersThatDoNotFitTheRequestAreRejectedWithTheirReason() {
    town.recordGpConsent(amal);
    Message request = sentRequest();
    Person other = town.participant();

    assertThat(
            rejection(answerTo(request, UUID.randomUUID().toString(), other.nationalId().value())))
        .isEqualTo(InboundRejected.Reason.UNKNOWN_PATIENT);
    InboundAnswer noSuchConversation =
        new InboundAnswer(
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            UUID.randomUUID().toString(),
            REFUGEE_SERVICE.value(),
            null,
            amal.nationalId().value(),
            null,
            "text");
    assertThat(rejection(noSuchConversation))
        .isEqualTo(InboundRejected.Reason.UNKNOWN_CONVERSATION);
    InboundAnswer toSchool =
        new InboundAnswer(
            UUID.randomUUID().toString(),
            request.conversationId(),
            request.id(),
            SCHOOL.value(),
            null,
            amal.nationalId().value(),
            null,
            "text");
    assertThat(rejection(toSchool)).isEqualTo(InboundRejected.Reason.UNKNOWN_RECEIVER);
    assertThat(db.inTransaction(() -> messages.inConversation(request.conversationId())))
        .as("nothing half-stored")
        .hasSize(1);
  }

  private InboundAnswer addressedTo(
      Message request, String id, String organisationNumber, String herId) {
    return new InboundAnswer(
        id,
        request.conversationId(),
        request.id(),
        organisationNumber,
        herId,
        amal.nationalId().value(),
        town.clock.instant(),
        "Referred to the hospital's lung clinic.");
  }

  @Test
  void anAnswerAddressedByHerIdIsCheckedByItsHerIdToo() {
    town.recordGpConsent(amal);
    Message request = sentRequest();
    // The receiver of the public Dialogmelding 1.0 svar sample: another party, by HER-id only.
    String anotherParty = "8142987";

    assertThat(rejection(addressedTo(request, UUID.randomUUID().toString(), null, anotherParty)))
        .as("HER-id only, and the refugee service has none")
        .isEqualTo(InboundRejected.Reason.UNKNOWN_RECEIVER);

    db.inTransaction(
        () -> {
          var asking = town.agencies.get(REFUGEE_SERVICE);
          asking.describe(asking.name(), asking.kind(), "8100001", asking.municipalities());
        });
    assertThat(rejection(addressedTo(request, UUID.randomUUID().toString(), null, anotherParty)))
        .as("HER-id only, another one than the refugee service's")
        .isEqualTo(InboundRejected.Reason.UNKNOWN_RECEIVER);
    assertThat(
            rejection(
                addressedTo(
                    request, UUID.randomUUID().toString(), REFUGEE_SERVICE.value(), anotherParty)))
        .as("the right organisation number, but another party's HER-id")
        .isEqualTo(InboundRejected.Reason.UNKNOWN_RECEIVER);
    assertThat(db.inTransaction(() -> messages.inConversation(request.conversationId())))
        .as("none of them stored")
        .hasSize(1);

    Message taken =
        db.inTransaction(
            () ->
                systems.acceptAnswer(
                    GP_OFFICE,
                    addressedTo(request, UUID.randomUUID().toString(), null, "8100001"),
                    signedByGp("a"),
                    "msghead-1.2"));
    assertThat(reload(taken.id()).inReplyTo()).contains(request.id());
  }

  @Test
  void messageIdsAreGuidsInAnyLetterCaseAndTheSameIdInAnotherCaseIsADuplicate() {
    town.recordGpConsent(amal);
    Message request = sentRequest();
    String id = UUID.randomUUID().toString();
    InboundAnswer upperCase =
        new InboundAnswer(
            id.toUpperCase(Locale.ROOT),
            request.conversationId().toUpperCase(Locale.ROOT),
            "{" + request.id().toUpperCase(Locale.ROOT) + "}",
            REFUGEE_SERVICE.value(),
            null,
            amal.nationalId().value(),
            town.clock.instant(),
            "Referred to the hospital's lung clinic.");

    Message taken =
        db.inTransaction(
            () -> systems.acceptAnswer(GP_OFFICE, upperCase, signedByGp("a"), "msghead-1.2"));

    assertThat(taken.id()).isEqualTo(id);
    assertThat(reload(id).inReplyTo()).contains(request.id());
    assertThat(rejection(answerTo(request, id, amal.nationalId().value())))
        .as("the same id in lower case")
        .isEqualTo(InboundRejected.Reason.DUPLICATE);
    assertThat(rejection(answerTo(request, "{" + id + "}", amal.nationalId().value())))
        .as("the same id in braces")
        .isEqualTo(InboundRejected.Reason.DUPLICATE);
    assertThat(rejection(answerTo(request, "a748bb20-4e0f-4922-9b06", amal.nationalId().value())))
        .isEqualTo(InboundRejected.Reason.INVALID_MESSAGE_ID);
    assertThat(rejection(answerTo(request, "{" + UUID.randomUUID(), amal.nationalId().value())))
        .as("an unclosed brace")
        .isEqualTo(InboundRejected.Reason.INVALID_MESSAGE_ID);
    assertThat(db.inTransaction(() -> messages.inConversation(request.conversationId())))
        .hasSize(2);
  }

  @Test
  void aReceiptThatNamesTheMessageInUpperCaseSettlesIt() {
    town.recordGpConsent(amal);
    Message request = sentRequest();

    db.inTransaction(
        () ->
            delivery.applyReceipt(
                GP_OFFICE,
                request.id().toUpperCase(Locale.ROOT),
                ReceiptStatus.OK,
                null,
                "receipt-1"));

    assertThat(reload(request.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  private InboundRejected.Reason rejection(InboundAnswer answer) {
    try {
      db.inTransaction(
          () -> systems.acceptAnswer(GP_OFFICE, answer, signedByGp("x"), "msghead-1.2"));
    } catch (InboundRejected e) {
      return e.reason();
    }
    throw new AssertionError("the answer was accepted");
  }

  @Test
  void anAnswerArrivingAfterWithdrawalIsHeld() {
    Consent consent = town.recordGpConsent(amal);
    Message request = sentRequest();
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "withdrawn"));

    Message answer =
        db.inTransaction(
            () ->
                systems.acceptAnswer(
                    GP_OFFICE,
                    answerTo(request, UUID.randomUUID().toString(), amal.nationalId().value()),
                    signedByGp("a"),
                    "msghead-1.2"));

    assertThat(reload(answer.id()).status()).isEqualTo(DeliveryStatus.HELD);
    assertThat(claimed()).isEmpty();
  }

  @Test
  void whatAnAgencySystemSignsOpensOnlyWithThatAgencysCertificate() {
    // Both agencies are still moving to encryption: signed messages are taken in.
    TransitEncryption signedOnly =
        new TransitEncryption(
            false,
            TransitEncryption.DEFAULT.keyTransport(),
            TransitEncryption.DEFAULT.contentCipher());
    encryption.configure(Map.of(GP_OFFICE, signedOnly, NAV, signedOnly));
    byte[] signed = signedByGp("<MsgHead/>");

    assertThat(db.inTransaction(() -> systems.open(GP_OFFICE, signed)))
        .isEqualTo("<MsgHead/>".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> db.inTransactionKeeping(InboundRejected.class, () -> systems.open(NAV, signed)))
        .isInstanceOfSatisfying(
            InboundRejected.class,
            e -> assertThat(e.reason()).isEqualTo(InboundRejected.Reason.BAD_SIGNATURE));
    assertThat(auditActions()).contains("signature.rejected:refused");
  }

  private static ParticipantPlan plan() {
    return new ParticipantPlan(
        LocalDate.of(2027, 1, 4),
        List.of(
            new ParticipantPlan.Phase(
                "Introduction",
                LocalDate.of(2027, 1, 4),
                LocalDate.of(2027, 6, 30),
                List.of(
                    new ParticipantPlan.Measure("Norwegian classes", "mornings, five days a week"),
                    new ParticipantPlan.Measure(
                        "Language practice at a workplace", "two days a week")))));
  }

  @Test
  void aPlanIsSharedWithNavOnlyUnderAConsentToShareIt() {
    assertThatThrownBy(
            () ->
                db.inTransactionKeeping(
                    NoCoveringConsent.class,
                    () -> exchange.sendPlan(CASEWORKER, amal.id(), NAV, plan())))
        .isInstanceOf(NoCoveringConsent.class);
    assertThat(claimed()).as("nothing sent").isEmpty();
    assertThat(auditActions()).contains("consent.decision:refused");

    Consent consent = town.recordNavConsent(amal);
    Message shared = db.inTransaction(() -> exchange.sendPlan(CASEWORKER, amal.id(), NAV, plan()));

    assertThat(shared.kind()).isEqualTo(MessageKind.PLAN);
    assertThat(shared.consentId()).contains(consent.id());
    assertThat(ParticipantPlan.fromJson(shared.body())).isEqualTo(plan());
    assertThat(claimed()).containsExactly(shared.id());
  }

  @Test
  void aPlanGoesToNavAndIsWellFormed() {
    town.recordNavConsent(amal);
    assertThatThrownBy(
            () ->
                db.inTransaction(() -> exchange.sendPlan(CASEWORKER, amal.id(), GP_OFFICE, plan())))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(
            () ->
                new ParticipantPlan(
                    LocalDate.of(2027, 1, 4),
                    List.of(
                        new ParticipantPlan.Phase(
                            "Backwards",
                            LocalDate.of(2027, 6, 30),
                            LocalDate.of(2027, 1, 4),
                            List.of(new ParticipantPlan.Measure("Classes", null))))))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> ParticipantPlan.fromJson("{\"startDate\":\"soon\"}"))
        .isInstanceOf(InvalidInput.class);
  }
}
