package no.bindeledd.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.MerkleVerifier;
import no.bindeledd.core.audit.verify.ExportVerifier;
import no.bindeledd.core.audit.verify.Report;
import no.bindeledd.core.audit.verify.TrustAnchors;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.DevelopmentTsa;
import no.bindeledd.core.crypto.TimestampAuthority;
import no.bindeledd.core.crypto.Timestamps;
import no.bindeledd.core.persistence.JpaCheckpoints;
import no.bindeledd.core.persistence.JpaLeases;
import no.bindeledd.core.persistence.JpaStoredCosignatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of the stored log: signed, timestamped, and what the auditor's proofs and the hub's
 * own integrity check make of them, including after the database was edited behind its back.
 */
class CheckpointingTest {

  private static final AuditLogId LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  static final String ORIGIN = "bindeledd.example/test-audit/9901";
  static final Actor AUDITOR =
      new Actor("aud", no.bindeledd.core.Fixtures.REFUGEE_SERVICE, Role.AUDITOR);

  @TempDir static Path keysDir;
  static DevelopmentTsa tsa;
  static LogIdentity identity;

  @TempDir Path memoryDir;

  private TestDatabase db;
  private Fixtures town;
  private AuditTree tree;
  private AuditLogs logs;
  private JpaCheckpoints checkpoints;
  private Checkpointer checkpointer;
  private final AtomicBoolean tsaDown = new AtomicBoolean();
  private CheckpointTimestamper timestamper;
  private AuditProofs proofs;
  private AuditIntegrity integrity;

  @BeforeAll
  static void keys() {
    tsa = DevelopmentTsa.loadOrCreate(keysDir, DevelopmentCa.loadOrCreate(keysDir));
    KeyPair pair = Ed25519Keys.generate();
    identity = new LogIdentity(ORIGIN, pair.getPrivate(), VerifierKey.of(ORIGIN, pair.getPublic()));
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    tree = new AuditTree(town.auditTrail);
    checkpoints = new JpaCheckpoints(db.em());
    logs = TestLogs.around(identity, memoryDir);
    checkpointer =
        new Checkpointer(
            new CheckpointSigner(
                tree, town.auditTrail, checkpoints, logs, town.clock, new JpaLeases(db.em())),
            logs);
    TimestampAuthority flaky =
        query -> {
          if (tsaDown.get()) {
            throw new IOException("the time-stamping authority does not answer");
          }
          return tsa.respond(query);
        };
    timestamper =
        new CheckpointTimestamper(
            checkpoints,
            new CheckpointTimestamper.Authority(
                flaky, List.of(tsa.certificate()), Duration.ofMinutes(5)),
            town.clock);
    proofs = new AuditProofs(tree, town.auditTrail, checkpoints, town.audit, town.auditRouting);
    integrity =
        new AuditIntegrity(town.audit, town.auditTrail, checkpoints, logs, town.auditRouting);
    town.participant();
    town.participant();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private long head() {
    return db.inTransaction(() -> town.auditTrail.head(LOG)).lastSeq();
  }

  private StoredCheckpoint checkpoint() {
    return db.inTransaction(() -> checkpointer.checkpoint(LOG)).orElseThrow();
  }

  @Test
  void aCheckpointSignsTheSizeAndRootOfTheLogAsItStands() {
    StoredCheckpoint stored = checkpoint();

    Checkpoint signed = Checkpoint.verify(stored.signedNote(), ORIGIN, identity.verifierKey());
    assertThat(signed.size()).isEqualTo(head()).isEqualTo(stored.treeSize());
    assertThat(HexFormat.of().formatHex(signed.rootHash())).isEqualTo(stored.rootHash());
    assertThat(signed.time()).contains(town.clock.instant().truncatedTo(ChronoUnit.SECONDS));
    assertThat(db.inTransaction(() -> checkpointer.checkpoint(LOG)))
        .as("nothing new, no checkpoint")
        .isEmpty();

    town.participant();
    assertThat(checkpoint().treeSize()).isEqualTo(head()).isGreaterThan(stored.treeSize());
  }

  @Test
  void eachCheckpointIsTimestampedOverItsSignedNote() {
    StoredCheckpoint stored = checkpoint();

    assertThat(db.inTransaction(() -> timestamper.timestampPending())).isEqualTo(1);

    db.em().clear();
    StoredCheckpoint stamped =
        db.inTransaction(() -> checkpoints.atSize(LOG, stored.treeSize())).get();
    byte[] token = stamped.timestampToken().orElseThrow();
    assertThat(
            new Timestamps()
                .verify(
                    token,
                    CheckpointTimestamper.digestOf(stamped.signedNote()),
                    List.of(tsa.certificate()))
                .genTime())
        .isNotNull();
    assertThat(db.inTransaction(() -> timestamper.alarm())).isEmpty();
  }

  @Test
  void timestampingThatFailsLongerThanTheAlarmPeriodRaisesTheAlarmUntilItWorksAgain() {
    tsaDown.set(true);
    checkpoint();
    assertThat(db.inTransaction(() -> timestamper.timestampPending())).isZero();
    town.clock.advance(Duration.ofMinutes(4));
    assertThat(db.inTransaction(() -> timestamper.alarm())).as("within the period").isEmpty();

    town.clock.advance(Duration.ofMinutes(2));
    assertThat(db.inTransaction(() -> timestamper.alarm()))
        .hasValueSatisfying(why -> assertThat(why).contains("does not answer"));

    tsaDown.set(false);
    assertThat(db.inTransaction(() -> timestamper.timestampPending())).isEqualTo(1);
    assertThat(db.inTransaction(() -> timestamper.alarm())).isEmpty();
  }

  @Test
  void theAuditorsProofsVerifyAgainstTheSignedRoots() {
    StoredCheckpoint first = checkpoint();
    town.participant();
    StoredCheckpoint second = checkpoint();
    byte[] secondRoot =
        Checkpoint.verify(second.signedNote(), ORIGIN, identity.verifierKey()).rootHash();
    byte[] firstRoot =
        Checkpoint.verify(first.signedNote(), ORIGIN, identity.verifierKey()).rootHash();

    for (long seq = 1; seq <= second.treeSize(); seq++) {
      long entry = seq;
      AuditProofs.Inclusion inclusion =
          db.inTransaction(() -> proofs.inclusion(AUDITOR, entry, second.treeSize()));
      MerkleVerifier.verifyInclusion(
          seq - 1, second.treeSize(), inclusion.leafHash(), inclusion.path(), secondRoot);
    }
    AuditProofs.Consistency consistency =
        db.inTransaction(() -> proofs.consistency(AUDITOR, first.treeSize(), second.treeSize()));
    MerkleVerifier.verifyConsistency(
        first.treeSize(), second.treeSize(), firstRoot, secondRoot, consistency.path());
    assertThatThrownBy(
            () ->
                db.inTransaction(() -> proofs.inclusion(Fixtures.CASEWORKER, 1, second.treeSize())))
        .isInstanceOf(AccessDenied.class);
  }

  @Test
  void theHubsOwnCheckPassesAnUntouchedLog() {
    checkpoint();
    town.participant();
    checkpoint();

    assertThat(db.inTransaction(() -> integrity.check(AUDITOR))).isEmpty();
  }

  @Test
  void anEntryEditedBehindTheHubsBackIsCaught() {
    checkpoint();

    db.inTransaction(
        () ->
            db.em()
                .createNativeQuery("update audit_entry set canonical_bytes = ? where seq = 2")
                .setParameter(1, "{\"edited\":true}".getBytes())
                .executeUpdate());
    db.em().clear();

    assertThat(db.inTransaction(() -> integrity.check(AUDITOR)))
        .hasValueSatisfying(why -> assertThat(why).contains("entry 2"));
  }

  @Test
  void aTailCutTogetherWithTheHeadRowIsCaughtByTheCheckpoint() {
    long size = checkpoint().treeSize();

    db.inTransaction(
        () -> {
          db.em().createNativeQuery("delete from audit_entry where seq = " + size).executeUpdate();
          return db.em()
              .createNativeQuery(
                  "update audit_head set last_seq = "
                      + (size - 1)
                      + ", last_hash = (select entry_hash from audit_entry where seq = "
                      + (size - 1)
                      + ")")
              .executeUpdate();
        });
    db.em().clear();

    assertThat(db.inTransaction(() -> town.audit.verifyChain(LOG)))
        .as("the chain alone cannot see it")
        .isEmpty();
    assertThat(db.inTransaction(() -> integrity.check(AUDITOR)))
        .hasValueSatisfying(why -> assertThat(why).contains("entry " + size + " is missing"));
  }

  @Test
  void eachCheckpointAfterTheLogsFirstNamesTheOneBeforeIt() {
    StoredCheckpoint first = checkpoint();
    town.participant();
    StoredCheckpoint second = checkpoint();

    assertThat(signed(first).previous()).isEmpty();
    assertThat(signed(second).previous())
        .contains(Checkpoint.Previous.of(first.treeSize(), first.signedNote()));
  }

  private static Checkpoint signed(StoredCheckpoint stored) {
    return Checkpoint.verify(stored.signedNote(), ORIGIN, identity.verifierKey());
  }

  private List<StoredCheckpoint> threeCheckpoints() {
    StoredCheckpoint first = checkpoint();
    town.participant();
    StoredCheckpoint second = checkpoint();
    town.participant();
    StoredCheckpoint third = checkpoint();
    assertThat(db.inTransaction(() -> integrity.check(AUDITOR))).isEmpty();
    return List.of(first, second, third);
  }

  private void sql(String statement, Object... parameters) {
    db.inTransaction(
        () -> {
          var query = db.em().createNativeQuery(statement);
          for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
          }
          return query.executeUpdate();
        });
    db.em().clear();
  }

  @Test
  void aStoredCheckpointDeletedFromTheMiddleIsNamed() {
    List<StoredCheckpoint> stored = threeCheckpoints();
    long middle = stored.get(1).treeSize();

    sql("delete from audit_checkpoint where tree_size = ?", middle);

    assertThat(db.inTransaction(() -> integrity.check(AUDITOR)))
        .contains(
            "checkpoint "
                + stored.get(2).treeSize()
                + " names checkpoint "
                + middle
                + " as the one before it, which is not stored: checkpoint "
                + middle
                + " was deleted");
  }

  @Test
  void theFirstStoredCheckpointDeletedIsNamed() {
    List<StoredCheckpoint> stored = threeCheckpoints();
    long first = stored.get(0).treeSize();

    sql("delete from audit_checkpoint where tree_size = ?", first);

    assertThat(db.inTransaction(() -> integrity.check(AUDITOR)))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("checkpoint " + first + " was deleted, with any before it"));
  }

  @Test
  void aStoredCheckpointReplacedByAnotherTheLogSignedIsNamed() {
    List<StoredCheckpoint> stored = threeCheckpoints();
    StoredCheckpoint middle = stored.get(1);
    Checkpoint original = signed(middle);
    String other =
        Checkpoint.at(
                ORIGIN,
                original.size(),
                original.rootHash(),
                original.time().orElseThrow().plusSeconds(1),
                original.previous().orElseThrow())
            .sign(ORIGIN, identity.signingKey());

    sql(
        "update audit_checkpoint set signed_note = ? where tree_size = ?",
        other,
        middle.treeSize());

    assertThat(db.inTransaction(() -> integrity.check(AUDITOR)))
        .contains(
            "checkpoint "
                + middle.treeSize()
                + " is not the one that checkpoint "
                + stored.get(2).treeSize()
                + " names as the one before it: it was replaced");
  }

  @Test
  void storedCheckpointsReorderedAreNamed() {
    List<StoredCheckpoint> stored = threeCheckpoints();

    sql(
        "update audit_checkpoint set signed_note = ? where tree_size = ?",
        stored.get(1).signedNote(),
        stored.get(0).treeSize());
    sql(
        "update audit_checkpoint set signed_note = ? where tree_size = ?",
        stored.get(0).signedNote(),
        stored.get(1).treeSize());

    assertThat(db.inTransaction(() -> integrity.check(AUDITOR)))
        .contains(
            "checkpoint "
                + stored.get(0).treeSize()
                + " is stored under another size than it signs");
  }

  private Report exportAndVerify(Path dir, String name) throws Exception {
    Path file = dir.resolve(name);
    AuditExporter exporter =
        new AuditExporter(
            town.auditTrail,
            checkpoints,
            checkpointer,
            timestamper,
            new CheckpointWitnessing(
                new CosignatureRecords(checkpoints, new JpaStoredCosignatures(db.em())),
                tree,
                new AuditWitnesses(List.of(), Duration.ofSeconds(5), Duration.ofMinutes(5)),
                town.clock),
            new JpaStoredCosignatures(db.em()),
            logs,
            town.auditRouting,
            new CheckpointTimestamper.Authority(
                tsa, List.of(tsa.certificate()), Duration.ofMinutes(5)),
            town.audit,
            town.clock);
    try (OutputStream out = Files.newOutputStream(file)) {
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
    return new ExportVerifier(
            TrustAnchors.of(identity.verifierKey(), List.of(tsa.certificate())),
            ExportVerifier.Options.defaults())
        .verify(file);
  }

  @Test
  void theExportOfTheStoredLogVerifiesOfflineAndATamperedOneDoesNot(@TempDir Path dir)
      throws Exception {
    checkpoint();
    town.participant();
    checkpoint();
    db.inTransaction(() -> timestamper.timestampPending());

    Report clean = exportAndVerify(dir, "clean.zip");
    assertThat(clean.failure()).isEmpty();
    // The export's own entry, and the checkpoint it had signed and timestamped over it.
    assertThat(clean.checkpoints()).isEqualTo(3);
    assertThat(clean.timestamps()).isEqualTo(3);
    assertThat(clean.entries()).isEqualTo(head()).isEqualTo(clean.coveredEntries());

    byte[] original =
        db.inTransaction(() -> town.auditTrail.leavesAfter(LOG, 2, 1)).get(0).canonicalBytes();
    String edited =
        new String(original, java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"person.registered\"", "\"person.read\"");
    db.inTransaction(
        () ->
            db.em()
                .createNativeQuery("update audit_entry set canonical_bytes = ? where seq = 3")
                .setParameter(1, edited.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .executeUpdate());
    db.em().clear();

    Report tampered = exportAndVerify(dir, "tampered.zip");
    // The first checkpoint covers entries 1 to 3, so it is where the edit first shows.
    assertThat(tampered.failure())
        .hasValueSatisfying(f -> assertThat(f.describe()).contains("entry 3 differs"));
    assertThat(db.inTransaction(() -> integrity.check(AUDITOR)))
        .hasValueSatisfying(why -> assertThat(why).contains("entry"));
  }
}
