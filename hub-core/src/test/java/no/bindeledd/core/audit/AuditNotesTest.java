package no.bindeledd.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.Consent;
import no.bindeledd.core.persistence.JpaAuditNotes;
import no.bindeledd.core.persistence.JpaDataKeys;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entries of form 2 chain only a salted commitment to their note; the note is stored sealed beside
 * the log, reads back checked against the commitment, and once erased reads as erased while the
 * chain still holds.
 */
class AuditNotesTest {

  private static final String TYPED = "Zainabxq moved to her aunt in Kestrelvik";

  private TestDatabase db;
  private Fixtures town;
  private AuditNotes notes;
  private JpaDataKeys dataKeys;

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db);
    dataKeys = new JpaDataKeys(db.em());
    notes = new AuditNotes(new JpaAuditNotes(db.em()), dataKeys, db.atRest(), town.clock);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private AuditEntry append(String subject, String note) {
    return db.inTransaction(
        () ->
            town.audit.appendTo(
                Fixtures.MUNICIPAL_LOG,
                AuditEvent.of(Fixtures.CASEWORKER, AuditAction.PERSON_READ, AuditOutcome.SUCCESS)
                    .subject(subject)
                    .reason("looked up")
                    .note(note)));
  }

  private static String text(AuditEntry entry) {
    return new String(entry.canonicalBytes(), UTF_8);
  }

  @Test
  void aNewEntryIsOfForm2AndHoldsOnlyTheCommitmentToItsNote() {
    AuditEntry withNote = append("9f1c2b7e-0d7a-4c36-9b1e-2f6d2c1d8a10", TYPED);
    AuditEntry without = append("9f1c2b7e-0d7a-4c36-9b1e-2f6d2c1d8a10", null);

    assertThat(text(withNote))
        .startsWith("{")
        .contains("\"v\":2", "\"reason\":\"looked up\"")
        .containsPattern("\"note\":\"[0-9a-f]{64}\"")
        .doesNotContain("Zainabxq", "Kestrelvik");
    assertThat(text(without)).contains("\"v\":2").doesNotContain("\"note\"");
    assertThat(AuditNotes.commitmentIn(without.canonicalBytes())).isNull();
  }

  @Test
  void theSameTextGivesAnotherCommitmentEachTimeForItsSalt() {
    AuditEntry first = append(null, "yes");
    AuditEntry second = append(null, "yes");

    String one = AuditNotes.commitmentIn(first.canonicalBytes());
    String other = AuditNotes.commitmentIn(second.canonicalBytes());
    assertThat(one).isNotEqualTo(other).isNotEqualTo(AuditNote.commitment(new byte[32], "yes"));
  }

  @Test
  void aNoteReadsBackCheckedAgainstItsCommitmentAfterAFreshStart() {
    AuditEntry entry = append(null, TYPED);
    db.em().clear();
    db.atRest().forgetUnwrappedKeys();

    assertThat(notes.read(entry)).isEqualTo(new NoteReading.Text(TYPED));
    AuditNote stored = db.inTransaction(() -> db.em().find(AuditNote.class, key(entry)));
    assertThat(stored.matches(AuditNotes.commitmentIn(entry.canonicalBytes()))).isTrue();
    assertThat(stored.matches(AuditNote.commitment(new byte[32], TYPED))).isFalse();
  }

  @Test
  void theNoteIsSealedInTheDatabase() throws SQLException {
    AuditEntry entry = append(null, TYPED);
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select sealed_text, data_key_id from audit_note where log_id = ? and seq = ?")) {
      select.setString(1, entry.log().value());
      select.setLong(2, entry.seq());
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(new String(row.getBytes(1), UTF_8)).doesNotContain("Zainabxq");
        assertThat(row.getString(2)).isNotNull();
      }
    }
  }

  @Test
  void erasingAboutAPersonDestroysTheirNotesKeysAndKeepsTheChainWhole() throws SQLException {
    Person zainab = town.participant();
    Consent consent = town.recordGpConsent(zainab);
    db.inTransaction(() -> town.consentRegistry.withdraw(Fixtures.CASEWORKER, consent.id(), TYPED));
    AuditEntry other = append("another-person", "about someone else");
    AuditEntry withdrawal =
        town.auditEntries().stream()
            .filter(e -> e.action().equals(AuditAction.CONSENT_WITHDRAWN.code()))
            .findFirst()
            .orElseThrow();
    assertThat(text(withdrawal)).doesNotContain("Zainabxq").contains("\"note\":\"");
    String keyId = dataKeyOf(withdrawal);
    Instant erasedAt = town.clock.instant().plus(Duration.ofDays(3));
    town.clock.advance(Duration.ofDays(3));

    int erased = db.inTransaction(() -> notes.eraseAbout(zainab.id()));

    assertThat(erased).isEqualTo(1);
    assertThat(db.inTransaction(() -> notes.eraseAbout(zainab.id()))).isZero();
    assertThat(db.inTransaction(() -> dataKeys.find(keyId))).isEmpty();
    assertThat(dataKeyOf(withdrawal)).isNull();
    db.em().clear();
    assertThat(notes.read(withdrawal)).isEqualTo(new NoteReading.Erased(erasedAt));
    assertThat(notes.read(other)).isEqualTo(new NoteReading.Text("about someone else"));
    for (AuditLogId log : db.inTransaction(() -> town.auditTrail.logs())) {
      assertThat(db.inTransaction(() -> town.audit.verifyChain(log))).as(log.value()).isEmpty();
    }
  }

  @Test
  void erasingWhatWasRecordedBeforeATimeLeavesLaterNotes() {
    AuditEntry old = append(null, "old words");
    town.clock.advance(Duration.ofDays(400));
    Instant cut = town.clock.instant();
    AuditEntry recent = append(null, "recent words");
    AuditEntry none = append(null, null);

    assertThat(db.inTransaction(() -> notes.eraseRecordedBefore(cut))).isEqualTo(1);

    db.em().clear();
    assertThat(notes.read(old)).isInstanceOf(NoteReading.Erased.class);
    assertThat(notes.read(recent)).isEqualTo(new NoteReading.Text("recent words"));
    assertThat(notes.read(none)).isEqualTo(new NoteReading.None());
    assertThat(db.inTransaction(() -> town.audit.verifyChain(Fixtures.MUNICIPAL_LOG))).isEmpty();
  }

  @Test
  void aPageOfEntriesReadsAsEachEntryReadsAlone() throws SQLException {
    AuditEntry none = append(null, null);
    AuditEntry typed = append(null, TYPED);
    AuditEntry erased = append("erased-person", "erased words");
    AuditEntry removed = append(null, "removed words");
    db.inTransaction(() -> notes.eraseAbout("erased-person"));
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement delete =
            c.prepareStatement("delete from audit_note where log_id = ? and seq = ?")) {
      delete.setString(1, removed.log().value());
      delete.setLong(2, removed.seq());
      assertThat(delete.executeUpdate()).isEqualTo(1);
    }
    db.em().clear();
    List<AuditEntry> page = List.of(removed, typed, none, erased);

    List<NoteReading> together = db.inTransaction(() -> notes.readAll(page));

    assertThat(together).containsExactlyElementsOf(page.stream().map(notes::read).toList());
    assertThat(together)
        .extracting(r -> r.getClass().getSimpleName())
        .containsExactly("Altered", "Text", "None", "Erased");
  }

  @Test
  void aNoteRemovedFromItsTableReadsAsAltered() throws SQLException {
    AuditEntry entry = append(null, TYPED);
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement delete =
            c.prepareStatement("delete from audit_note where log_id = ? and seq = ?")) {
      delete.setString(1, entry.log().value());
      delete.setLong(2, entry.seq());
      assertThat(delete.executeUpdate()).isEqualTo(1);
    }
    db.em().clear();

    assertThat(notes.read(entry)).isInstanceOf(NoteReading.Altered.class);
  }

  private static AuditEntry.Key key(AuditEntry entry) {
    return new AuditEntry.Key(entry.log(), entry.seq());
  }

  private String dataKeyOf(AuditEntry entry) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select data_key_id, sealed_text, sealed_salt from audit_note"
                    + " where log_id = ? and seq = ?")) {
      select.setString(1, entry.log().value());
      select.setLong(2, entry.seq());
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        String key = row.getString(1);
        if (key == null) {
          assertThat(row.getBytes(2)).isNull();
          assertThat(row.getBytes(3)).isNull();
        }
        return key;
      }
    }
  }
}
