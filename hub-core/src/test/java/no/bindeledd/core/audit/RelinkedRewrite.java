package no.bindeledd.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * What an insider with write access to the database can do without the log key: change one entry,
 * recompute every later link so the chain holds again, and delete the checkpoints (and their
 * cosignatures) that signed the old history. Done over plain JDBC, behind the hub's back.
 */
final class RelinkedRewrite {

  private RelinkedRewrite() {}

  /**
   * Changes entry {@code seq}'s outcome, relinks every later entry, and deletes the checkpoints.
   */
  static void rewrite(DataSource database, long seq) throws Exception {
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      String previousHash = null;
      try (PreparedStatement select =
              connection.prepareStatement(
                  "select seq, canonical_bytes from audit_entry where seq >= ? order by seq");
          PreparedStatement update =
              connection.prepareStatement(
                  "update audit_entry set canonical_bytes = ?, entry_hash = ?, prev_hash = ?,"
                      + " outcome = ? where seq = ?")) {
        select.setLong(1, seq);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            String entry = new String(rows.getBytes(2), StandardCharsets.UTF_8);
            if (previousHash == null) {
              entry =
                  entry.contains("\"outcome\":\"refused\"")
                      ? entry.replace("\"outcome\":\"refused\"", "\"outcome\":\"allowed\"")
                      : entry.replaceFirst("\"outcome\":\"[a-z]+\"", "\"outcome\":\"refused\"");
            } else {
              entry =
                  entry.replaceFirst(
                      "\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + previousHash + "\"");
            }
            String prev = entry.replaceFirst(".*\"prev\":\"([0-9a-f]{64})\".*", "$1");
            String outcome = entry.replaceFirst(".*\"outcome\":\"([a-z]+)\".*", "$1");
            byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
            previousHash = sha256(bytes);
            update.setBytes(1, bytes);
            update.setString(2, previousHash);
            update.setString(3, prev);
            update.setString(4, outcome);
            update.setLong(5, rows.getLong(1));
            update.executeUpdate();
          }
        }
      }
      try (PreparedStatement head =
          connection.prepareStatement("update audit_head set last_hash = ?")) {
        head.setString(1, previousHash);
        head.executeUpdate();
      }
      execute(connection, "delete from audit_cosignature");
      execute(connection, "delete from audit_checkpoint");
      connection.commit();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.executeUpdate();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
