package no.bindeledd.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.verify.ExportVerifier;
import no.bindeledd.core.audit.verify.Report;
import no.bindeledd.core.audit.verify.TrustAnchors;
import no.bindeledd.core.audit.witness.Cosignature;
import no.bindeledd.core.audit.witness.Cosignatures;
import no.bindeledd.core.audit.witness.Cosigner;
import no.bindeledd.core.audit.witness.Witness;
import no.bindeledd.core.audit.witness.WitnessServer;
import no.bindeledd.core.audit.witness.WitnessState;
import no.bindeledd.core.audit.witness.WitnessedLog;
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
 * The hub and a witness of its own over real HTTP: each checkpoint is cosigned, and the relinked
 * rewrite of the tamper suite, done by an insider who also deleted the old checkpoints, is refused
 * by the witness after the hub restarts, and raises the alarm.
 */
class CheckpointWitnessingTest {

  private static final AuditLogId LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  static final String ORIGIN = "bindeledd.example/test-audit/9901";
  static LogIdentity identity;

  @TempDir Path witnessFolder;
  @TempDir Path hubKeys;
  @TempDir Path forgottenHubKeys;

  private TestDatabase db;
  private Fixtures town;
  private WitnessState witnessState;
  private Witness witness;
  private WitnessServer server;
  private AuditWitnesses witnesses;
  private Hub hub;
  private final List<LogRecord> severe = new ArrayList<>();
  private final Handler severeLines =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel() == Level.SEVERE) {
            severe.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /**
   * What the hub holds in memory, with its memory of the checkpoint it signed last in {@code
   * keysDir}; a restart makes a new one from the database.
   */
  private final class Hub {
    final AuditTree tree = new AuditTree(town.auditTrail);
    final Checkpointer checkpointer;
    final AuditLogs logs;
    final CheckpointWitnessing witnessing =
        new CheckpointWitnessing(records(), tree, witnesses, town.clock);

    Hub(Path keysDir) {
      logs = TestLogs.around(identity, keysDir);
      checkpointer =
          new Checkpointer(
              new CheckpointSigner(
                  tree,
                  town.auditTrail,
                  new JpaCheckpoints(db.em()),
                  logs,
                  town.clock,
                  new JpaLeases(db.em())),
              logs);
    }

    StoredCheckpoint checkpoint() {
      return db.inTransaction(() -> checkpointer.checkpoint(LOG)).orElseThrow();
    }

    int submit() {
      return db.inTransaction(() -> witnessing.submitLatest(LOG));
    }
  }

  private CosignatureRecords records() {
    return new CosignatureRecords(new JpaCheckpoints(db.em()), new JpaStoredCosignatures(db.em()));
  }

  @BeforeAll
  static void key() {
    KeyPair pair = Ed25519Keys.generate();
    identity = new LogIdentity(ORIGIN, pair.getPrivate(), VerifierKey.of(ORIGIN, pair.getPublic()));
  }

  @BeforeEach
  void setUp() throws Exception {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    witnessState = WitnessState.open(witnessFolder);
    witness =
        new Witness(
            Cosigner.loadOrCreate(witnessFolder, "witness.example/w1"),
            List.of(WitnessedLog.of(identity.verifierKey())),
            witnessState,
            town.clock);
    server = WitnessServer.onLoopback(witness, 0);
    witnesses =
        new AuditWitnesses(
            List.of(new AuditWitnesses.Endpoint(server.url(), witness.verifierKey(), false)),
            Duration.ofSeconds(5),
            Duration.ofMinutes(5));
    hub = new Hub(hubKeys);
    Logger.getLogger(CheckpointWitnessing.class.getName()).addHandler(severeLines);
  }

  @AfterEach
  void tearDown() throws Exception {
    Logger.getLogger(CheckpointWitnessing.class.getName()).removeHandler(severeLines);
    server.close();
    witnessState.close();
    db.close();
  }

  private void record(int entries) {
    for (int i = 0; i < entries; i++) {
      town.participant();
    }
  }

  private List<StoredCosignature> cosignaturesOf(long size) {
    db.em().clear();
    return new JpaStoredCosignatures(db.em()).of(LOG, size);
  }

  private long witnessSize() {
    return witnessState.head(ORIGIN).orElseThrow().size();
  }

  @Test
  void aCosignatureKeptTwiceIsStoredOnce() {
    record(3);
    StoredCheckpoint checkpoint = hub.checkpoint();
    hub.submit();
    StoredCosignature first = cosignaturesOf(checkpoint.treeSize()).get(0);

    // The checkpointing round and an export may both have had the checkpoint cosigned.
    db.inTransaction(
        () -> {
          records()
              .keep(
                  LOG,
                  checkpoint.treeSize(),
                  new Cosignature(
                      witness.verifierKey(), first.cosignedAt(), first.signatureLine()));
          return null;
        });

    assertThat(cosignaturesOf(checkpoint.treeSize())).hasSize(1);
  }

  @Test
  void eachNewCheckpointIsCosignedFromTheLastOneTheWitnessCosigned() {
    record(3);
    StoredCheckpoint first = hub.checkpoint();
    assertThat(hub.submit()).isEqualTo(1);
    record(4);
    StoredCheckpoint second = hub.checkpoint();

    assertThat(hub.submit()).isEqualTo(1);
    assertThat(hub.submit()).as("nothing new to cosign").isZero();

    assertThat(witnessSize()).isEqualTo(second.treeSize());
    for (StoredCheckpoint checkpoint : List.of(first, second)) {
      List<StoredCosignature> stored = cosignaturesOf(checkpoint.treeSize());
      assertThat(stored).hasSize(1);
      String note = checkpoint.signedNote();
      assertThat(
              Cosignatures.verify(
                      note.substring(0, note.lastIndexOf("\n\n") + 1),
                      stored.get(0).signatureLine(),
                      List.of(witness.verifierKey()))
                  .verified())
          .hasSize(1);
      assertThat(stored.get(0).witness())
          .isEqualTo("witness.example/w1+" + witness.verifierKey().keyIdHex());
    }
    assertThat(hub.witnessing.alarm()).isEmpty();
  }

  @Test
  void theExportCarriesEachCheckpointsCosignatureAndItsNewestOneIsCosignedToo(@TempDir Path keysDir)
      throws Exception {
    DevelopmentTsa tsa = DevelopmentTsa.loadOrCreate(keysDir, DevelopmentCa.loadOrCreate(keysDir));
    CheckpointTimestamper.Authority authority =
        new CheckpointTimestamper.Authority(tsa, List.of(tsa.certificate()), Duration.ofMinutes(5));
    JpaCheckpoints checkpoints = new JpaCheckpoints(db.em());
    AuditExporter exporter =
        new AuditExporter(
            town.auditTrail,
            checkpoints,
            hub.checkpointer,
            new CheckpointTimestamper(checkpoints, authority, town.clock),
            hub.witnessing,
            new JpaStoredCosignatures(db.em()),
            hub.logs,
            town.auditRouting,
            authority,
            town.audit,
            town.clock);
    record(3);
    hub.checkpoint();
    hub.submit();
    record(2);
    Path file = keysDir.resolve("export.zip");

    try (OutputStream out = Files.newOutputStream(file)) {
      db.inTransaction(
          () -> {
            try {
              exporter.export(CheckpointingTest.AUDITOR, out);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }

    Report report =
        new ExportVerifier(
                TrustAnchors.of(identity.verifierKey(), List.of(tsa.certificate()))
                    .withWitnesses(List.of(witness.verifierKey()), 1),
                ExportVerifier.Options.defaults().withAllowPendingTimestamps(true))
            .verify(file);
    assertThat(report.failure()).isEmpty();
    assertThat(report.witnesses()).as("the export's own final checkpoint is cosigned").isEqualTo(1);
    assertThat(report.cosignatures()).isEqualTo(2);
  }

  @Test
  void aHubThatLostItsCosignaturesIsToldTheWitnessSizeAndGoesOnFromThere() {
    record(3);
    hub.checkpoint();
    hub.submit();
    db.inTransaction(
        () -> db.em().createNativeQuery("delete from audit_cosignature").executeUpdate());
    record(2);
    StoredCheckpoint next = hub.checkpoint();

    assertThat(hub.submit()).isEqualTo(1);

    assertThat(witnessSize()).isEqualTo(next.treeSize());
    assertThat(hub.witnessing.alarm()).isEmpty();
  }

  @Test
  void aRelinkedRewriteWithTheOldCheckpointsGoneIsRefusedByTheWitnessAndRaisesTheAlarm()
      throws Exception {
    record(6);
    long cosigned = hub.checkpoint().treeSize();
    hub.submit();

    RelinkedRewrite.rewrite(db.dataSource(), 3);
    db.em().clear();
    // The hub restarts: its tree is rebuilt from the edited rows, and it remembers nothing, since
    // the insider deleted its memory too (the hub's own memory would catch a database rewrite).
    hub = new Hub(forgottenHubKeys);
    assertThat(db.inTransaction(() -> town.audit.verifyChain(LOG)))
        .as("the relinked chain holds")
        .isEmpty();
    record(1);
    StoredCheckpoint rewritten = hub.checkpoint();

    assertThat(hub.submit()).isZero();

    assertThat(witnessSize()).as("the witness still holds what it saw").isEqualTo(cosigned);
    assertThat(cosignaturesOf(rewritten.treeSize())).isEmpty();
    assertThat(hub.witnessing.alarm())
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains("witness witness.example/w1+" + witness.verifierKey().keyIdHex())
                    .contains("refuses checkpoint " + rewritten.treeSize() + " as inconsistent")
                    .contains("does not extend the one of " + cosigned + " entries"));
    assertThat(severe)
        .extracting(LogRecord::getMessage)
        .anySatisfy(
            line ->
                assertThat(line).startsWith("Audit witnessing alarm: witness witness.example/w1+"));
    assertThat(
            Files.exists(
                witnessFolder
                    .resolve("logs")
                    .resolve(WitnessState.originHash(ORIGIN) + ".refused")))
        .as("the witness keeps the refused checkpoint as evidence")
        .isTrue();
    record(1);
    hub.checkpoint();
    assertThat(hub.submit()).as("the hub stops submitting to that witness").isZero();
    assertThat(hub.witnessing.alarm()).as("the alarm stays").isPresent();
  }

  @Test
  void anUnreachableWitnessIsTriedEveryRoundAndRaisesTheAlarmOnlyAfterThePeriod() throws Exception {
    int port = server.address().getPort();
    server.close();
    record(2);
    hub.checkpoint();

    assertThat(hub.submit()).isZero();
    assertThat(hub.witnessing.alarm()).as("within the period").isEmpty();
    town.clock.advance(Duration.ofMinutes(6));
    assertThat(hub.witnessing.alarm())
        .hasValueSatisfying(
            why -> assertThat(why).contains("has failed for 360 s").contains("cannot be reached"));
    assertThat(severe).hasSize(1);
    assertThat(hub.witnessing.alarm()).isPresent();
    assertThat(severe).as("raised once, not every check").hasSize(1);

    server =
        WitnessServer.start(
            witness,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            WitnessServer.DEFAULT_MAX_BODY_BYTES);
    assertThat(hub.submit()).isEqualTo(1);
    assertThat(hub.witnessing.alarm()).as("cleared when it cosigns again").isEmpty();
  }

  @Test
  void aWitnessThatAnswersWithAnotherKeysCosignatureIsAFailureNotACosignature() throws Exception {
    Cosigner impostor = new Cosigner("witness.example/w1", Ed25519Keys.generate().getPrivate());
    AuditWitnesses wrongKey =
        new AuditWitnesses(
            List.of(new AuditWitnesses.Endpoint(server.url(), impostor.verifierKey(), false)),
            Duration.ofSeconds(5),
            Duration.ZERO);
    CheckpointWitnessing witnessing =
        new CheckpointWitnessing(records(), hub.tree, wrongKey, town.clock);
    record(2);
    long size = hub.checkpoint().treeSize();

    assertThat(db.inTransaction(() -> witnessing.submitLatest(LOG))).isZero();
    town.clock.advance(Duration.ofSeconds(1));

    assertThat(cosignaturesOf(size)).isEmpty();
    assertThat(witnessing.alarm())
        .hasValueSatisfying(why -> assertThat(why).contains("holds no cosignature by its key"));
  }
}
