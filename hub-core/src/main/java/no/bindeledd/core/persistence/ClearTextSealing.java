package no.bindeledd.core.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKey;
import no.bindeledd.core.atrest.RowCipher;

/**
 * Seals what a hub from before V15 stored in clear: each person without a data key gets one, their
 * names and national identity number are sealed under it and the clear columns emptied, one person
 * a transaction, so that a start broken off half-way goes on where it stopped. Runs at start, after
 * the schema migration and before anything reads a person.
 */
public final class ClearTextSealing {

  private static final int BATCH = 100;

  private ClearTextSealing() {}

  /** Returns how many rows, people and messages, were sealed now. */
  public static int sealAll(DataSource dataSource, AtRestCipher atRest) {
    int sealed = 0;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      List<ClearPerson> people;
      do {
        people = clearPeople(connection);
        for (ClearPerson person : people) {
          seal(connection, atRest, person);
          connection.commit();
          sealed++;
        }
      } while (!people.isEmpty());
      List<ClearMessage> messages;
      do {
        messages = clearMessages(connection);
        for (ClearMessage message : messages) {
          seal(connection, atRest, message);
          connection.commit();
          sealed++;
        }
      } while (!messages.isEmpty());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot seal the clear-text rows of an older hub", e);
    }
    return sealed;
  }

  private record ClearMessage(String id, String body, byte[] signedEnvelope) {}

  private static List<ClearMessage> clearMessages(Connection connection) throws SQLException {
    List<ClearMessage> messages = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, body, signed_envelope FROM message WHERE data_key_id IS NULL ORDER BY id")) {
      select.setMaxRows(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          messages.add(new ClearMessage(rows.getString(1), rows.getString(2), rows.getBytes(3)));
        }
      }
    }
    return messages;
  }

  /** The same columns and binding as {@code Message.seal}, which reads them back. */
  private static void seal(Connection connection, AtRestCipher atRest, ClearMessage message)
      throws SQLException {
    DataKey key = insertDataKey(connection, atRest);
    RowCipher row = atRest.row("message", message.id(), key.id(), id -> Optional.of(key));
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE message SET data_key_id = ?, sealed_body = ?, sealed_envelope = ?,"
                + " body = NULL, signed_envelope = NULL WHERE id = ?")) {
      update.setString(1, key.id());
      update.setBytes(2, row.seal("body", message.body()));
      update.setBytes(3, row.seal("signed_envelope", message.signedEnvelope()));
      update.setString(4, message.id());
      update.executeUpdate();
    }
  }

  private static DataKey insertDataKey(Connection connection, AtRestCipher atRest)
      throws SQLException {
    DataKey key = atRest.newDataKey(Instant.now());
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO data_key (id, wrapped_key, kek_version, created_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, key.id());
      insert.setBytes(2, key.wrappedKey());
      insert.setInt(3, key.kekVersion());
      insert.setObject(4, LocalDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC));
      insert.executeUpdate();
    }
    return key;
  }

  private record ClearPerson(String id, String nationalId, String givenName, String familyName) {}

  private static List<ClearPerson> clearPeople(Connection connection) throws SQLException {
    List<ClearPerson> people = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, national_id, given_name, family_name FROM person"
                + " WHERE data_key_id IS NULL ORDER BY id")) {
      select.setMaxRows(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          people.add(
              new ClearPerson(
                  rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
      }
    }
    return people;
  }

  /** The same columns and binding as {@code Person.seal}, which reads them back. */
  private static void seal(Connection connection, AtRestCipher atRest, ClearPerson person)
      throws SQLException {
    DataKey key = insertDataKey(connection, atRest);
    RowCipher row = atRest.row("person", person.id(), key.id(), id -> Optional.of(key));
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE person SET data_key_id = ?, national_id_hash = ?, sealed_national_id = ?,"
                + " sealed_given_name = ?, sealed_family_name = ?, national_id = NULL,"
                + " given_name = NULL, family_name = NULL WHERE id = ?")) {
      update.setString(1, key.id());
      update.setString(2, row.lookupHash("national_id", person.nationalId()));
      update.setBytes(3, row.seal("national_id", person.nationalId()));
      update.setBytes(4, row.seal("given_name", person.givenName()));
      update.setBytes(5, row.seal("family_name", person.familyName()));
      update.setString(6, person.id());
      update.executeUpdate();
    }
  }
}
