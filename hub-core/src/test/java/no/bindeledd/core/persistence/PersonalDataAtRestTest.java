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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.person.PersonRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal data on disk: the embedded profile's H2 file holds no name, national identity number or
 * message body in clear, the register still finds people by number and by name after a restart, and
 * an upgraded hub seals what it stored in clear before.
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
