package no.bindeledd.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.persistence.JpaCheckpoints;
import no.bindeledd.core.persistence.JpaLeases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one database, each with its own tree in memory and its own memory file beside a copy
 * of the same log key: whichever signs, the checkpoints form one chain, each node remembers the
 * newest, and a node takes up a checkpoint another stored only once it proves consistent with what
 * that node remembers and with the entries.
 */
class TwoNodesCheckpointingTest {

  private static final AuditLogId LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  static final String ORIGIN = "bindeledd.example/two-nodes-audit/9901";
  static final Actor AUDITOR = new Actor("aud", Fixtures.REFUGEE_SERVICE, Role.AUDITOR);

  static LogIdentity identity;

  @TempDir Path keysA;
  @TempDir Path keysB;

  private TestDatabase db;
  private Fixtures town;
  private JpaCheckpoints checkpoints;
  private Node a;
  private Node b;

  /** One node's own part: its tree, its memory file, its checkpointer. */
  private record Node(
      AuditTree tree, AuditLogs logs, CheckpointMemory memory, Checkpointer checkpointer) {}

  @BeforeAll
  static void key() {
    KeyPair pair = Ed25519Keys.generate();
    identity = new LogIdentity(ORIGIN, pair.getPrivate(), VerifierKey.of(ORIGIN, pair.getPublic()));
  }

  @BeforeEach
  void setUp() {
    db = new TestDatabase();
    town = new Fixtures(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    checkpoints = new JpaCheckpoints(db.em());
    a = node(keysA);
    b = node(keysB);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Node node(Path keys) {
    AuditTree tree = new AuditTree(town.auditTrail);
    AuditLogs logs = TestLogs.around(identity, keys);
    CheckpointMemory memory = logs.memory(LOG);
    Checkpointer checkpointer =
        new Checkpointer(
            new CheckpointSigner(
                tree, town.auditTrail, checkpoints, logs, town.clock, new JpaLeases(db.em())),
            logs);
    db.inTransaction(
        () -> {
          checkpointer.recall();
          return null;
        });
    return new Node(tree, logs, memory, checkpointer);
  }

  private StoredCheckpoint sign(Node node) {
    return db.inTransaction(() -> node.checkpointer().checkpoint(LOG)).orElseThrow();
  }

  private void follow(Node node) {
    db.inTransaction(
        () -> {
          node.checkpointer().follow();
          return null;
        });
  }

  private static Checkpoint verified(StoredCheckpoint stored) throws Exception {
    return Checkpoint.verify(stored.signedNote(), ORIGIN, identity.verifierKey());
  }

  private static String file(Node node) throws Exception {
    return Files.readString(node.memory().file(), StandardCharsets.UTF_8);
  }

  @Test
  void whicheverNodeSignsTheCheckpointsFormOneChainAndBothRememberTheNewest() throws Exception {
    town.participant();
    StoredCheckpoint first = sign(a);
    follow(b);
    assertThat(file(b))
        .as("the follower remembers what the other node signed")
        .isEqualTo(first.signedNote());

    town.participant();
    StoredCheckpoint second = sign(b);
    town.participant();
    StoredCheckpoint third = sign(a);

    assertThat(verified(second).previous())
        .as("the second node chains from the first node's checkpoint")
        .contains(Checkpoint.Previous.of(first.treeSize(), first.signedNote()));
    assertThat(verified(third).previous())
        .as("and the first node from the second's, which it took up before signing")
        .contains(Checkpoint.Previous.of(second.treeSize(), second.signedNote()));
    follow(b);
    assertThat(file(a)).isEqualTo(third.signedNote());
    assertThat(file(b)).isEqualTo(third.signedNote());
    assertThat(a.memory().alarm()).isEmpty();
    assertThat(b.memory().alarm()).isEmpty();
    AuditIntegrity integrity =
        new AuditIntegrity(town.audit, town.auditTrail, checkpoints, b.logs(), town.auditRouting);
    assertThat(db.inTransaction(() -> integrity.check(AUDITOR)))
        .as("the stored chain of checkpoints is whole")
        .isEmpty();
  }

  @Test
  void aNodeThatDidNotSignRefusesACheckpointThatDoesNotMatchTheEntries() throws Exception {
    town.participant();
    StoredCheckpoint first = sign(a);
    follow(b);
    town.participant();
    long size = db.inTransaction(() -> a.tree().catchUp(LOG));
    // Signed with the log key and naming the remembered checkpoint, as the other node would, but
    // over a root the entries do not give: what a rewritten database would get signed.
    byte[] wrongRoot = new byte[32];
    String forged =
        Checkpoint.at(
                ORIGIN,
                size,
                wrongRoot,
                town.clock.instant(),
                Checkpoint.Previous.of(first.treeSize(), first.signedNote()))
            .sign(ORIGIN, identity.signingKey());
    db.inTransaction(
        () -> {
          checkpoints.add(
              new StoredCheckpoint(
                  LOG, size, HexFormat.of().formatHex(wrongRoot), town.clock.instant(), forged));
          return null;
        });

    follow(b);

    assertThat(b.memory().alarm())
        .as("the follower raises the alarm")
        .hasValueSatisfying(why -> assertThat(why).contains("does not match the stored entries"));
    assertThat(file(b))
        .as("and never remembers the checkpoint it refused")
        .isEqualTo(first.signedNote());
    assertThat(db.inTransaction(() -> b.checkpointer().checkpoint(LOG)))
        .as("nor signs anything after it")
        .isEqualTo(Optional.empty());
  }
}
