/*
 * A demonstration of the insider attacks the audit log's defences exist for, for the README's
 * walkthrough and the system tests: run against a stopped hub's data folder, it rewrites history
 * the way someone with write access to the database could, without the log key. It changes one
 * audit entry, recomputes every later link so that the hash chain holds again, and deletes the
 * checkpoints and cosignatures that signed the old history. The restarted hub then refuses to sign
 * anything, because the rewritten log no longer matches the checkpoint it remembers signing.
 *
 * It rewrites one of the hub's audit logs: --log names it, the hub's own ("hub", the default) or a
 * municipality's (its number, such as 9901).
 *
 * With --forget-memory it also deletes that log's memory (keys/latest-checkpoint.note for the
 * hub's own log, keys/latest-checkpoint-<number>.note for a municipality's), as someone who
 * can write the data folder too could: the hub then starts the log afresh from the rewritten rows,
 * and only a witness that cosigned the old history, or an auditor's saved checkpoint, catches it.
 *
 * It is not part of the hub and never runs in it. Run it with the JDK alone and the H2 driver the
 * embedded profile uses, with the hub stopped:
 *
 *   java -cp ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar \
 *       tools/RewriteAuditLog.java [--forget-memory] [--log <hub|number>] data [entry number]
 *
 * Without an entry number it changes the entry in the middle of what the newest checkpoint
 * covers. Exit code 0 when it rewrote the log, 1 when it could not, 2 when used wrongly.
 */

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RewriteAuditLog {

  static {
    // Plain lines, as a command prints them, not the logger's two-line default.
    System.setProperty("java.util.logging.SimpleFormatter.format", "%5$s%n");
  }

  private static final Logger LOG = Logger.getLogger(RewriteAuditLog.class.getName());

  private static final Pattern OUTCOME = Pattern.compile("\"outcome\":\"([a-z]+)\"");
  private static final Pattern PREV = Pattern.compile("\"prev\":\"([0-9a-f]{64})\"");
  private static final Pattern ACTION = Pattern.compile("\"action\":\"([a-z.-]+)\"");

  public static void main(String[] args) throws Exception {
    boolean forgetMemory = false;
    String log = "hub";
    while (args.length > 0 && args[0].startsWith("--")) {
      if (args[0].equals("--forget-memory")) {
        forgetMemory = true;
        args = java.util.Arrays.copyOfRange(args, 1, args.length);
      } else if (args[0].equals("--log") && args.length > 1) {
        log = args[1];
        args = java.util.Arrays.copyOfRange(args, 2, args.length);
      } else {
        break;
      }
    }
    if (args.length < 1 || args.length > 2 || args[0].startsWith("-")
        || !(log.equals("hub") || log.matches("\\d{4}"))) {
      LOG.severe(
          "Usage: java -cp <h2 jar> tools/RewriteAuditLog.java [--forget-memory]"
              + " [--log <hub|municipality number>] <data folder> [entry number]");
      System.exit(2);
    }
    Path data = Path.of(args[0]).toAbsolutePath().normalize();
    if (!Files.exists(data.resolve("db/hub.mv.db"))) {
      LOG.severe("No hub database in " + data + " (expected db/hub.mv.db)");
      System.exit(1);
    }
    // IFEXISTS: never create a database; a running hub holds the file, and H2 then refuses.
    String url = "jdbc:h2:file:" + data.resolve("db/hub") + ";IFEXISTS=TRUE";
    try (Connection db = DriverManager.getConnection(url, "hub", "embedded")) {
      db.setAutoCommit(false);
      long covered =
          single(db, log, "select coalesce(max(tree_size), 0) from audit_checkpoint where log_id = ?");
      long seq = args.length == 2 ? Long.parseLong(args[1]) : Math.max(1, (covered + 1) / 2);
      long last = single(db, log, "select coalesce(max(seq), 0) from audit_entry where log_id = ?");
      if (seq < 1 || seq > last) {
        LOG.severe(
            "The log " + log + " has entries 1 to " + last + "; there is no entry " + seq);
        System.exit(2);
      }
      String changed = rewrite(db, log, seq);
      long cosignatures = deleteAll(db, log, "audit_cosignature");
      long checkpoints = deleteAll(db, log, "audit_checkpoint");
      db.commit();
      LOG.info("Entry " + seq + " of the log " + log + " " + changed);
      LOG.info("Relinked entries " + (seq + 1) + " to " + last + " so that the chain holds");
      LOG.info("Deleted " + checkpoints + " checkpoints and " + cosignatures + " cosignatures");
      String memory =
          log.equals("hub") ? "keys/latest-checkpoint.note" : "keys/latest-checkpoint-" + log + ".note";
      if (forgetMemory && Files.deleteIfExists(data.resolve(memory))) {
        LOG.info("Deleted the checkpoint the hub remembers, " + memory);
      }
    } catch (SQLException e) {
      LOG.severe("Could not rewrite the log (is the hub still running?): " + e.getMessage());
      System.exit(1);
    }
  }

  /** Changes the entry's outcome, then every later prev link; returns what changed. */
  private static String rewrite(Connection db, String log, long seq) throws Exception {
    String previousHash = null;
    String changed = null;
    try (PreparedStatement select =
            db.prepareStatement("select seq, canonical_bytes from audit_entry where log_id = ? and seq >= ? order by seq");
        PreparedStatement update =
            db.prepareStatement(
                "update audit_entry set canonical_bytes = ?, entry_hash = ?, prev_hash = ?, outcome = ?"
                    + " where log_id = ? and seq = ?")) {
      select.setString(1, log);
      select.setLong(2, seq);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String entry = new String(rows.getBytes(2), StandardCharsets.UTF_8);
          if (previousHash == null) {
            String was = group(OUTCOME, entry);
            String now = "refused".equals(was) ? "allowed" : "refused";
            entry = entry.replace("\"outcome\":\"" + was + "\"", "\"outcome\":\"" + now + "\"");
            changed = "(" + group(ACTION, entry) + "): outcome " + was + " -> " + now;
          } else {
            entry = PREV.matcher(entry).replaceFirst("\"prev\":\"" + previousHash + "\"");
          }
          byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
          String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
          update.setBytes(1, bytes);
          update.setString(2, hash);
          update.setString(3, group(PREV, entry));
          update.setString(4, group(OUTCOME, entry));
          update.setString(5, log);
          update.setLong(6, rows.getLong(1));
          update.executeUpdate();
          previousHash = hash;
        }
      }
    }
    try (PreparedStatement head =
        db.prepareStatement("update audit_head set last_hash = ? where log_id = ?")) {
      head.setString(1, previousHash);
      head.setString(2, log);
      head.executeUpdate();
    }
    return changed;
  }

  private static String group(Pattern pattern, String entry) {
    Matcher matcher = pattern.matcher(entry);
    if (!matcher.find()) {
      throw new IllegalStateException("not an audit entry: " + entry);
    }
    return matcher.group(1);
  }

  private static long deleteAll(Connection db, String log, String table) throws SQLException {
    try (PreparedStatement delete =
        db.prepareStatement("delete from " + table + " where log_id = ?")) {
      delete.setString(1, log);
      return delete.executeUpdate();
    }
  }

  private static long single(Connection db, String log, String sql) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, log);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
