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
 * Seals what an older hub stored in clear: each person without a data key gets one, their names and
 * national identity number are sealed under it and the clear columns emptied, one person a
 * transaction, so that a start broken off half-way goes on where it stopped; then each message the
 * same way. From before V17: each consent's evidence and each consent change's reason are sealed
 * under the data key of the consent's subject, and a message's receipt and status reason under the
 * message's. What was erased (ADR 0035) has no data key either, and is left as it is. Runs at
 * start, after the schema migration and before anything reads a person.
 */
public final class ClearTextSealing {

  private static final int BATCH = 100;

  private ClearTextSealing() {}

  /**
   * Returns how many rows were sealed now: people, messages, consents, consent changes, and
   * messages whose receipt or status reason was left in clear.
   */
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
      List<ClearSideText> sideTexts;
      do {
        sideTexts = clearSideTexts(connection);
        for (ClearSideText sideText : sideTexts) {
          seal(connection, atRest, sideText);
          connection.commit();
          sealed++;
        }
      } while (!sideTexts.isEmpty());
      List<ClearEvidence> evidence;
      do {
        evidence = clearEvidence(connection);
        for (ClearEvidence one : evidence) {
          seal(connection, atRest, one);
          connection.commit();
          sealed++;
        }
      } while (!evidence.isEmpty());
      List<ClearReason> reasons;
      do {
        reasons = clearReasons(connection);
        for (ClearReason reason : reasons) {
          seal(connection, atRest, reason);
          connection.commit();
          sealed++;
        }
      } while (!reasons.isEmpty());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot seal the clear-text rows of an older hub", e);
    }
    return sealed;
  }

  private record ClearMessage(
      String id, String body, byte[] signedEnvelope, String receipt, String statusReason) {}

  private static List<ClearMessage> clearMessages(Connection connection) throws SQLException {
    List<ClearMessage> messages = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, body, signed_envelope, receipt, status_reason FROM message"
                + " WHERE data_key_id IS NULL AND erased_at IS NULL ORDER BY id")) {
      select.setMaxRows(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          messages.add(
              new ClearMessage(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getBytes(3),
                  rows.getString(4),
                  rows.getString(5)));
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
                + " sealed_receipt = ?, sealed_status_reason = ?, body = NULL,"
                + " signed_envelope = NULL, receipt = NULL, status_reason = NULL WHERE id = ?")) {
      update.setString(1, key.id());
      update.setBytes(2, row.seal("body", message.body()));
      update.setBytes(3, row.seal("signed_envelope", message.signedEnvelope()));
      update.setBytes(4, row.seal("receipt", message.receipt()));
      update.setBytes(5, row.seal("status_reason", message.statusReason()));
      update.setString(6, message.id());
      update.executeUpdate();
    }
  }

  private record ClearSideText(String id, String dataKeyId, String receipt, String statusReason) {}

  /** Messages sealed by a hub from before V17, which left their receipt and status reason clear. */
  private static List<ClearSideText> clearSideTexts(Connection connection) throws SQLException {
    List<ClearSideText> messages = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, data_key_id, receipt, status_reason FROM message"
                + " WHERE data_key_id IS NOT NULL"
                + " AND (receipt IS NOT NULL OR status_reason IS NOT NULL) ORDER BY id")) {
      select.setMaxRows(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          messages.add(
              new ClearSideText(
                  rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
      }
    }
    return messages;
  }

  /** The same columns and binding as {@code Message.seal}, under the message's own data key. */
  private static void seal(Connection connection, AtRestCipher atRest, ClearSideText message)
      throws SQLException {
    RowCipher row =
        atRest.row("message", message.id(), message.dataKeyId(), id -> dataKey(connection, id));
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE message SET sealed_receipt = ?, sealed_status_reason = ?, receipt = NULL,"
                + " status_reason = NULL WHERE id = ?")) {
      update.setBytes(1, row.seal("receipt", message.receipt()));
      update.setBytes(2, row.seal("status_reason", message.statusReason()));
      update.setString(3, message.id());
      update.executeUpdate();
    }
  }

  private record ClearEvidence(
      String id,
      String dataKeyId,
      String interpreterId,
      String interpreterLanguage,
      String witness,
      String childHeardBy,
      String childViews) {}

  /** Consents without a data key, with the data key of their subject, sealed before them. */
  private static List<ClearEvidence> clearEvidence(Connection connection) throws SQLException {
    List<ClearEvidence> consents = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT c.id, p.data_key_id, c.interpreter_id, c.interpreter_language, c.witness,"
                + " c.child_heard_by, c.child_views FROM consent c"
                + " JOIN person p ON p.id = c.subject_id"
                + " WHERE c.data_key_id IS NULL AND p.erased_at IS NULL ORDER BY c.id")) {
      select.setMaxRows(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          consents.add(
              new ClearEvidence(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getString(7)));
        }
      }
    }
    return consents;
  }

  /** The same columns and binding as {@code ConsentEvidence.seal}, which reads them back. */
  private static void seal(Connection connection, AtRestCipher atRest, ClearEvidence consent)
      throws SQLException {
    RowCipher row =
        atRest.row("consent", consent.id(), consent.dataKeyId(), id -> dataKey(connection, id));
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE consent SET data_key_id = ?, sealed_interpreter_id = ?,"
                + " sealed_interpreter_language = ?, sealed_witness = ?, sealed_child_heard_by = ?,"
                + " sealed_child_views = ?, interpreter_id = NULL, interpreter_language = NULL,"
                + " witness = NULL, child_heard_by = NULL, child_views = NULL WHERE id = ?")) {
      update.setString(1, consent.dataKeyId());
      update.setBytes(2, row.seal("interpreter_id", consent.interpreterId()));
      update.setBytes(3, row.seal("interpreter_language", consent.interpreterLanguage()));
      update.setBytes(4, row.seal("witness", consent.witness()));
      update.setBytes(5, row.seal("child_heard_by", consent.childHeardBy()));
      update.setBytes(6, row.seal("child_views", consent.childViews()));
      update.setString(7, consent.id());
      update.executeUpdate();
    }
  }

  private record ClearReason(long id, String dataKeyId, String reason) {}

  /** Consent changes without a data key, with the data key of their consent's subject. */
  private static List<ClearReason> clearReasons(Connection connection) throws SQLException {
    List<ClearReason> changes = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT h.id, p.data_key_id, h.reason FROM consent_change h"
                + " JOIN consent c ON c.id = h.consent_id JOIN person p ON p.id = c.subject_id"
                + " WHERE h.data_key_id IS NULL AND p.erased_at IS NULL ORDER BY h.id")) {
      select.setMaxRows(BATCH);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          changes.add(new ClearReason(rows.getLong(1), rows.getString(2), rows.getString(3)));
        }
      }
    }
    return changes;
  }

  /** The same column and binding as {@code ConsentChange.seal}, which reads it back. */
  private static void seal(Connection connection, AtRestCipher atRest, ClearReason change)
      throws SQLException {
    RowCipher row =
        atRest.row(
            "consent_change",
            Long.toString(change.id()),
            change.dataKeyId(),
            id -> dataKey(connection, id));
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE consent_change SET data_key_id = ?, sealed_reason = ?, reason = NULL"
                + " WHERE id = ?")) {
      update.setString(1, change.dataKeyId());
      update.setBytes(2, row.seal("reason", change.reason()));
      update.setLong(3, change.id());
      update.executeUpdate();
    }
  }

  private static Optional<DataKey> dataKey(Connection connection, String id) {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT wrapped_key, kek_version, created_at FROM data_key WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            DataKey.asStored(
                id,
                rows.getBytes(1),
                rows.getInt(2),
                rows.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read data key " + id, e);
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
                + " WHERE data_key_id IS NULL AND erased_at IS NULL ORDER BY id")) {
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
