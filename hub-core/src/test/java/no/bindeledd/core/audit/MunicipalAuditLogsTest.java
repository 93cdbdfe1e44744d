package no.bindeledd.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.persistence.JpaCheckpoints;
import no.bindeledd.core.persistence.JpaLeases;
import no.bindeledd.core.person.Person;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One audit log per municipality and the hub's own: where each entry goes, what each auditor reads,
 * and that each log is checkpointed under its own origin, so that a checkpoint of one log never
 * passes for another's.
 */
class MunicipalAuditLogsTest {

  static final String HUB_ORIGIN = "bindeledd.example/logs";
  static final AuditLogId FJORDVIK = AuditLogId.of(Fixtures.MUNICIPALITY);
  static final AuditLogId ELVDAL = AuditLogId.of(Fixtures.OTHER_MUNICIPALITY);
  static final Actor FJORDVIK_AUDITOR = new Actor("aud", Fixtures.REFUGEE_SERVICE, Role.AUDITOR);
  static final Actor ELVDAL_AUDITOR =
      new Actor("egil", Fixtures.OTHER_REFUGEE_SERVICE, Role.AUDITOR);
  static final Actor SHARED_GP = new Actor("frida", Fixtures.SHARED_GP_OFFICE, Role.GP_STAFF);

  @TempDir Path keysDir;

  private TestDatabase db;
  private Fixtures town;
  private AuditSearch search;
  private Person fjordviks;
  private Person elvdals;

  @BeforeEach
  void twoMunicipalitiesWithAPersonEach() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    search = new AuditSearch(town.auditTrail, town.audit, town.auditRouting);
    fjordviks = town.participant();
    elvdals = town.participantInTheOtherMunicipality();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private AuditEntry append(AuditEvent event) {
    return db.inTransaction(() -> town.audit.append(event));
  }

  private static AuditEvent read(Actor actor) {
    return AuditEvent.of(actor, AuditAction.PERSON_READ, AuditOutcome.SUCCESS);
  }

  @Test
  void anEntryGoesToItsSubjectsMunicipalityElseTheActingAgencysElseTheHubs() {
    assertThat(append(read(SHARED_GP).subject(elvdals.id())).log()).isEqualTo(ELVDAL);
    assertThat(append(read(SHARED_GP).subject(fjordviks.id())).log()).isEqualTo(FJORDVIK);
    assertThat(append(read(Fixtures.OTHER_CASEWORKER)).log())
        .as("no subject: the caseworker's refugee service's municipality")
        .isEqualTo(ELVDAL);
    assertThat(append(read(Fixtures.OTHER_CASEWORKER).subject("no-such-person")).log())
        .isEqualTo(ELVDAL);
    assertThat(append(read(Fixtures.GP)).log())
        .as("a GP office belongs to no municipality")
        .isEqualTo(AuditLogId.HUB);
    assertThat(
            append(
                    AuditEvent.of(
                        Actor.unidentified("someone"),
                        AuditAction.REQUEST_REFUSED,
                        AuditOutcome.FAILURE))
                .log())
        .isEqualTo(AuditLogId.HUB);
  }

  @Test
  void eachLogNumbersItsEntriesFromOneAndChainsThemOnItsOwn() {
    append(read(Fixtures.GP));
    append(read(Fixtures.OTHER_CASEWORKER));

    for (AuditLogId log : List.of(FJORDVIK, ELVDAL, AuditLogId.HUB)) {
      List<AuditEntry> entries = db.inTransaction(() -> town.auditTrail.entriesAfter(log, 0, 1000));
      assertThat(entries).as(log.value()).isNotEmpty();
      assertThat(entries.get(0).seq()).isEqualTo(1);
      assertThat(entries.get(0).prevHash()).isEqualTo(AuditEntry.GENESIS_HASH);
      assertThat(entries).extracting(AuditEntry::log).containsOnly(log);
      assertThat(db.inTransaction(() -> town.audit.verifyChain(log))).as(log.value()).isEmpty();
    }
    assertThat(db.inTransaction(() -> town.auditTrail.logs()))
        .containsExactly(FJORDVIK, ELVDAL, AuditLogId.HUB);
  }

  @Test
  void aLogsFirstTransactionMayAppendSeveralEntries() {
    AuditLogId fresh = new AuditLogId("9903");
    List<AuditEntry> appended =
        db.inTransaction(
            () ->
                List.of(
                    town.audit.appendTo(fresh, read(Fixtures.GP)),
                    town.audit.appendTo(fresh, read(Fixtures.GP)),
                    town.audit.appendTo(fresh, read(Fixtures.GP))));
    db.em().clear();

    assertThat(appended).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
    assertThat(db.inTransaction(() -> town.auditTrail.head(fresh)).lastSeq()).isEqualTo(3);
    assertThat(db.inTransaction(() -> town.audit.verifyChain(fresh))).isEmpty();
    db.inTransaction(() -> town.audit.appendTo(fresh, read(Fixtures.GP)));
    assertThat(db.inTransaction(() -> town.auditTrail.entriesAfter(fresh, 0, 10)))
        .extracting(AuditEntry::seq)
        .containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void anAuditorSearchesAndReadsOnlyHerMunicipalitysLog() {
    AuditSearch.Page elvdal =
        db.inTransaction(
            () ->
                search.search(
                    ELVDAL_AUDITOR,
                    new AuditQuery(null, null, null, null, null, null, null, 0, 500)));
    assertThat(elvdal.log()).isEqualTo(ELVDAL);
    assertThat(elvdal.entries()).extracting(AuditEntry::subjectId).contains(elvdals.id());
    assertThat(elvdal.entries()).extracting(AuditEntry::subjectId).doesNotContain(fjordviks.id());
    assertThat(
            db.inTransaction(
                    () ->
                        search.search(
                            ELVDAL_AUDITOR,
                            new AuditQuery(
                                fjordviks.id(), null, null, null, null, null, null, 0, 500)))
                .entries())
        .isEmpty();

    long beyondElvdal = db.inTransaction(() -> town.auditTrail.head(ELVDAL)).lastSeq() + 1;
    for (int i = 0; i < 3; i++) {
      append(read(Fixtures.CASEWORKER).subject(fjordviks.id()));
    }
    assertThat(db.inTransaction(() -> search.entry(FJORDVIK_AUDITOR, beyondElvdal)).log())
        .isEqualTo(FJORDVIK);
    assertThatThrownBy(() -> db.inTransaction(() -> search.entry(ELVDAL_AUDITOR, beyondElvdal)))
        .as("Fjordvik's entry is not found in Elvdal's log, exactly as an unknown one")
        .isInstanceOf(NotFound.class);
    assertThat(
            db.inTransaction(() -> town.auditTrail.entriesAfter(ELVDAL, 0, 1000)).stream()
                .filter(e -> e.action().equals(AuditAction.AUDIT_SEARCHED.code()))
                .map(AuditEntry::actorUser))
        .as("her searches are recorded in her own log")
        .contains("egil");
  }

  @Test
  void anAuditorAtAnAgencyOfNoMunicipalityReadsNoLog() {
    Actor atTheGpOffice = new Actor("gp-auditor", Fixtures.GP_OFFICE, Role.AUDITOR);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () ->
                        search.search(
                            atTheGpOffice,
                            new AuditQuery(null, null, null, null, null, null, null, 0, 10))))
        .isInstanceOf(AccessDenied.class);
  }

  @Test
  void eachLogIsCheckpointedUnderItsOwnOriginAndRemembersItInItsOwnFile() throws Exception {
    append(read(Fixtures.GP));
    KeyPair pair = Ed25519Keys.generate();
    LogIdentity hub =
        new LogIdentity(
            HUB_ORIGIN, pair.getPrivate(), VerifierKey.of(HUB_ORIGIN, pair.getPublic()));
    AuditLogs logs = new AuditLogs(hub, keysDir);
    JpaCheckpoints checkpoints = new JpaCheckpoints(db.em());
    Checkpointer checkpointer =
        new Checkpointer(
            new CheckpointSigner(
                new AuditTree(town.auditTrail),
                town.auditTrail,
                checkpoints,
                logs,
                town.clock,
                new JpaLeases(db.em())),
            logs);

    List<StoredCheckpoint> signed = db.inTransaction(checkpointer::checkpointEveryLog);

    assertThat(signed)
        .extracting(StoredCheckpoint::log)
        .containsExactly(FJORDVIK, ELVDAL, AuditLogId.HUB);
    for (StoredCheckpoint checkpoint : signed) {
      LogIdentity identity = logs.identity(checkpoint.log());
      assertThat(identity.origin())
          .isEqualTo(checkpoint.log().isHub() ? HUB_ORIGIN : HUB_ORIGIN + "/" + checkpoint.log());
      long size = db.inTransaction(() -> town.auditTrail.head(checkpoint.log())).lastSeq();
      assertThat(
              Checkpoint.verify(checkpoint.signedNote(), identity.origin(), identity.verifierKey())
                  .size())
          .isEqualTo(size);
      assertThat(Files.readString(keysDir.resolve(AuditLogs.memoryFileName(checkpoint.log()))))
          .isEqualTo(checkpoint.signedNote());
    }
    StoredCheckpoint elvdals = signed.get(1);
    LogIdentity fjordvik = logs.identity(FJORDVIK);
    assertThatThrownBy(
            () ->
                Checkpoint.verify(elvdals.signedNote(), fjordvik.origin(), fjordvik.verifierKey()))
        .as("one key signs every log, but a checkpoint of Elvdal's is no checkpoint of Fjordvik's")
        .isInstanceOf(NoteRejected.class);
    assertThat(logs.remembered()).containsExactlyInAnyOrder(FJORDVIK, ELVDAL, AuditLogId.HUB);
    assertThat(db.inTransaction(checkpointer::checkpointEveryLog))
        .as("nothing new, no checkpoint")
        .isEmpty();
    append(read(Fixtures.OTHER_CASEWORKER));
    assertThat(db.inTransaction(checkpointer::checkpointEveryLog))
        .extracting(StoredCheckpoint::log)
        .as("only the log that grew")
        .containsExactly(ELVDAL);
  }

  @Test
  void theMigrationMakesWhatWasStoredTheHubsOwnLog() throws Exception {
    var dataSource = TestDatabase.freshH2();
    Flyway.configure(getClass().getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .target("12")
        .load()
        .migrate();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO audit_entry (seq, canonical_bytes, entry_hash, prev_hash, recorded_at,"
              + " actor_user, action, outcome) VALUES (1, X'7B7D', '"
              + "a".repeat(64)
              + "', '"
              + "0".repeat(64)
              + "', TIMESTAMP '2026-11-20 09:00:00', 'kari', 'person.read', 'success')");
      s.executeUpdate("UPDATE audit_head SET last_seq = 1, last_hash = '" + "a".repeat(64) + "'");
      s.executeUpdate(
          "INSERT INTO audit_checkpoint (tree_size, root_hash, made_at, signed_note) VALUES (1, '"
              + "b".repeat(64)
              + "', TIMESTAMP '2026-11-20 09:00:01', 'note')");
      s.executeUpdate(
          "INSERT INTO audit_cosignature (tree_size, witness, cosigned_at, signature_line)"
              + " VALUES (1, 'w+1', TIMESTAMP '2026-11-20 09:00:02', 'line')");
    }

    try (TestDatabase upgraded = new TestDatabase(dataSource)) {
      var trail = new no.bindeledd.core.persistence.JpaAuditTrail(upgraded.em());
      assertThat(upgraded.inTransaction(trail::logs)).containsExactly(AuditLogId.HUB);
      AuditEntry entry = upgraded.inTransaction(() -> trail.entry(AuditLogId.HUB, 1)).orElseThrow();
      assertThat(entry.entryHash()).isEqualTo("a".repeat(64));
      assertThat(upgraded.inTransaction(() -> trail.head(AuditLogId.HUB)).lastSeq()).isEqualTo(1);
      var stored = new JpaCheckpoints(upgraded.em());
      assertThat(upgraded.inTransaction(() -> stored.atSize(AuditLogId.HUB, 1)))
          .hasValueSatisfying(c -> assertThat(c.signedNote()).isEqualTo("note"));
      var cosignatures = new no.bindeledd.core.persistence.JpaStoredCosignatures(upgraded.em());
      assertThat(upgraded.inTransaction(() -> cosignatures.latestSize(AuditLogId.HUB, "w+1")))
          .hasValue(1);
      assertThat(upgraded.inTransaction(() -> trail.entry(FJORDVIK, 1))).isEmpty();
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet count = s.executeQuery("SELECT count(*) FROM audit_entry WHERE log_id = 'hub'")) {
      count.next();
      assertThat(count.getLong(1)).isEqualTo(1);
    }
  }
}
