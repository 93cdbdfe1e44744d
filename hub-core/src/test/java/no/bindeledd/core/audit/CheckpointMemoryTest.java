package no.bindeledd.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.verify.ExportVerifier;
import no.bindeledd.core.audit.verify.Failure;
import no.bindeledd.core.audit.verify.Report;
import no.bindeledd.core.audit.verify.TrustAnchors;
import no.bindeledd.core.audit.verify.TrustedCheckpoint;
import no.bindeledd.core.canonical.CanonicalJson;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.DevelopmentTsa;
import no.bindeledd.core.persistence.JpaCheckpoints;
import no.bindeledd.core.persistence.JpaLeases;
import no.bindeledd.core.persistence.JpaStoredCosignatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub remembers the checkpoint it signed last outside the database, and an insider who can
 * write the database cannot make it sign a rewritten history: not by editing an entry and making
 * every later link anew, not by deleting the stored checkpoints, not by restarting it. Each "start"
 * here is what a restart does: a tree rebuilt from the stored rows and the memory read from its
 * file.
 */
class CheckpointMemoryTest {

  private static final AuditLogId LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  static final String ORIGIN = "bindeledd.example/memory-audit/9901";
  static final Actor AUDITOR = new Actor("aud", Fixtures.REFUGEE_SERVICE, Role.AUDITOR);

  @TempDir static Path tsaKeys;
  static DevelopmentTsa tsa;
  static LogIdentity identity;

  @TempDir Path keysDir;

  private TestDatabase db;
  private Fixtures town;
  private JpaCheckpoints checkpoints;
  private AuditLogs logs;
  private CheckpointMemory memory;
  private AuditTree tree;
  private CheckpointSigner signer;
  private Checkpointer checkpointer;
  private AuditIntegrity integrity;
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void keys() {
    tsa = DevelopmentTsa.loadOrCreate(tsaKeys, DevelopmentCa.loadOrCreate(tsaKeys));
    KeyPair pair = Ed25519Keys.generate();
    identity = new LogIdentity(ORIGIN, pair.getPrivate(), VerifierKey.of(ORIGIN, pair.getPublic()));
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    checkpoints = new JpaCheckpoints(db.em());
    for (String logger :
        List.of(CheckpointMemory.class.getName(), CheckpointSigner.class.getName())) {
      Logger.getLogger(logger).addHandler(capture);
    }
    town.participant();
    town.participant();
    start();
  }

  @AfterEach
  void tearDown() {
    for (String logger :
        List.of(CheckpointMemory.class.getName(), CheckpointSigner.class.getName())) {
      Logger.getLogger(logger).removeHandler(capture);
    }
    db.close();
  }

  /**
   * The hub starting on its data folder: the tree from the stored rows, the memory from its file.
   */
  private void start() {
    db.em().clear();
    tree = new AuditTree(town.auditTrail);
    logs = TestLogs.around(identity, keysDir);
    memory = logs.memory(LOG);
    signer =
        new CheckpointSigner(
            tree, town.auditTrail, checkpoints, logs, town.clock, new JpaLeases(db.em()));
    checkpointer = new Checkpointer(signer, logs);
    integrity =
        new AuditIntegrity(town.audit, town.auditTrail, checkpoints, logs, town.auditRouting);
    db.inTransaction(() -> checkpointer.recall());
  }

  /** The exporter of this hub, with no witnesses configured. */
  private AuditExporter exporter() {
    JpaStoredCosignatures cosignatures = new JpaStoredCosignatures(db.em());
    return new AuditExporter(
        town.auditTrail,
        checkpoints,
        checkpointer,
        new CheckpointTimestamper(checkpoints, authority(), town.clock),
        new CheckpointWitnessing(
            new CosignatureRecords(checkpoints, cosignatures),
            tree,
            new AuditWitnesses(List.of(), Duration.ofSeconds(5), Duration.ofMinutes(5)),
            town.clock),
        cosignatures,
        logs,
        town.auditRouting,
        authority(),
        town.audit,
        town.clock);
  }

  private Optional<StoredCheckpoint> checkpoint() {
    return db.inTransaction(() -> checkpointer.checkpoint(LOG));
  }

  /** Two more entries at least, then a checkpoint over them. */
  private long signedAfterActivity() {
    town.participant();
    town.participant();
    return checkpoint().orElseThrow().treeSize();
  }

  private Optional<String> integrity() {
    db.em().clear();
    return db.inTransaction(() -> integrity.check(AUDITOR));
  }

  private String file() throws IOException {
    return Files.readString(memory.file(), StandardCharsets.UTF_8);
  }

  private long storedCheckpoints() {
    return db.inTransaction(() -> checkpoints.after(LOG, 0, 1_000)).size();
  }

  private List<String> logged(Level level) {
    return logged.stream()
        .filter(r -> r.getLevel().equals(level))
        .map(LogRecord::getMessage)
        .toList();
  }

  @Test
  void theHubRemembersItsLatestCheckpointInAFileOnlyItsOwnerReads() throws Exception {
    StoredCheckpoint first = checkpoint().orElseThrow();
    assertThat(file()).isEqualTo(first.signedNote());

    long second = signedAfterActivity();

    StoredCheckpoint latest = db.inTransaction(() -> checkpoints.latest(LOG)).orElseThrow();
    assertThat(latest.treeSize()).isEqualTo(second);
    assertThat(file()).isEqualTo(latest.signedNote());
    assertThat(memory.remembered().orElseThrow().size()).isEqualTo(second);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(memory.file())))
          .isEqualTo("rw-------");
    }
    try (var folder = Files.list(keysDir)) {
      assertThat(folder.map(p -> p.getFileName().toString()))
          .as("no temporary file left behind")
          .containsExactly(AuditLogs.memoryFileName(LOG));
    }
  }

  @Test
  void theChainGoesOnFromTheRememberedCheckpointNotFromTheDatabasesNewestRow() throws Exception {
    checkpoint();
    long remembered = signedAfterActivity();
    String rememberedNote = file();
    db.inTransaction(
        () ->
            db.em()
                .createNativeQuery("delete from audit_checkpoint where tree_size = " + remembered)
                .executeUpdate());
    db.em().clear();

    long next = signedAfterActivity();

    Checkpoint signed = Checkpoint.verify(file(), ORIGIN, identity.verifierKey());
    assertThat(signed.size()).isEqualTo(next);
    assertThat(signed.previous()).contains(Checkpoint.Previous.of(remembered, rememberedNote));
    assertThat(integrity())
        .contains(
            "checkpoint "
                + next
                + " names checkpoint "
                + remembered
                + " as the one before it, which is not stored: checkpoint "
                + remembered
                + " was deleted");
  }

  @Test
  void aRelinkedRewriteWithTheOldCheckpointsDeletedIsCaughtByTheHubsMemory() throws Exception {
    checkpoint();
    signedAfterActivity();
    long remembered = signedAfterActivity();
    assertThat(integrity()).isEmpty();

    // The insider: entry 2 edited, every later link made anew, the head moved, the checkpoints
    // deleted; then the hub is restarted on the edited rows.
    rewriteAndRelink(2);
    deleteStoredCheckpoints();
    assertThat(db.inTransaction(() -> town.audit.verifyChain(LOG)))
        .as("the hash chain alone cannot see it")
        .isEmpty();
    start();
    town.participant();

    assertThat(checkpoint()).as("it signs nothing").isEmpty();
    assertThat(storedCheckpoints()).isZero();
    String range = "entries 1 to " + remembered + " no longer match what the hub signed";
    assertThat(checkpointer.alarm()).hasValueSatisfying(why -> assertThat(why).contains(range));
    assertThat(integrity()).hasValueSatisfying(why -> assertThat(why).startsWith(range));
    town.participant();
    assertThat(checkpoint()).as("nor later").isEmpty();
    assertThat(storedCheckpoints()).isZero();
    assertThat(logged(Level.SEVERE))
        .singleElement()
        .asString()
        .contains("Audit history alarm")
        .contains(range);
    assertThat(Checkpoint.verify(file(), ORIGIN, identity.verifierKey()).size())
        .as("the memory is kept as it was")
        .isEqualTo(remembered);
  }

  @Test
  void theStoredCheckpointsThatStillChainNarrowTheRange() {
    long first = checkpoint().orElseThrow().treeSize();
    long second = signedAfterActivity();
    long third = signedAfterActivity();

    rewriteAndRelink(second + 1);
    start();

    assertThat(checkpoint()).isEmpty();
    assertThat(checkpointer.alarm())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("entries " + (second + 1) + " to " + third + " no longer match"));
    assertThat(integrity())
        .hasValueSatisfying(
            why -> assertThat(why).contains("entries " + (second + 1) + " to " + third));
    assertThat(first).isLessThan(second);
  }

  @Test
  void aRewriteBeforeTheFirstCheckpointIsNarrowedToIt() {
    long first = checkpoint().orElseThrow().treeSize();
    signedAfterActivity();
    signedAfterActivity();

    rewriteAndRelink(1);
    start();

    assertThat(checkpoint()).isEmpty();
    assertThat(checkpointer.alarm())
        .hasValueSatisfying(
            why -> assertThat(why).contains("entries 1 to " + first + " no longer match"));
  }

  @Test
  void anEntryRemovedWhileTheHubRunsRaisesTheAlarmAtTheNextRound() {
    long signed = checkpoint().orElseThrow().treeSize();
    town.participant();
    town.participant();
    long removed = signed + 1;
    db.inTransaction(
        () ->
            db.em()
                .createNativeQuery("delete from audit_entry where seq = " + removed)
                .executeUpdate());

    assertThat(checkpoint()).isEmpty();

    assertThat(checkpointer.alarm())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith(
                        "log " + LOG + ": entry " + removed + " is missing from the stored log")
                    .contains("rows were removed from the database"));
    assertThat(logged(Level.SEVERE)).hasSize(1);
    town.participant();
    assertThat(checkpoint()).as("nothing is signed after the alarm").isEmpty();
  }

  @Test
  void aTailCutWithTheHeadAndTheCheckpointsIsCaughtAtRestart() {
    checkpoint();
    long remembered = signedAfterActivity();

    db.inTransaction(
        () -> {
          db.em()
              .createNativeQuery("delete from audit_entry where seq > " + (remembered - 2))
              .executeUpdate();
          db.em().createNativeQuery("delete from audit_checkpoint").executeUpdate();
          return db.em()
              .createNativeQuery(
                  "update audit_head set last_seq = "
                      + (remembered - 2)
                      + ", last_hash = (select entry_hash from audit_entry where seq = "
                      + (remembered - 2)
                      + ")")
              .executeUpdate();
        });
    start();

    assertThat(checkpoint()).isEmpty();
    String missing =
        "entries "
            + (remembered - 1)
            + " to "
            + remembered
            + " are missing, though the hub signed a tree of "
            + remembered
            + " entries";
    assertThat(checkpointer.alarm()).hasValueSatisfying(why -> assertThat(why).contains(missing));
    assertThat(integrity()).hasValueSatisfying(why -> assertThat(why).contains(missing));
  }

  @Test
  void aCheckpointCommittedButNotYetRememberedIsTakenUpAtTheNextStart() throws Exception {
    long remembered = checkpoint().orElseThrow().treeSize();
    town.participant();
    // The hub stops after the checkpoint's transaction committed, before it wrote the file.
    StoredCheckpoint unremembered = db.inTransaction(() -> signer.sign(LOG)).orElseThrow();
    assertThat(Checkpoint.verify(file(), ORIGIN, identity.verifierKey()).size())
        .isEqualTo(remembered);

    start();

    assertThat(file()).isEqualTo(unremembered.signedNote());
    assertThat(checkpointer.alarm()).isEmpty();
    long next = signedAfterActivity();
    assertThat(
            Checkpoint.verify(file(), ORIGIN, identity.verifierKey())
                .previous()
                .orElseThrow()
                .size())
        .isEqualTo(unremembered.treeSize())
        .isLessThan(next);
    assertThat(integrity()).isEmpty();
  }

  @Test
  void withoutAFileALogWithEntriesButNoCheckpointStartsAfreshWithAWarning() {
    assertThat(memory.remembered()).isEmpty();
    assertThat(logged(Level.WARNING))
        .singleElement()
        .asString()
        .contains("neither a stored checkpoint nor a remembered one");
  }

  @Test
  void aStoredCheckpointBeyondTheRememberedOneThatDoesNotFollowItRaisesTheAlarm() {
    checkpoint();
    town.participant();
    long size = db.inTransaction(() -> town.auditTrail.head(LOG)).lastSeq();
    // Signed with the log key, but naming none before it: not the hub's history.
    String stray =
        Checkpoint.at(ORIGIN, size, new byte[32], town.clock.instant())
            .sign(ORIGIN, identity.signingKey());
    db.inTransaction(
        () ->
            checkpoints.add(
                new StoredCheckpoint(LOG, size, "00".repeat(32), town.clock.instant(), stray)));

    start();

    assertThat(checkpointer.alarm())
        .hasValueSatisfying(why -> assertThat(why).contains("does not follow the checkpoint of"));
    assertThat(checkpoint()).isEmpty();
  }

  @Test
  void withoutAFileAnEmptyLogStartsAfresh() throws Exception {
    db.close();
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    checkpoints = new JpaCheckpoints(db.em());
    logged.clear();
    start();

    assertThat(memory.remembered()).isEmpty();
    assertThat(logged(Level.WARNING)).isEmpty();
    town.participant();
    checkpoint().orElseThrow();
    assertThat(Checkpoint.verify(file(), ORIGIN, identity.verifierKey()).previous())
        .as("the log's first checkpoint")
        .isEmpty();
  }

  @Test
  void withoutAFileTheNewestStoredCheckpointIsTakenOnTrustWithAWarning() throws Exception {
    checkpoint();
    long stored = signedAfterActivity();
    StoredCheckpoint newest = db.inTransaction(() -> checkpoints.latest(LOG)).orElseThrow();
    Files.delete(memory.file());
    logged.clear();

    start();

    assertThat(memory.remembered().orElseThrow().size()).isEqualTo(stored);
    assertThat(file()).isEqualTo(newest.signedNote());
    assertThat(logged(Level.WARNING))
        .singleElement()
        .asString()
        .contains("on trust")
        .contains(AuditLogs.memoryFileName(LOG) + " is missing");
    long next = signedAfterActivity();
    assertThat(Checkpoint.verify(file(), ORIGIN, identity.verifierKey()).previous())
        .contains(Checkpoint.Previous.of(stored, newest.signedNote()));
    assertThat(next).isGreaterThan(stored);
  }

  @Test
  void aRememberedFileThatDoesNotVerifyRaisesTheAlarm() throws Exception {
    checkpoint();
    String note = file();
    Files.writeString(memory.file(), note.replaceFirst("\n[0-9]+\n", "\n1\n"));

    start();

    assertThat(checkpointer.alarm())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("the checkpoint the hub remembers")
                    .contains("is not a checkpoint of this log signed by its key"));
    town.participant();
    assertThat(checkpoint()).isEmpty();
  }

  @Test
  void anExportUnderTheAlarmEndsAtTheRememberedCheckpointAndASavedOneShowsTheRewrite(
      @TempDir Path dir) throws Exception {
    checkpoint();
    signedAfterActivity();
    String savedNote = file();
    signedAfterActivity();
    rewriteAndRelink(2);
    deleteStoredCheckpoints();
    start();
    checkpoint();
    assertThat(checkpointer.alarm()).isPresent();

    Path export = dir.resolve("export.zip");
    AuditExporter exporter = exporter();
    try (OutputStream out = Files.newOutputStream(export)) {
      db.inTransaction(
          () -> {
            try {
              exporter.export(AUDITOR, out);
              return null;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    Report withoutSaved =
        new ExportVerifier(
                anchors(), ExportVerifier.Options.defaults().withAllowPendingTimestamps(true))
            .verify(export);
    Report withSaved =
        new ExportVerifier(
                anchors().withCheckpoints(List.of(new TrustedCheckpoint("saved.note", savedNote))),
                ExportVerifier.Options.defaults().withAllowPendingTimestamps(true))
            .verify(export);

    assertThat(storedCheckpoints()).as("the export signed nothing either").isZero();
    // The remembered checkpoint names one the database no longer holds.
    assertThat(withoutSaved.failure())
        .hasValueSatisfying(
            failure -> assertThat(failure.problem()).contains("which the export lacks"));
    assertThat(withSaved.verified()).isFalse();
  }

  @Test
  void anExportEndsAtTheCheckpointTheHubRemembersWithItsOwnEntryCovered(@TempDir Path dir)
      throws Exception {
    checkpoint();
    town.participant();
    Path export = dir.resolve("export.zip");
    AuditExporter exporter = exporter();
    try (OutputStream out = Files.newOutputStream(export)) {
      db.inTransaction(
          () -> {
            try {
              exporter.export(AUDITOR, out);
              return null;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    String saved = file();

    Report report =
        new ExportVerifier(
                anchors().withCheckpoints(List.of(new TrustedCheckpoint("saved.note", saved))),
                ExportVerifier.Options.defaults())
            .verify(export);

    assertThat(report.failure()).map(Failure::describe).isEmpty();
    long head = db.inTransaction(() -> town.auditTrail.head(LOG)).lastSeq();
    assertThat(report.entries())
        .isEqualTo(head)
        .isEqualTo(memory.remembered().orElseThrow().size());
    assertThat(report.trustedCheckpoints()).isEqualTo(1);
  }

  private static CheckpointTimestamper.Authority authority() {
    return new CheckpointTimestamper.Authority(
        tsa, List.of(tsa.certificate()), Duration.ofMinutes(5));
  }

  private static TrustAnchors anchors() {
    return TrustAnchors.of(identity.verifierKey(), List.of(tsa.certificate()));
  }

  private void deleteStoredCheckpoints() {
    db.inTransaction(
        () -> db.em().createNativeQuery("delete from audit_checkpoint").executeUpdate());
    db.em().clear();
  }

  /**
   * What an insider with write access to the database does: adds a reason to entry {@code seq},
   * writes every later entry's link to the one before anew, and moves the head to the new last
   * hash. The chain is then whole again; only what was signed can tell.
   */
  private void rewriteAndRelink(long seq) {
    try (Connection connection = db.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      String prev = AuditEntry.GENESIS_HASH;
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
        String hash = AuditEntry.sha256Hex(bytes);
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
      throw new IllegalStateException(e);
    }
    db.em().clear();
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
}
