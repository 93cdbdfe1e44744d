package no.bindeledd.core.persistence;

import static no.bindeledd.core.Fixtures.CASEWORKER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.ChildHeard;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.consent.ConsentChange;
import no.bindeledd.core.consent.ConsentEvidence;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Interpreter;
import no.bindeledd.core.consent.NewConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.ReceiptStatus;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal data on disk: the embedded profile's H2 file holds no name, national identity number,
 * message body, consent evidence, consent change reason or receipt in clear, the register still
 * finds people by number and by name after a restart, and an upgraded hub seals what it stored in
 * clear before.
 */
class PersonalDataAtRestTest {

  private static final NationalId ZAINAB = NationalId.synthetic(LocalDate.of(1984, 3, 9), 1);
  private static final NationalId QUENTIN = NationalId.synthetic(LocalDate.of(1979, 11, 23), 2);

  @TempDir Path folder;

  private DataSource h2File() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + folder.resolve("hub"));
    return h2;
  }

  private static Person register(Fixtures town, NationalId id, String given, String family) {
    return town.db.inTransaction(
        () ->
            town.personRegistry.registerParticipant(
                CASEWORKER,
                new PersonRegistry.NewPerson(id, given, family, Locale.forLanguageTag("so"))));
  }

  @Test
  void theDatabaseFileHoldsNoNameNationalIdOrMessageBodyInClear() throws Exception {
    AgencyKeyStore keys =
        Fixtures.issueKeys(folder.resolve("keys"), Fixtures.REFUGEE_SERVICE, Fixtures.GP_OFFICE);
    try (TestDatabase db = new TestDatabase(h2File())) {
      // Real certificates need the real time.
      Fixtures town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
      Person zainab = register(town, ZAINAB, "Zainabxq", "Warsamexq");
      register(town, QUENTIN, "Quentinxq", "Oyelaranxq");
      town.recordGpConsent(zainab);
      MessageExchange exchange = town.exchangeSigningWith(keys).exchange();
      Message sent =
          db.inTransaction(
              () ->
                  exchange.sendRequest(
                      CASEWORKER,
                      new MessageExchange.NewRequest(
                          Fixtures.GP_OFFICE,
                          zainab.id(),
                          DataCategory.REFERRAL_STATUS,
                          Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                          "Was she sent to the Kestrelplumbago clinic?")));
      db.em().clear();
      db.atRest().forgetUnwrappedKeys();
      JpaMessages messages = new JpaMessages(db.em(), db.atRest());
      assertThat(db.inTransaction(() -> messages.get(sent.id())))
          .extracting(Message::body)
          .isEqualTo("Was she sent to the Kestrelplumbago clinic?");
    }

    String file =
        new String(Files.readAllBytes(folder.resolve("hub.mv.db")), StandardCharsets.ISO_8859_1);
    assertThat(file)
        .as("what the file holds in clear: the agencies, the caseworker who registered them")
        .contains("Fjordvik", CASEWORKER.userId());
    assertThat(file)
        .doesNotContain("Zainabxq", "Warsamexq", "Quentinxq", "Oyelaranxq", "Kestrelplumbago")
        .doesNotContain(ZAINAB.value(), QUENTIN.value());
  }

  @Test
  void theDatabaseFileHoldsNoConsentEvidenceChangeReasonOrReceiptInClear() throws Exception {
    AgencyKeyStore keys =
        Fixtures.issueKeys(folder.resolve("keys"), Fixtures.REFUGEE_SERVICE, Fixtures.GP_OFFICE);
    try (TestDatabase db = new TestDatabase(h2File())) {
      Fixtures town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
      Person zainab = register(town, ZAINAB, "Zainab", "Warsame");
      Person child = town.child(zainab);
      NewConsent base = town.gpConsent(child);
      NewConsent heard =
          new NewConsent(
              child.id(),
              zainab.id(),
              base.disclosing(),
              base.receiving(),
              base.direction(),
              base.categories(),
              base.purpose(),
              base.validFrom(),
              base.validUntil(),
              base.collectionMethod(),
              base.formSha256(),
              Locale.forLanguageTag("so"),
              "Interpxq Abdirahman",
              Locale.forLanguageTag("so"),
              "Witnessxq Bergersen",
              new ChildHeard(
                  "Hearerxq Nilsen, health nurse",
                  LocalDate.now(ZoneOffset.UTC),
                  "Childviewxq: I want the nurse to know."));
      String consentId =
          db.inTransaction(() -> town.consentRegistry.record(CASEWORKER, heard)).id();
      db.inTransaction(
          () ->
              town.consentRegistry.withdraw(
                  CASEWORKER, consentId, "Withdrawnxq: the family moved to another town"));
      town.recordGpConsent(zainab);
      Fixtures.ExchangeServices services = town.exchangeSigningWith(keys);
      Message sent =
          db.inTransaction(
              () ->
                  services
                      .exchange()
                      .sendRequest(
                          CASEWORKER,
                          new MessageExchange.NewRequest(
                              Fixtures.GP_OFFICE,
                              zainab.id(),
                              DataCategory.REFERRAL_STATUS,
                              Purpose.INTRODUCTION_PROGRAMME_FOLLOW_UP,
                              "Was she referred?")));
      db.inTransaction(() -> services.delivery().prepare(sent.id()));
      db.inTransaction(() -> services.delivery().markSent(sent.id()));
      db.inTransaction(
          () ->
              services
                  .delivery()
                  .applyReceipt(
                      Fixtures.GP_OFFICE,
                      sent.id(),
                      ReceiptStatus.REJECTED,
                      "Receiptxq E21 the patient is not listed here",
                      null));
      db.em().clear();
      db.atRest().forgetUnwrappedKeys();

      Consent stored = new JpaConsents(db.em(), db.atRest()).get(consentId);
      ConsentEvidence evidence = stored.evidence();
      assertThat(evidence.interpreter()).map(Interpreter::identity).hasValue("Interpxq Abdirahman");
      assertThat(evidence.interpreter())
          .map(Interpreter::language)
          .hasValue(Locale.forLanguageTag("so"));
      assertThat(evidence.witness()).hasValue("Witnessxq Bergersen");
      assertThat(evidence.childHeard().orElseThrow().heardBy())
          .isEqualTo("Hearerxq Nilsen, health nurse");
      assertThat(evidence.childHeard().orElseThrow().views())
          .hasValue("Childviewxq: I want the nurse to know.");
      assertThat(stored.history())
          .extracting(ConsentChange::reason)
          .containsExactly("recorded", "Withdrawnxq: the family moved to another town");
      Message rejected = new JpaMessages(db.em(), db.atRest()).get(sent.id());
      assertThat(rejected.receipt())
          .hasValue("rejected: Receiptxq E21 the patient is not listed here");
      assertThat(rejected.statusReason())
          .hasValue("rejected: Receiptxq E21 the patient is not listed here");
    }

    String file =
        new String(Files.readAllBytes(folder.resolve("hub.mv.db")), StandardCharsets.ISO_8859_1);
    assertThat(file)
        .as("what the file holds in clear: the agencies, the caseworker who recorded it")
        .contains("Fjordvik", CASEWORKER.userId());
    assertThat(file)
        .doesNotContain(
            "Interpxq", "Witnessxq", "Hearerxq", "Childviewxq", "Withdrawnxq", "Receiptxq");
  }

  @Test
  void aRestartedHubFindsPeopleByNationalIdAndByNameAndListsThemInNameOrder() {
    try (TestDatabase db = new TestDatabase(h2File())) {
      Fixtures town = new Fixtures(db);
      register(town, ZAINAB, "Zainab", "Warsame");
      register(town, QUENTIN, "Quentin", "Oyelaran");
    }

    try (TestDatabase restarted = new TestDatabase(h2File())) {
      restarted.atRest().forgetUnwrappedKeys();
      JpaPeople people = new JpaPeople(restarted.em(), restarted.atRest());

      assertThat(people.findByNationalId(ZAINAB))
          .hasValueSatisfying(p -> assertThat(p.fullName()).isEqualTo("Zainab Warsame"));
      assertThat(people.named(Fixtures.MUNICIPALITY, "arsa", 0, 10))
          .extracting(Person::fullName)
          .containsExactly("Zainab Warsame");
      assertThat(people.named(Fixtures.MUNICIPALITY, "QUENTIN O", 0, 10))
          .extracting(Person::fullName)
          .containsExactly("Quentin Oyelaran");
      assertThat(people.inOrder(Fixtures.MUNICIPALITY, 0, 10))
          .extracting(Person::fullName)
          .containsExactly("Quentin Oyelaran", "Zainab Warsame");
      assertThat(people.inOrder(Fixtures.MUNICIPALITY, 1, 10))
          .extracting(Person::fullName)
          .containsExactly("Zainab Warsame");
    }
  }

  @Test
  void anUpgradedHubSealsThePeopleAndMessagesItStoredInClearAndEmptiesTheClearColumns()
      throws SQLException {
    DataSource database = TestDatabase.freshH2();
    Flyway.configure().dataSource(database).target("13").load().migrate();
    try (Connection c = database.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO person (id, national_id, given_name, family_name, preferred_language,"
                    + " registered_at, registered_by, municipality)"
                    + " VALUES (?, ?, ?, ?, 'so', CURRENT_TIMESTAMP, 'kari', '9901')")) {
      c.createStatement()
          .execute("INSERT INTO municipality (number, name) VALUES ('9901', 'Fjordvik')");
      insert.setString(1, "00000000-0000-0000-0000-000000000001");
      insert.setString(2, ZAINAB.value());
      insert.setString(3, "Zainab");
      insert.setString(4, "Warsame");
      insert.executeUpdate();
      c.createStatement()
          .execute(
              "INSERT INTO agency (org_number, name, kind) VALUES"
                  + " ('311000004', 'Fjordvik refugee service', 'REFUGEE_SERVICE'),"
                  + " ('311000012', 'Fjordvik GP office', 'GP_OFFICE')");
      try (PreparedStatement message =
          c.prepareStatement(
              "INSERT INTO message (id, conversation_id, kind, sender_agency, sender_user,"
                  + " recipient_agency, subject_id, category, purpose, body, signed_envelope,"
                  + " created_at, status, status_changed_at, version) VALUES ('m-1', 'm-1',"
                  + " 'REQUEST', '311000004', 'kari', '311000012',"
                  + " '00000000-0000-0000-0000-000000000001', 'REFERRAL_STATUS',"
                  + " 'INTRODUCTION_PROGRAMME_FOLLOW_UP', ?, ?, CURRENT_TIMESTAMP, 'CREATED',"
                  + " CURRENT_TIMESTAMP, 1)")) {
        message.setString(1, "Was she referred?");
        message.setBytes(2, "signed bytes".getBytes(StandardCharsets.UTF_8));
        message.executeUpdate();
      }
    }

    try (TestDatabase upgraded = new TestDatabase(database)) {
      upgraded.atRest().forgetUnwrappedKeys();
      JpaPeople people = new JpaPeople(upgraded.em(), upgraded.atRest());

      assertThat(people.findByNationalId(ZAINAB))
          .hasValueSatisfying(p -> assertThat(p.fullName()).isEqualTo("Zainab Warsame"));
      assertThat(clearColumns(database)).containsExactly("null null null");
      Message message = new JpaMessages(upgraded.em(), upgraded.atRest()).get("m-1");
      assertThat(message.body()).isEqualTo("Was she referred?");
      assertThat(message.signedEnvelope()).asString().isEqualTo("signed bytes");
      assertThat(clearMessageColumns(database)).containsExactly("null null");
      assertThat(ClearTextSealing.sealAll(database, upgraded.atRest())).as("sealed again").isZero();
    }
  }

  @Test
  void anUpgradedHubSealsTheConsentEvidenceChangeReasonsAndReceiptsItStoredInClear()
      throws SQLException {
    DataSource database = TestDatabase.freshH2();
    Flyway.configure().dataSource(database).target("15").load().migrate();
    try (Connection c = database.getConnection()) {
      c.createStatement()
          .execute("INSERT INTO municipality (number, name) VALUES ('9901', 'Fjordvik')");
      c.createStatement()
          .execute(
              "INSERT INTO agency (org_number, name, kind) VALUES"
                  + " ('311000004', 'Fjordvik refugee service', 'REFUGEE_SERVICE'),"
                  + " ('311000012', 'Fjordvik GP office', 'GP_OFFICE')");
      try (PreparedStatement person =
          c.prepareStatement(
              "INSERT INTO person (id, national_id, given_name, family_name, preferred_language,"
                  + " registered_at, registered_by, municipality) VALUES"
                  + " ('p-1', ?, 'Zainab', 'Warsame', 'so', CURRENT_TIMESTAMP, 'kari', '9901')")) {
        person.setString(1, ZAINAB.value());
        person.executeUpdate();
      }
      c.createStatement()
          .execute(
              "INSERT INTO consent (id, subject_id, grantor_id, disclosing_agency,"
                  + " receiving_agency, direction, purpose, valid_from, valid_until, status,"
                  + " collection_method, text_language, interpreter_id, interpreter_language,"
                  + " witness, child_heard_by, child_heard_on, child_views, recorded_by,"
                  + " recorded_by_agency, recorded_at) VALUES ('c-1', 'p-1', 'p-1', '311000012',"
                  + " '311000004', 'ONE_WAY', 'INTRODUCTION_PROGRAMME_FOLLOW_UP',"
                  + " CURRENT_TIMESTAMP, DATEADD('YEAR', 1, CURRENT_TIMESTAMP), 'WITHDRAWN',"
                  + " 'VERBAL_WITH_WITNESS', 'so', 'Interpreter 4711', 'so', 'Ola Vitne',"
                  + " 'Kari Helsesøster', DATE '2026-11-02', 'Ja, det er greit.', 'kari',"
                  + " '311000004', CURRENT_TIMESTAMP)");
      c.createStatement()
          .execute(
              "INSERT INTO consent_category (consent_id, category) VALUES"
                  + " ('c-1', 'REFERRAL_STATUS')");
      c.createStatement()
          .execute(
              "INSERT INTO consent_change (id, consent_id, changed_at, changed_by, new_status,"
                  + " reason) VALUES (NEXT VALUE FOR consent_change_seq, 'c-1',"
                  + " CURRENT_TIMESTAMP, 'kari', 'WITHDRAWN', 'She moved away')");
      c.createStatement()
          .execute(
              "INSERT INTO message (id, conversation_id, kind, sender_agency, sender_user,"
                  + " recipient_agency, subject_id, category, purpose, body, signed_envelope,"
                  + " created_at, status, status_reason, receipt, status_changed_at, version)"
                  + " VALUES ('m-1', 'm-1', 'REQUEST', '311000004', 'kari', '311000012', 'p-1',"
                  + " 'REFERRAL_STATUS', 'INTRODUCTION_PROGRAMME_FOLLOW_UP', 'Was she referred?',"
                  + " X'00', CURRENT_TIMESTAMP, 'FAILED', 'rejected: E21 not listed',"
                  + " 'rejected: E21 not listed', CURRENT_TIMESTAMP, 1)");
    }

    try (TestDatabase upgraded = new TestDatabase(database)) {
      upgraded.atRest().forgetUnwrappedKeys();
      Consent consent = new JpaConsents(upgraded.em(), upgraded.atRest()).get("c-1");
      assertThat(consent.evidence().interpreter())
          .hasValueSatisfying(
              i -> assertThat(i.identity() + " " + i.language()).isEqualTo("Interpreter 4711 so"));
      assertThat(consent.evidence().witness()).hasValue("Ola Vitne");
      assertThat(consent.evidence().childHeard())
          .hasValueSatisfying(
              h ->
                  assertThat(h.heardBy() + " " + h.heardOn() + " " + h.views().orElseThrow())
                      .isEqualTo("Kari Helsesøster 2026-11-02 Ja, det er greit."));
      assertThat(consent.history())
          .extracting(ConsentChange::reason)
          .containsExactly("She moved away");
      JpaMessages messages = new JpaMessages(upgraded.em(), upgraded.atRest());
      Message message = messages.get("m-1");
      assertThat(message.receipt()).hasValue("rejected: E21 not listed");
      assertThat(message.statusReason()).hasValue("rejected: E21 not listed");
      assertThat(
              rows(
                  database,
                  "SELECT interpreter_id, interpreter_language, witness, child_heard_by,"
                      + " child_views FROM consent"))
          .containsExactly("null null null null null");
      assertThat(rows(database, "SELECT reason FROM consent_change")).containsExactly("null");
      assertThat(rows(database, "SELECT receipt, status_reason FROM message"))
          .containsExactly("null null");

      // A hub between V15 and V17 sealed the message but left its receipt in clear.
      try (Connection c = database.getConnection()) {
        c.createStatement().execute("UPDATE message SET receipt = 'ok: E0' WHERE id = 'm-1'");
      }
      assertThat(ClearTextSealing.sealAll(database, upgraded.atRest())).isEqualTo(1);
      upgraded.em().clear();
      assertThat(messages.get("m-1").receipt()).hasValue("ok: E0");
      assertThat(messages.get("m-1").body()).isEqualTo("Was she referred?");
      assertThat(rows(database, "SELECT receipt, status_reason FROM message"))
          .containsExactly("null null");
      assertThat(ClearTextSealing.sealAll(database, upgraded.atRest())).as("sealed again").isZero();
    }
  }

  private static List<String> rows(DataSource database, String select) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = database.getConnection();
        ResultSet r = c.createStatement().executeQuery(select)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(r.getString(i)));
        }
        rows.add(String.join(" ", values));
      }
    }
    return rows;
  }

  private static List<String> clearMessageColumns(DataSource database) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = database.getConnection();
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT body, signed_envelope FROM message WHERE sealed_body IS NOT NULL")) {
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getBytes(2));
      }
    }
    return rows;
  }

  private static List<String> clearColumns(DataSource database) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = database.getConnection();
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT national_id, given_name, family_name FROM person"
                        + " WHERE sealed_given_name IS NOT NULL")) {
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
      }
    }
    return rows;
  }
}
