package no.bindeledd.core.exchange;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static no.bindeledd.core.Fixtures.SCHOOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.NoCoveringConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.SignatureRejected;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.persistence.JpaMessages;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** J2 to J4 through the core: request, delivery, answer, withdrawal, with real signatures. */
class MessageExchangeTest {

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
    town =
        new Fixtures(
            db, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
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
                    "Was she referred to hospital after the appointment on 20 November?")));
  }

  /** The GP office's answer to {@code request}, as its own system would sign it. */
  private MessageEnvelope answerTo(Message request, String text) {
    return new MessageEnvelope(
        java.util.UUID.randomUUID().toString(),
        request.conversationId(),
        request.id(),
        MessageKind.ANSWER,
        GP_OFFICE.value(),
        REFUGEE_SERVICE.value(),
        amal.id(),
        amal.nationalId().value(),
        request.category().code(),
        request.purpose().code(),
        null,
        town.clock.instant(),
        text);
  }

  private void deliverAll() {
    List<Delivery.Due> due = db.inTransaction(() -> delivery.claimDue(10));
    for (Delivery.Due d : due) {
      db.inTransaction(() -> delivery.deliverToInbox(d.messageId()));
    }
    db.em().clear();
  }

  private List<String> auditActions() {
    return db.inTransaction(() -> town.auditEntries()).stream()
        .map(e -> e.action() + ":" + e.outcome())
        .toList();
  }

  @Test
  void aCoveredRequestIsSignedStoredWithItsOutboxEntryAndDelivered() {
    Consent consent = town.recordGpConsent(amal);

    Message request = ask();

    assertThat(request.consentId()).contains(consent.id());
    var verified =
        signatures.verify(
            request.signedEnvelope(),
            List.of(keys.find(REFUGEE_SERVICE.value()).orElseThrow().certificate()),
            town.clock.instant());
    MessageEnvelope envelope = MessageEnvelope.fromCanonicalBytes(verified.content());
    assertThat(envelope.messageId()).isEqualTo(request.id());
    assertThat(envelope.body()).contains("referred to hospital");
    assertThat(envelope.subjectNationalId()).isEqualTo(amal.nationalId().value());

    assertThat(db.inTransaction(() -> exchange.inbox(GP))).isEmpty();
    deliverAll();
    assertThat(db.inTransaction(() -> exchange.inbox(GP)))
        .extracting(Message::id)
        .containsExactly(request.id());
    assertThat(auditActions())
        .containsSubsequence(
            "consent.decision:allowed",
            "message.sent:success",
            "consent.decision:allowed",
            "message.delivered:success");
  }

  @Test
  void anUncoveredRequestIsRefusedAuditedAndNotStored() {
    assertThatThrownBy(this::ask)
        .isInstanceOf(NoCoveringConsent.class)
        .satisfies(
            e ->
                assertThat(((NoCoveringConsent) e).decision().refusalReason())
                    .contains(Refusal.NO_CONSENT));
    // The refusal is audited even though the request is not stored. Outside a container the
    // test's own transaction stands in for the service's (which does not roll back on refusal).
    assertThat(
            db.inTransaction(() -> messages.claim(town.clock.instant(), town.clock.instant(), 10)))
        .isEmpty();
  }

  @Test
  void theAnswerIsLinkedSignedByTheGpOfficeAndDelivered() {
    town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();

    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes, referred."));
    deliverAll();

    assertThat(answer.inReplyTo()).contains(request.id());
    assertThat(answer.conversationId()).isEqualTo(request.conversationId());
    assertThat(answer.sender()).isEqualTo(GP_OFFICE);
    Message opened = db.inTransaction(() -> exchange.open(CASEWORKER, answer.id()));
    assertThat(opened.body()).isEqualTo("Yes, referred.");
    assertThat(opened.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(auditActions()).contains("message.opened:success");
  }

  @Test
  void anAnswerAfterWithdrawalIsHeldAndNeverShown() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();
    db.inTransaction(
        () -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "the participant withdrew"));

    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes, referred."));

    assertThat(answer.status()).isEqualTo(DeliveryStatus.HELD);
    assertThat(answer.statusReason()).get().asString().contains("withdrawn");
    deliverAll();
    assertThat(db.inTransaction(() -> exchange.inbox(CASEWORKER))).isEmpty();
    assertThatThrownBy(() -> db.inTransaction(() -> exchange.open(CASEWORKER, answer.id())))
        .isInstanceOf(NotFound.class);
    assertThat(db.inTransaction(() -> exchange.status(GP, answer.id())).status())
        .as("the GP office sees that its answer was held")
        .isEqualTo(DeliveryStatus.HELD);
    assertThat(auditActions()).contains("consent.decision:held", "message.held:held");
  }

  @Test
  void aWithdrawalBetweenAnswerAndDeliveryHoldsTheAnswerAtDelivery() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();
    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes."));
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), null));

    deliverAll();

    assertThat(db.inTransaction(() -> messages.get(answer.id())).status())
        .isEqualTo(DeliveryStatus.HELD);
    assertThat(db.inTransaction(() -> exchange.inbox(CASEWORKER))).isEmpty();
  }

  @Test
  void aDeliveredAnswerIsHeldOnceItsConsentIsWithdrawn() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();
    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes."));
    deliverAll();
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), null));

    assertThatThrownBy(() -> db.inTransaction(() -> exchange.open(CASEWORKER, answer.id())))
        .isInstanceOf(MessageHeld.class);
  }

  @Test
  void aHeldAnswerKeepsSayingSoToTheReaderWhoHadItAndWhy() {
    Consent consent = town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();
    Message answer = db.inTransaction(() -> exchange.answer(GP, request.id(), "Yes."));
    deliverAll();
    db.inTransaction(() -> exchange.open(CASEWORKER, answer.id()));
    db.inTransaction(() -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), null));

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(
              () ->
                  db.inTransactionKeeping(
                      MessageHeld.class, () -> exchange.open(CASEWORKER, answer.id())))
          .as("opening %d", attempt)
          .isInstanceOf(MessageHeld.class)
          .hasMessageStartingWith("This answer reached your agency on ")
          .hasMessageContaining("is held since")
          .hasMessageContaining("consent " + consent.id() + " was withdrawn")
          .hasMessageContaining("no longer shows its content");
    }
    assertThatThrownBy(
            () ->
                db.inTransactionKeeping(
                    MessageHeld.class, () -> exchange.markRead(CASEWORKER, answer.id())))
        .isInstanceOf(MessageHeld.class);

    Message seen = db.inTransaction(() -> exchange.status(CASEWORKER, answer.id()));
    assertThat(seen.status()).as("the reader sees it held").isEqualTo(DeliveryStatus.HELD);
    assertThat(seen.statusReason()).get().asString().contains("withdrawn");
    assertThat(db.inTransaction(() -> exchange.conversation(CASEWORKER, request.conversationId())))
        .extracting(Message::id)
        .contains(answer.id());
    assertThat(db.inTransaction(() -> exchange.inbox(CASEWORKER)))
        .extracting(Message::id)
        .doesNotContain(answer.id());
    assertThat(auditActions())
        .as("the hold and every refused opening after it are audited")
        .filteredOn(a -> a.equals("message.held:held"))
        .hasSize(4);
  }

  @Test
  void anotherGpOfficeCannotSeeOrAnswerTheRequest() {
    town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();
    Actor otherGp = new Actor("other", SCHOOL, Role.SCHOOL_LIAISON);

    assertThatThrownBy(() -> db.inTransaction(() -> exchange.open(otherGp, request.id())))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> db.inTransaction(() -> exchange.answer(otherGp, request.id(), "x")))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void anAnswerSignedByTheGpOfficeItselfIsAcceptedOnceAndReplaysAreRefused() {
    town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();
    MessageEnvelope envelope = answerTo(request, "Signed in our own system.");
    byte[] signed =
        signatures.sign(envelope.toCanonicalBytes(), keys.find(GP_OFFICE.value()).orElseThrow());

    Message accepted = db.inTransaction(() -> exchange.acceptSigned(GP, signed));

    assertThat(accepted.body()).isEqualTo("Signed in our own system.");
    assertThatThrownBy(() -> db.inTransaction(() -> exchange.acceptSigned(GP, signed)))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void anAnswerSignedWithAnotherAgencysKeyIsRejectedAndAudited() {
    town.recordGpConsent(amal);
    Message request = ask();
    deliverAll();
    MessageEnvelope envelope = answerTo(request, "Forged.");
    byte[] signedBySchool =
        signatures.sign(envelope.toCanonicalBytes(), keys.find(SCHOOL.value()).orElseThrow());

    assertThatThrownBy(
            () ->
                db.inTransactionKeeping(
                    SignatureRejected.class, () -> exchange.acceptSigned(GP, signedBySchool)))
        .isInstanceOf(SignatureRejected.class)
        .extracting(e -> ((SignatureRejected) e).reason())
        .isEqualTo(SignatureRejected.Reason.UNKNOWN_SIGNER);
    List<AuditEntry> entries = db.inTransaction(() -> town.auditEntries());
    assertThat(entries.get(entries.size() - 1).action()).isEqualTo("signature.rejected");
  }
}
