package no.bindeledd.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chain catches any entry that is changed, deleted, inserted or reordered in the database. */
class AuditChainTest {

  private static final AuditLogId LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  private TestDatabase db;
  private Fixtures town;

  @BeforeEach
  void appendTenEntries() {
    db = new TestDatabase();
    town = new Fixtures(db);
    for (int i = 0; i < 10; i++) {
      int n = i;
      db.inTransaction(
          () ->
              town.audit.append(
                  AuditEvent.of(Fixtures.CASEWORKER, AuditAction.PERSON_READ, AuditOutcome.SUCCESS)
                      .subject("person-" + n)
                      .reason("entry " + n)));
      town.clock.advance(Duration.ofSeconds(1));
    }
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Optional<ChainCheck.Break> verify() {
    db.em().clear();
    return db.inTransaction(() -> town.audit.verifyChain(LOG));
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @Test
  void anUntouchedChainVerifies() {
    assertThat(verify()).isEmpty();
  }

  @Test
  void entriesLinkToTheirPredecessor() {
    var entries = db.inTransaction(() -> town.auditTrail.entriesAfter(LOG, 0, 100));
    assertThat(entries).hasSize(10);
    assertThat(entries.get(0).prevHash()).isEqualTo(AuditEntry.GENESIS_HASH);
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).prevHash()).isEqualTo(entries.get(i - 1).entryHash());
    }
    assertThat(new String(entries.get(0).canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"action\":\"person.read\",\"actor\":\"kari\"")
        .contains("\"seq\":1,")
        .contains("\"time\":\"2026-11-20T09:00:00.000Z\"");
  }

  @Test
  void anEditedEntryBreaksTheChainAtThatEntry() throws SQLException {
    sql(
        "UPDATE audit_entry SET canonical_bytes = CAST(REPLACE(UTF8TOSTRING(canonical_bytes),"
            + " 'entry 4', 'entry X') AS VARBINARY) WHERE seq = 5");
    assertThat(verify()).get().extracting(ChainCheck.Break::seq).isEqualTo(5L);
  }

  @Test
  void anEditedEntryWithARecomputedHashBreaksTheNextLink() throws SQLException {
    var fifth = db.inTransaction(() -> town.auditTrail.entriesAfter(LOG, 4, 1)).get(0);
    String forged =
        new String(fifth.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .replace("entry 4", "entry X");
    String forgedHash =
        AuditEntry.sha256Hex(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    sql(
        "UPDATE audit_entry SET canonical_bytes = STRINGTOUTF8('"
            + forged.replace("'", "''")
            + "'), entry_hash = '"
            + forgedHash
            + "' WHERE seq = 5");
    assertThat(verify()).get().extracting(ChainCheck.Break::seq).isEqualTo(6L);
  }

  @Test
  void anEditedSearchColumnIsCaught() throws SQLException {
    sql("UPDATE audit_entry SET subject_id = 'someone-else' WHERE seq = 3");
    assertThat(verify()).get().extracting(ChainCheck.Break::seq).isEqualTo(3L);
  }

  @Test
  void aDeletedEntryIsCaught() throws SQLException {
    sql("DELETE FROM audit_entry WHERE seq = 7");
    assertThat(verify()).get().extracting(ChainCheck.Break::seq).isEqualTo(8L);
  }

  @Test
  void aDeletedLastEntryIsCaughtByTheHead() throws SQLException {
    sql("DELETE FROM audit_entry WHERE seq = 10");
    assertThat(verify()).isPresent();
  }

  @Test
  void swappedEntriesAreCaught() throws SQLException {
    sql("UPDATE audit_entry SET seq = -1 WHERE seq = 4");
    sql("UPDATE audit_entry SET seq = 4 WHERE seq = 5");
    sql("UPDATE audit_entry SET seq = 5 WHERE seq = -1");
    assertThat(verify()).get().extracting(ChainCheck.Break::seq).isEqualTo(4L);
  }

  @Test
  void anInsertedEntryIsCaught() throws SQLException {
    sql(
        "INSERT INTO audit_entry (log_id, seq, canonical_bytes, entry_hash, prev_hash,"
            + " recorded_at, actor_user, action, outcome) SELECT log_id, 11, canonical_bytes,"
            + " entry_hash, prev_hash, recorded_at, actor_user, action, outcome FROM audit_entry"
            + " WHERE seq = 10");
    sql("UPDATE audit_head SET last_seq = 11");
    assertThat(verify()).get().extracting(ChainCheck.Break::seq).isEqualTo(11L);
  }

  @Test
  void anEntryPastTheHeadIsCaught() throws SQLException {
    sql(
        "INSERT INTO audit_entry (log_id, seq, canonical_bytes, entry_hash, prev_hash,"
            + " recorded_at, actor_user, action, outcome) SELECT log_id, 11, canonical_bytes,"
            + " entry_hash, prev_hash, recorded_at, actor_user, action, outcome FROM audit_entry"
            + " WHERE seq = 10");
    assertThat(verify()).isPresent();
  }

  @Test
  void entriesAppendedWhileTheChainIsWalkedAreNoBreak() {
    AuditLog walkedWhileAppending =
        new AuditLog(
            new AppendingDuringTheWalk(town.auditTrail, this::appendOne, db),
            town.auditRouting,
            town.clock);
    db.em().clear();
    assertThat(db.inTransaction(() -> walkedWhileAppending.verifyChain(LOG))).isEmpty();
    assertThat(db.inTransaction(() -> town.auditTrail.head(LOG).lastSeq())).isEqualTo(11L);
  }

  private void appendOne() {
    town.audit.append(
        AuditEvent.of(Fixtures.CASEWORKER, AuditAction.PERSON_READ, AuditOutcome.SUCCESS)
            .subject("person-during-the-walk"));
  }

  /**
   * The trail as another transaction appending to it would make it look: one more entry commits
   * just before the walk reads the entries. The head it reads is a snapshot, as another
   * transaction's would be, not the row this transaction goes on changing.
   */
  private static final class AppendingDuringTheWalk implements AuditTrail {
    private final AuditTrail trail;
    private final Runnable append;
    private boolean appendedBeforeEntries;

    private final TestDatabase db;

    AppendingDuringTheWalk(AuditTrail trail, Runnable append, TestDatabase db) {
      this.trail = trail;
      this.append = append;
      this.db = db;
    }

    @Override
    public List<AuditEntry> entriesAfter(AuditLogId log, long afterSeq, int max) {
      if (!appendedBeforeEntries) {
        appendedBeforeEntries = true;
        append.run();
      }
      return trail.entriesAfter(log, afterSeq, max);
    }

    @Override
    public AuditHead lockHead(AuditLogId log) {
      return trail.lockHead(log);
    }

    @Override
    public void add(AuditEntry entry) {
      trail.add(entry);
    }

    @Override
    public List<Leaf> leavesAfter(AuditLogId log, long afterSeq, int max) {
      return trail.leavesAfter(log, afterSeq, max);
    }

    @Override
    public AuditHead head(AuditLogId log) {
      AuditHead head = trail.head(log);
      db.em().detach(head);
      return head;
    }

    @Override
    public List<AuditLogId> logs() {
      return trail.logs();
    }

    @Override
    public Optional<AuditEntry> entry(AuditLogId log, long seq) {
      return trail.entry(log, seq);
    }

    @Override
    public List<AuditEntry> search(AuditLogId log, AuditQuery query) {
      return trail.search(log, query);
    }

    @Override
    public List<AuditEntry> aboutSubject(String subjectId, int max) {
      return trail.aboutSubject(subjectId, max);
    }
  }
}
