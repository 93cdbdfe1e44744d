package no.bindeledd.core.exchange;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.persistence.JpaMessages;
import no.bindeledd.core.persistence.JpaOutboxLags;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agency falls behind: its senders are told the delay past the warning bound, new requests to
 * it are refused past the refusal bound with nothing written, every other agency goes on as before,
 * replies are always taken in, and once its outbox drains it takes requests again.
 */
class BackPressureTest {

  private static final DeliveryLagBounds BOUNDS =
      new DeliveryLagBounds(Duration.ofSeconds(30), Duration.ofMinutes(2));

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  private TestDatabase db;
  private Fixtures town;
  private MessageExchange exchange;
  private Delivery delivery;
  private JpaMessages messages;
  private BackPressure backPressure;
  private Person amal;

  @BeforeAll
  static void issueKeys() {
    keys = Fixtures.issueKeys(keysDir, REFUGEE_SERVICE, GP_OFFICE, NAV);
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, java.time.Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Fixtures.ExchangeServices services =
        town.exchangeSigningWith(keys, DeliveryPolicy.DEFAULT, BOUNDS);
    messages = services.messages();
    exchange = services.exchange();
    delivery = services.delivery();
    backPressure = services.backPressure();
    amal = town.participant();
    town.recordGpConsent(amal);
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

  private Message sharePlan() {
    ParticipantPlan plan =
        new ParticipantPlan(
            LocalDate.of(2027, 1, 4),
            List.of(
                new ParticipantPlan.Phase(
                    "Introduction",
                    LocalDate.of(2027, 1, 4),
                    LocalDate.of(2027, 6, 30),
                    List.of(new ParticipantPlan.Measure("Norwegian classes", "mornings")))));
    return db.inTransaction(() -> exchange.sendPlan(CASEWORKER, amal.id(), NAV, plan));
  }

  private void deliverAll() {
    List<Delivery.Due> due = db.inTransaction(() -> delivery.claimDue(50));
    for (Delivery.Due d : due) {
      db.inTransaction(() -> delivery.deliverToInbox(d.messageId()));
    }
    db.em().clear();
  }

  private int auditEntries() {
    return db.inTransaction(() -> town.auditEntries()).size();
  }

  private int sentByTheRefugeeService() {
    return db.inTransaction(() -> messages.from(REFUGEE_SERVICE, 500)).size();
  }

  @Test
  void pastTheWarningBoundTheSenderIsToldHowLongTheOldestMessageHasWaited() {
    ask();
    assertThat(backPressure.expectedDelay(GP_OFFICE)).isEmpty();

    town.clock.advance(Duration.ofSeconds(30));
    assertThat(backPressure.expectedDelay(GP_OFFICE)).as("at the bound").isEmpty();

    town.clock.advance(Duration.ofMillis(200));
    assertThat(backPressure.expectedDelay(GP_OFFICE))
        .as("just past the bound, in whole seconds rounded up")
        .contains(Duration.ofSeconds(31));
    town.clock.advance(Duration.ofSeconds(15));
    assertThat(backPressure.expectedDelay(GP_OFFICE)).contains(Duration.ofSeconds(46));
    assertThat(backPressure.expectedDelay(NAV)).as("an agency with nothing waiting").isEmpty();
    Message second = ask();
    assertThat(second.status()).as("accepted, only later").isEqualTo(DeliveryStatus.CREATED);
  }

  @Test
  void pastTheRefusalBoundANewRequestIsRefusedWithNothingWritten() {
    ask();
    town.clock.advance(Duration.ofMinutes(2).plusSeconds(12));
    int entries = auditEntries();
    int sent = sentByTheRefugeeService();

    assertThatThrownBy(this::ask)
        .isInstanceOfSatisfying(
            RecipientBehind.class,
            behind -> {
              assertThat(behind.recipient()).isEqualTo(GP_OFFICE);
              assertThat(behind.lag()).isEqualTo(Duration.ofSeconds(132));
              assertThat(behind.retryAfter()).isEqualTo(Duration.ofSeconds(12));
            })
        .hasMessageContaining("Fjordvik GP Office (" + GP_OFFICE.value() + ")")
        .hasMessageContaining("132 seconds behind")
        .hasMessageNotContaining(amal.id());

    assertThat(auditEntries()).as("no decision, no refusal, nothing audited").isEqualTo(entries);
    assertThat(sentByTheRefugeeService()).as("no message stored").isEqualTo(sent);
    assertThat(db.inTransaction(() -> new JpaOutboxLags(db.em()).byRecipient()))
        .singleElement()
        .satisfies(lag -> assertThat(lag.waiting()).as("the one waiting before").isEqualTo(1));
  }

  @Test
  void anotherAgencyTakesRequestsAndPlansWhileOneIsBehindAndAPlanToABehindNavIsRefused() {
    ask();
    town.clock.advance(Duration.ofMinutes(3));
    town.recordNavConsent(amal);

    Message plan = sharePlan();
    assertThat(plan.status()).isEqualTo(DeliveryStatus.CREATED);
    assertThat(backPressure.expectedDelay(NAV)).isEmpty();

    town.clock.advance(Duration.ofMinutes(3));
    assertThatThrownBy(this::sharePlan)
        .isInstanceOfSatisfying(
            RecipientBehind.class, behind -> assertThat(behind.recipient()).isEqualTo(NAV));
  }

  @Test
  void aReplyIsTakenInWhileTheAgencyItGoesToIsBehind() {
    Message first = ask();
    Message second = ask();
    deliverAll();
    db.inTransaction(() -> exchange.answer(GP, first.id(), "Yes, on 22 November."));
    town.clock.advance(Duration.ofMinutes(5));
    assertThat(backPressure.lagOf(REFUGEE_SERVICE)).isGreaterThan(BOUNDS.refuseAfter());

    Message answer =
        db.inTransaction(() -> exchange.answer(GP, second.id(), "No referral was made."));

    assertThat(answer.status()).isEqualTo(DeliveryStatus.CREATED);
  }

  @Test
  void onceTheAgencysOutboxDrainsItTakesRequestsAgain() {
    ask();
    town.clock.advance(Duration.ofMinutes(3));
    assertThatThrownBy(this::ask).isInstanceOf(RecipientBehind.class);

    deliverAll();
    assertThatThrownBy(this::ask)
        .as("the outbox as read less than a second ago")
        .isInstanceOf(RecipientBehind.class);
    town.clock.advance(BackPressure.FRESH);

    assertThat(ask().status()).isEqualTo(DeliveryStatus.CREATED);
    assertThat(backPressure.lagOf(GP_OFFICE)).isZero();
  }

  @Test
  void theOutboxIsReadAtMostOnceASecondHoweverManyAsk() {
    AtomicInteger reads = new AtomicInteger();
    JpaOutboxLags outbox = new JpaOutboxLags(db.em());
    BackPressure counted =
        new BackPressure(
            () -> {
              reads.incrementAndGet();
              return outbox.byRecipient();
            },
            BOUNDS,
            town.clock);
    ask();

    for (int i = 0; i < 100; i++) {
      db.inTransaction(() -> counted.lagOf(GP_OFFICE));
    }
    assertThat(reads).hasValue(1);
    town.clock.advance(Duration.ofMillis(999));
    assertThat(db.inTransaction(() -> counted.lagOf(GP_OFFICE)))
        .as("the lag still grows with the clock between reads")
        .isEqualTo(Duration.ofMillis(999));
    assertThat(reads).hasValue(1);
    town.clock.advance(Duration.ofMillis(1));
    db.inTransaction(() -> counted.lagOf(GP_OFFICE));
    assertThat(reads).hasValue(2);
  }
}
