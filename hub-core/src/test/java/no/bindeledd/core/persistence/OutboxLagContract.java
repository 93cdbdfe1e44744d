package no.bindeledd.core.persistence;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static no.bindeledd.core.Fixtures.GP_OFFICE;
import static no.bindeledd.core.Fixtures.NAV;
import static no.bindeledd.core.Fixtures.REFUGEE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.ParticipantPlan;
import no.bindeledd.core.exchange.RecipientLag;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's lag by recipient (migration V20's index, {@link JpaOutboxLags}'s one query) on every
 * database the hub runs on: each agency's waiting messages counted, and its oldest one's time read
 * back to the microsecond as UTC, whatever the JVM's zone.
 */
abstract class OutboxLagContract {

  @TempDir static Path keysDir;
  static AgencyKeyStore keys;

  /** A new database with nothing in it, not even the schema. */
  protected abstract DataSource emptyDatabase();

  @BeforeAll
  static void issueKeys() {
    keys = Fixtures.issueKeys(keysDir, REFUGEE_SERVICE, GP_OFFICE, NAV);
  }

  /** Real certificates need the real time; microseconds show that none are lost. */
  private static Instant start() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_000);
  }

  private static Message ask(TestDatabase db, MessageExchange exchange, Person subject) {
    return db.inTransaction(
        () ->
            exchange.sendRequest(
                CASEWORKER,
                new MessageExchange.NewRequest(
                    GP_OFFICE,
                    subject.id(),
                    DataCategory.REFERRAL_STATUS,
                    Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                    "Was she referred to hospital?")));
  }

  private static List<RecipientLag> lags(TestDatabase db) {
    return db.inTransaction(() -> new JpaOutboxLags(db.em()).byRecipient()).stream()
        .sorted(Comparator.comparing(RecipientLag::recipientAgency))
        .toList();
  }

  @Test
  void eachRecipientsWaitingMessagesAreCountedWithTheOldestOnesTime() {
    try (TestDatabase db = new TestDatabase(emptyDatabase())) {
      Instant first = start();
      Fixtures town = new Fixtures(db, first);
      MessageExchange exchange = town.exchangeSigningWith(keys).exchange();
      Person amal = town.participant();
      town.recordGpConsent(amal);
      town.recordNavConsent(amal);
      assertThat(lags(db)).as("nothing waits").isEmpty();

      Message oldest = ask(db, exchange, amal);
      town.clock.advance(Duration.ofMillis(2_500));
      Instant second = town.clock.instant();
      ask(db, exchange, amal);
      db.inTransaction(
          () ->
              exchange.sendPlan(
                  CASEWORKER,
                  amal.id(),
                  NAV,
                  new ParticipantPlan(
                      LocalDate.of(2027, 1, 4),
                      List.of(
                          new ParticipantPlan.Phase(
                              "Introduction",
                              LocalDate.of(2027, 1, 4),
                              LocalDate.of(2027, 6, 30),
                              List.of(
                                  new ParticipantPlan.Measure(
                                      "Norwegian classes", "mornings")))))));

      assertThat(lags(db))
          .containsExactly(
              new RecipientLag(GP_OFFICE.value(), 2, first),
              new RecipientLag(NAV.value(), 1, second));

      db.inTransaction(() -> new JpaMessages(db.em(), db.atRest()).dequeue(oldest.id()));
      assertThat(lags(db))
          .as("once the oldest has left the outbox")
          .containsExactly(
              new RecipientLag(GP_OFFICE.value(), 1, second),
              new RecipientLag(NAV.value(), 1, second));
    }
  }

  @Test
  void aNodeInOsloReadsTheOldestTimeAsTheUtcInstantItWrote() {
    TimeZone original = TimeZone.getDefault();
    // A node in Norway, connected while its zone is in force, as a real one would be.
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Oslo"));
    try (TestDatabase db = new TestDatabase(emptyDatabase())) {
      Instant at = start();
      Fixtures town = new Fixtures(db, at);
      MessageExchange exchange = town.exchangeSigningWith(keys).exchange();
      Person amal = town.participant();
      town.recordGpConsent(amal);

      ask(db, exchange, amal);

      assertThat(lags(db)).containsExactly(new RecipientLag(GP_OFFICE.value(), 1, at));
    } finally {
      TimeZone.setDefault(original);
    }
  }
}
