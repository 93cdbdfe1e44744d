package no.bindeledd.core.retention;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditNotes;
import no.bindeledd.core.audit.NoteReading;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.persistence.JpaDataKeys;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.retention.RetentionPeriods.Category;
import no.bindeledd.core.retention.RetentionPeriods.Rule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retention run erases what outlived its period and nothing else: messages settled longer ago
 * than theirs, people whose last activity is longer ago than theirs, and audit notes recorded
 * longer ago than theirs; a person whose consent is still in force stays, whatever their age. The
 * audit chain holds afterwards, with the erasures in it.
 */
class RetentionRunTest {

  private static final RetentionPeriods PERIODS =
      new RetentionPeriods(
          Map.of(
              Category.MESSAGE, new Rule(Period.ofDays(90), "test"),
              Category.PERSON, new Rule(Period.ofYears(5), "test"),
              Category.AUDIT_NOTE, new Rule(Period.ofYears(5), "test")));

  @TempDir Path folder;

  private ErasureTown erasures;
  private TestDatabase db;
  private Fixtures town;
  private Fixtures.ExchangeServices exchange;
  private JpaDataKeys dataKeys;
  private AuditNotes notes;
  private RetentionRun retention;

  @BeforeEach
  void setUp() {
    erasures = new ErasureTown(folder.resolve("keys"));
    db = erasures.db;
    town = erasures.town;
    exchange = erasures.exchange;
    dataKeys = erasures.dataKeys;
    notes = erasures.notes;
    retention = retentionOf(PERIODS);
  }

  private RetentionRun retentionOf(RetentionPeriods periods) {
    return new RetentionRun(periods, erasures.steps, erasures.erasure, town.clock);
  }

  @AfterEach
  void tearDown() {
    erasures.close();
  }

  private Message askAndFail(Person about) {
    return erasures.askAndFail(about);
  }

  /** One run; in the container each batch and person is a transaction, here the run is one. */
  private RetentionRun.Outcome run() {
    RetentionRun.Outcome outcome = db.inTransaction(retention::run);
    db.em().clear();
    db.atRest().forgetUnwrappedKeys();
    return outcome;
  }

  private Message message(String id) {
    return db.inTransaction(() -> exchange.messages().get(id));
  }

  private Person person(String id) {
    return db.inTransaction(() -> town.people.get(id));
  }

  @Test
  void aMessageIsErasedOnceItsPeriodAfterSettlingHasEndedAndNotBefore() {
    Person person = town.participant();
    town.recordGpConsent(person);
    Message old = askAndFail(person);
    String oldKey = old.dataKeyId().orElseThrow();
    town.clock.advance(Duration.ofDays(60));
    Message recent = askAndFail(person);

    town.clock.advance(Duration.ofDays(31));
    RetentionRun.Outcome outcome = run();

    assertThat(outcome.messages()).isEqualTo(1);
    assertThat(outcome.people()).isZero();
    assertThat(message(old.id()).erasedAt()).isPresent();
    assertThat(message(old.id()).body()).isNull();
    assertThat(db.inTransaction(() -> dataKeys.find(oldKey))).isEmpty();
    assertThat(message(recent.id()).erasedAt()).isEmpty();
    assertThat(message(recent.id()).body()).isEqualTo("Was she sent to the clinic?");
    assertThat(person(person.id()).givenName()).isEqualTo(person.givenName());
    List<AuditEntry> erasures =
        town.auditEntries().stream()
            .filter(e -> e.action().equals(AuditAction.MESSAGE_ERASED.code()))
            .toList();
    assertThat(erasures)
        .singleElement()
        .satisfies(e -> assertThat(e.messageId()).isEqualTo(old.id()));
    assertThat(db.inTransaction(() -> town.audit.verifyChain(Fixtures.MUNICIPAL_LOG))).isEmpty();

    assertThat(run().messages()).as("a second run finds nothing more").isZero();
  }

  @Test
  void aPersonIsErasedFiveYearsAfterTheirLastConsentEndedButNotWhileOneIsInForce() {
    Person gone = town.participant();
    Consent goneConsent = town.recordGpConsent(gone);
    Message goneMessage = askAndFail(gone);
    Person staying = town.participant();
    town.recordGpConsent(staying);
    db.inTransaction(
        () -> town.consentRegistry.withdraw(CASEWORKER, goneConsent.id(), "she moved away"));

    town.clock.advance(Duration.ofDays(5 * 366));
    RetentionRun.Outcome outcome = run();

    assertThat(outcome.people()).isEqualTo(1);
    assertThat(person(gone.id()).isErased()).isTrue();
    assertThat(person(gone.id()).givenName()).isNull();
    assertThat(message(goneMessage.id()).erasedAt()).isPresent();
    assertThat(person(staying.id()).isErased()).isFalse();
    assertThat(person(staying.id()).givenName()).isEqualTo(staying.givenName());
    assertThat(town.auditEntries())
        .filteredOn(e -> e.action().equals(AuditAction.PERSON_ERASED.code()))
        .singleElement()
        .satisfies(e -> assertThat(e.subjectId()).isEqualTo(gone.id()));
    assertThat(db.inTransaction(() -> town.audit.verifyChain(Fixtures.MUNICIPAL_LOG))).isEmpty();
  }

  @Test
  void auditNotesAreErasedAfterTheirPeriodWhileTheEntriesStillVerify() {
    retention =
        retentionOf(
            new RetentionPeriods(
                Map.of(
                    Category.MESSAGE, new Rule(Period.ofDays(90), "test"),
                    Category.PERSON, new Rule(Period.ofYears(5), "test"),
                    Category.AUDIT_NOTE, new Rule(Period.ofYears(1), "test"))));
    Person person = town.participant();
    Consent consent = town.recordGpConsent(person);
    db.inTransaction(
        () -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "moved to Tromsø"));
    AuditEntry withdrawn =
        town.auditEntries().stream()
            .filter(e -> e.action().equals(AuditAction.CONSENT_WITHDRAWN.code()))
            .findFirst()
            .orElseThrow();
    assertThat(db.inTransaction(() -> notes.read(withdrawn)))
        .isEqualTo(new NoteReading.Text("moved to Tromsø"));

    town.clock.advance(Duration.ofDays(400));
    RetentionRun.Outcome outcome = run();

    assertThat(outcome.notes()).isEqualTo(1);
    assertThat(outcome.people()).as("the person's own period has not ended").isZero();
    assertThat(db.inTransaction(() -> notes.read(withdrawn)))
        .isInstanceOf(NoteReading.Erased.class);
    assertThat(person(person.id()).givenName()).isEqualTo(person.givenName());
    assertThat(town.auditEntries())
        .filteredOn(e -> e.action().equals(AuditAction.AUDIT_NOTES_ERASED.code()))
        .hasSize(1);
    assertThat(db.inTransaction(() -> town.audit.verifyChain(Fixtures.MUNICIPAL_LOG))).isEmpty();
  }
}
