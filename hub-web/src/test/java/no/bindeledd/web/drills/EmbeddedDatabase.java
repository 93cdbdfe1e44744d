package no.bindeledd.web.drills;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The embedded profile's H2 file of a hub that is not running (killed or stopped), read as it lies
 * on disk: what a crash left behind, before the hub starts on it again. The same reading serves a
 * hub's PostgreSQL database ({@link #messages(Connection)}).
 */
public final class EmbeddedDatabase {

  /** One stored message, with what must have been stored with it in the same transaction. */
  public record StoredMessage(
      String id,
      String kind,
      String status,
      String inReplyTo,
      boolean inOutbox,
      long sentEntries,
      long deliveredEntries) {

    /**
     * Whole: audited as sent once, recorded as delivered at most once, and waiting in the outbox
     * exactly while it is still to be handed over.
     */
    public boolean isWhole() {
      return sentEntries == 1
          && deliveredEntries <= 1
          && inOutbox == status.equalsIgnoreCase("created");
    }
  }

  private EmbeddedDatabase() {}

  /** Every message of the hub on {@code dataDir}, by id (lower case). */
  static Map<String, StoredMessage> messages(Path dataDir) throws SQLException {
    String url = "jdbc:h2:file:" + dataDir.resolve("db/hub") + ";IFEXISTS=TRUE";
    try (Connection connection = DriverManager.getConnection(url, "hub", "embedded")) {
      return messages(connection);
    }
  }

  /**
   * Every message of the hub's database on {@code connection}, by id (lower case). A caller reading
   * the database of a running hub reads it in one snapshot (a repeatable-read transaction), so that
   * a delivery committing meanwhile cannot make a message look half-stored.
   */
  public static Map<String, StoredMessage> messages(Connection connection) throws SQLException {
    try (Statement query = connection.createStatement()) {
      Set<String> outbox = new HashSet<>();
      try (ResultSet rows = query.executeQuery("select message_id from outbox")) {
        while (rows.next()) {
          outbox.add(rows.getString(1).toLowerCase(Locale.ROOT));
        }
      }
      Map<String, Long> sent = new HashMap<>();
      Map<String, Long> delivered = new HashMap<>();
      try (ResultSet rows =
          query.executeQuery(
              "select message_id, action, count(*) from audit_entry where message_id is not null"
                  + " and action in ('message.sent', 'message.delivered')"
                  + " group by message_id, action")) {
        while (rows.next()) {
          String id = rows.getString(1).toLowerCase(Locale.ROOT);
          (rows.getString(2).equals("message.sent") ? sent : delivered).put(id, rows.getLong(3));
        }
      }
      Map<String, StoredMessage> messages = new HashMap<>();
      try (ResultSet rows =
          query.executeQuery("select id, kind, status, in_reply_to from message")) {
        while (rows.next()) {
          String id = rows.getString(1).toLowerCase(Locale.ROOT);
          String inReplyTo = rows.getString(4);
          messages.put(
              id,
              new StoredMessage(
                  id,
                  rows.getString(2),
                  rows.getString(3),
                  inReplyTo == null ? null : inReplyTo.toLowerCase(Locale.ROOT),
                  outbox.contains(id),
                  sent.getOrDefault(id, 0L),
                  delivered.getOrDefault(id, 0L)));
        }
      }
      return messages;
    }
  }

  /** The messages that are not whole, described, for a failure message. */
  public static List<StoredMessage> halfStored(Map<String, StoredMessage> messages) {
    List<StoredMessage> broken = new ArrayList<>();
    for (StoredMessage message : messages.values()) {
      if (!message.isWhole()) {
        broken.add(message);
      }
    }
    return broken;
  }
}
