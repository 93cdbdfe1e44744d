package no.bindeledd.core.retention;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.insight.AccessLog;
import no.bindeledd.core.audit.insight.AccessLogs;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.persistence.ClearTextSealing;
import no.bindeledd.core.persistence.JpaDataKeys;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasing a person destroys the data keys of their names, identity number and messages, and leaves
 * an audit log whose chain still holds, with one more entry saying what was erased; it is refused
 * while a flow still needs the person, and to anyone but a caseworker of their municipality.
 */
class PersonErasureTest {

  @TempDir Path folder;

  private ErasureTown erasures;
  private TestDatabase db;
  private Fixtures town;
  private Fixtures.ExchangeServices exchange;
  private JpaDataKeys dataKeys;
  private PersonErasure erasure;

  @BeforeEach
  void setUp() {
    erasures = new ErasureTown(folder.resolve("keys"));
    db = erasures.db;
    town = erasures.town;
    exchange = erasures.exchange;
    dataKeys = erasures.dataKeys;
    erasure = erasures.erasure;
  }

  @AfterEach
  void tearDown() {
    erasures.close();
  }

  private Message ask(Person about) {
    return erasures.ask(about);
  }

  private void withdraw(Consent consent) {
    db.inTransaction(
        () -> town.consentRegistry.withdraw(CASEWORKER, consent.id(), "she moved away"));
  }

  private PersonErasure.Erased erase(
      no.bindeledd.core.access.Actor actor, Person person, ErasureGround ground) {
    return db.inTransaction(() -> erasure.onRequest(actor, person.id(), ground));
  }

  @Test
  void aConsentStillInForceIsNamedAndNothingIsErased() {
    Person person = town.participant();
    Consent consent = town.recordGpConsent(person);

    assertThatThrownBy(() -> erase(CASEWORKER, person, ErasureGround.OBJECTION))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("withdraw the consents still in force first")
        .hasMessageContaining(consent.id());
    db.em().clear();
    assertThat(db.inTransaction(() -> town.people.get(person.id())).givenName())
        .isEqualTo(person.givenName());
  }

  @Test
  void aMessageStillOnItsWayIsNamed() {
    Person person = town.participant();
    Consent consent = town.recordGpConsent(person);
    Message asked = ask(person);
    withdraw(consent);

    assertThatThrownBy(() -> erase(CASEWORKER, person, ErasureGround.OBJECTION))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("still on their way")
        .hasMessageContaining(asked.id());
  }

  @Test
  void erasingDestroysTheKeysEmptiesTheColumnsAndIsAuditedWhileTheChainHolds() {
    Person person = town.participant();
    Consent consent = town.recordGpConsent(person);
    Message asked = erasures.askAndFail(person);
    withdraw(consent);
    String personKey = person.dataKeyId().orElseThrow();
    String messageKey = asked.dataKeyId().orElseThrow();

    PersonErasure.Erased erased = erase(CASEWORKER, person, ErasureGround.CONSENT_WITHDRAWN);

    assertThat(erased.messages()).isEqualTo(1);
    assertThat(erased.notes()).isEqualTo(1);
    assertThat(db.inTransaction(() -> dataKeys.find(personKey))).isEmpty();
    assertThat(db.inTransaction(() -> dataKeys.find(messageKey))).isEmpty();
    db.em().clear();
    db.atRest().forgetUnwrappedKeys();
    Person after = db.inTransaction(() -> town.people.get(person.id()));
    assertThat(after.isErased()).isTrue();
    assertThat(after.givenName()).isNull();
    assertThat(after.familyName()).isNull();
    Consent erasedConsent = db.inTransaction(() -> town.consents.get(consent.id()));
    assertThat(erasedConsent.evidence().witness()).isEmpty();
    assertThat(erasedConsent.history()).allSatisfy(c -> assertThat(c.reason()).isNull());
    Message message = db.inTransaction(() -> exchange.messages().get(asked.id()));
    assertThat(message.body()).isNull();
    assertThat(message.statusReason()).isEmpty();
    assertThat(message.erasedAt()).isPresent();
    java.util.List<AuditEntry> municipal =
        town.auditEntries().stream().filter(e -> e.log().equals(Fixtures.MUNICIPAL_LOG)).toList();
    AuditEntry last = municipal.get(municipal.size() - 1);
    assertThat(last.action()).isEqualTo(AuditAction.PERSON_ERASED.code());
    assertThat(last.subjectId()).isEqualTo(person.id());
    assertThat(new String(last.canonicalBytes(), StandardCharsets.UTF_8))
        .contains("consent-withdrawn: names and national identity number, messages=1, notes=1");
    assertThat(db.inTransaction(() -> town.audit.verifyChain(Fixtures.MUNICIPAL_LOG))).isEmpty();

    assertThatThrownBy(() -> erase(CASEWORKER, person, ErasureGround.OBJECTION))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("was erased on");

    // A restart seals what an older hub left in clear; what was erased is not that.
    assertThat(ClearTextSealing.sealAll(db.dataSource(), db.atRest())).isZero();
    db.em().clear();
    assertThat(db.inTransaction(() -> town.people.get(person.id())).dataKeyId()).isEmpty();
    assertThat(db.inTransaction(() -> exchange.messages().get(asked.id())).dataKeyId()).isEmpty();
    assertThat(db.inTransaction(() -> town.consents.get(consent.id())).dataKeyId()).isEmpty();
  }

  private static AccessLog.Section section(AccessLog log, String language) {
    return log.sections().stream()
        .filter(s -> s.language().equals(language))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void thePersonsAccessLogSaysWhatWasErasedAndWhenAndStillShowsWhoGotWhat() {
    Person person = town.participant();
    Consent consent = town.recordGpConsent(person);
    Message asked = erasures.askAndFail(person);
    withdraw(consent);
    PersonErasure.Erased erased = erase(CASEWORKER, person, ErasureGround.OBJECTION);
    db.em().clear();
    AccessLogs accessLogs =
        new AccessLogs(
            town.audit,
            town.people,
            town.agencies,
            town.consents,
            exchange.messages(),
            town.clock,
            town.representation);

    AccessLog log =
        db.inTransaction(
            () -> accessLogs.read(CASEWORKER, person.id(), Locale.forLanguageTag("ar")));

    assertThat(log.entries().get(0).kind()).isEqualTo("erased-on-request");
    assertThat(log.entries().get(0).time()).isEqualTo(erased.at());
    AccessLog.Section norwegian = section(log, "nb");
    assertThat(norwegian.summary()).contains("navnet ditt er slettet").doesNotContain("null");
    assertThat(norwegian.entries().items().get(0).text())
        .contains("slettet navnet ditt, identitetsnummeret ditt og innholdet i meldingene");
    AccessLog.Section arabic = section(log, "ar");
    assertThat(arabic.reviewStatus()).isEqualTo("draft");
    assertThat(arabic.entries().items().get(0).text()).contains("حذفت");
  }

  @Test
  void nothingNewIsRecordedSentOrWrittenAboutAnErasedPerson() {
    Person person = town.participant();
    Consent consent = town.recordGpConsent(person);
    withdraw(consent);
    erase(CASEWORKER, person, ErasureGround.NO_LONGER_NEEDED);
    db.em().clear();
    Consent withdrawn = db.inTransaction(() -> town.consents.get(consent.id()));

    assertThatThrownBy(() -> town.recordGpConsent(person))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("was erased on")
        .hasMessageContaining("no consent can be recorded about them");
    assertThatThrownBy(
            () ->
                new no.bindeledd.core.consent.receipt.ConsentReceipts()
                    .receipt(withdrawn, Locale.ENGLISH, java.util.Map.of(), town.clock.instant()))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("receipt");
  }

  @Test
  void onlyACaseworkerOfThePersonsMunicipalityErasesAndNeverForTheRetentionJob() {
    Person person = town.participant();

    assertThatThrownBy(() -> erase(Fixtures.GP, person, ErasureGround.OBJECTION))
        .isInstanceOf(AccessDenied.class);
    assertThatThrownBy(() -> erase(Fixtures.OTHER_CASEWORKER, person, ErasureGround.OBJECTION))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> erase(CASEWORKER, person, ErasureGround.RETENTION_ENDED))
        .isInstanceOf(AccessDenied.class);
  }
}
