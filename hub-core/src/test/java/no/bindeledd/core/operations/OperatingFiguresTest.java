package no.bindeledd.core.operations;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.DeliveryPolicy;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.persistence.JpaHubFigures;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's figures follow what happens, as the database holds it. */
class OperatingFiguresTest {

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
  private OperatingFigures figures;
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
    exchange = services.exchange();
    delivery = services.delivery();
    figures = new OperatingFigures(new JpaHubFigures(db.em()), town.clock);
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

  private OperatingFigures.Figures now() {
    db.em().clear();
    return db.inTransaction(() -> figures.now());
  }

  @Test
  void anEmptyHubHasNothingToCount() {
    OperatingFigures.Figures empty = now();
    assertThat(empty.messages()).isEmpty();
    assertThat(empty.outbox()).isEmpty();
    assertThat(empty.sinceLastCheckpoint()).isEmpty();
    assertThat(empty.untimestamped()).isZero();
    assertThat(empty.uncheckpointed()).isEqualTo(empty.auditLogSize());
  }

  @Test
  void aRequestTriedAndFailedIsCountedByStatusRecipientOutboxDecisionAndAuditEntry() {
    town.recordGpConsent(amal);
    OperatingFigures.Figures before = now();

    Message request = ask();
    OperatingFigures.Figures sent = now();
    assertThat(sent.messages(GP_OFFICE.value(), DeliveryStatus.CREATED)).isEqualTo(1);
    assertThat(sent.messages(null, DeliveryStatus.CREATED)).isEqualTo(1);
    assertThat(sent.messages(NAV.value(), DeliveryStatus.CREATED)).isZero();
    assertThat(sent.outbox(GP_OFFICE.value()).waiting()).isEqualTo(1);
    assertThat(sent.outbox(GP_OFFICE.value()).retrying()).isZero();
    assertThat(sent.auditEntries(AuditAction.CONSENT_DECISION.code(), AuditOutcome.ALLOWED.code()))
        .isEqualTo(
            before.auditEntries(AuditAction.CONSENT_DECISION.code(), AuditOutcome.ALLOWED.code())
                + 1);
    assertThat(sent.auditLogSize()).isGreaterThan(before.auditLogSize());
    assertThat(sent.uncheckpointed()).isEqualTo(sent.auditLogSize());

    db.inTransaction(() -> delivery.claimDue(10));
    db.inTransaction(() -> delivery.retryLater(request.id(), "connection refused"));
    OperatingFigures.Figures failing = now();
    assertThat(failing.outbox(GP_OFFICE.value()).retrying()).isEqualTo(1);
    assertThat(failing.outbox(GP_OFFICE.value()).mostAttempts()).isEqualTo(1);
    assertThat(db.inTransaction(() -> figures.lastDeliveryError(GP_OFFICE.value())))
        .contains("connection refused");

    db.inTransaction(() -> delivery.markFailed(request.id(), "refused for good"));
    OperatingFigures.Figures failed = now();
    assertThat(failed.messages(GP_OFFICE.value(), DeliveryStatus.FAILED)).isEqualTo(1);
    assertThat(failed.messages(GP_OFFICE.value(), DeliveryStatus.CREATED)).isZero();
    assertThat(failed.outbox(GP_OFFICE.value()).waiting()).isZero();
  }
}
