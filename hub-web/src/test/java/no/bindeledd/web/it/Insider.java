package no.bindeledd.web.it;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import no.bindeledd.core.canonical.CanonicalJson;

/**
 * Someone with write access to a stopped hub's embedded database, and nothing else: no log key, no
 * keys folder. What the probe did to the audit log, done to the H2 file directly.
 */
final class Insider {

  private final Path dataDir;

  Insider(Path dataDir) {
    this.dataDir = dataDir;
  }

  /**
   * Adds a reason to entry {@code seq}, writes every later entry's link to the one before anew, and
   * moves the head to the new last hash: the hash chain is whole again.
   */
  void rewriteAndRelink(long seq) {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      String prev = "0".repeat(64);
      if (seq > 1) {
        try (PreparedStatement query =
            connection.prepareStatement("select entry_hash from audit_entry where seq = ?")) {
          query.setLong(1, seq - 1);
          try (ResultSet row = query.executeQuery()) {
            row.next();
            prev = row.getString(1);
          }
        }
      }
      Map<Long, byte[]> later = new LinkedHashMap<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "select seq, canonical_bytes from audit_entry where seq >= ? order by seq")) {
        query.setLong(1, seq);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            later.put(rows.getLong(1), rows.getBytes(2));
          }
        }
      }
      for (Map.Entry<Long, byte[]> entry : later.entrySet()) {
        Map<String, Object> members = members(entry.getValue());
        if (entry.getKey() == seq) {
          members.put("reason", "changed afterwards by someone with the database");
        }
        members.put("prev", prev);
        byte[] bytes = CanonicalJson.encode(members);
        String hash = sha256Hex(bytes);
        try (PreparedStatement update =
            connection.prepareStatement(
                "update audit_entry set canonical_bytes = ?, entry_hash = ?, prev_hash = ?"
                    + " where seq = ?")) {
          update.setBytes(1, bytes);
          update.setString(2, hash);
          update.setString(3, prev);
          update.setLong(4, entry.getKey());
          update.executeUpdate();
        }
        prev = hash;
      }
      try (PreparedStatement head =
          connection.prepareStatement("update audit_head set last_hash = ?")) {
        head.setString(1, prev);
        head.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot rewrite the audit log in " + dataDir, e);
    }
  }

  /** Deletes every stored checkpoint, so that none of them contradicts the rewrite. */
  int deleteCheckpoints() {
    try (Connection connection = connect();
        PreparedStatement delete = connection.prepareStatement("delete from audit_checkpoint")) {
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete the checkpoints in " + dataDir, e);
    }
  }

  /** The embedded profile's database, as config/profiles/embedded.properties names it. */
  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.resolve("db/hub") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
        "hub",
        "embedded");
  }

  private static Map<String, Object> members(byte[] canonical) {
    Map<String, Object> members = new LinkedHashMap<>();
    try (JsonReader reader =
        Json.createReader(new StringReader(new String(canonical, StandardCharsets.UTF_8)))) {
      for (Map.Entry<String, JsonValue> member : reader.readObject().entrySet()) {
        members.put(
            member.getKey(),
            member.getValue() instanceof JsonNumber number
                ? (Object) number.longValueExact()
                : ((JsonString) member.getValue()).getString());
      }
    }
    return members;
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
