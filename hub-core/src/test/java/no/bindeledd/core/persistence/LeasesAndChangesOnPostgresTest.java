package no.bindeledd.core.persistence;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditLogs;
import no.bindeledd.core.audit.AuditTree;
import no.bindeledd.core.audit.CheckpointSigner;
import no.bindeledd.core.audit.Checkpointer;
import no.bindeledd.core.audit.LogIdentity;
import no.bindeledd.core.audit.StoredCheckpoint;
import no.bindeledd.core.audit.TestLogs;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.node.Leases;
import no.bindeledd.core.node.LeasesAndChangesContract;
import no.bindeledd.core.node.NodeName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leases and the change feed on a real PostgreSQL server, and what only concurrent sessions
 * show: two nodes asking for the free lease at once, of which exactly one gets it, and two nodes
 * signing at once, of which one waits for the other and signs after it.
 */
@ExtendWith(PostgresServer.Resolver.class)
class LeasesAndChangesOnPostgresTest extends LeasesAndChangesContract {

  private static final AuditLogId LOG = Fixtures.MUNICIPAL_LOG;

  private static PostgresServer server;

  @BeforeAll
  static void startServer(PostgresServer started) {
    server = started;
  }

  @Override
  protected DataSource emptyDatabase() {
    return server.newDatabase();
  }

  @Test
  void twoNodesAskingForTheFreeLeaseAtOnceNeverBothGetIt() throws Exception {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    Instant until = now.plusSeconds(10);
    ExecutorService otherNode = Executors.newSingleThreadExecutor();
    EntityManager otherEm = db.newEntityManager();
    try {
      db.em().getTransaction().begin();
      boolean first =
          new JpaLeases(db.em()).hold(Leases.AUDIT_CHECKPOINTS, new NodeName("a"), now, until);
      // The other node asks while the first one's update is not committed: its update waits on the
      // row, and then finds it held.
      Future<Boolean> second =
          otherNode.submit(
              () -> {
                otherEm.getTransaction().begin();
                boolean held =
                    new JpaLeases(otherEm)
                        .hold(Leases.AUDIT_CHECKPOINTS, new NodeName("b"), now, until);
                otherEm.getTransaction().commit();
                return held;
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> waitingForALock(db.dataSource()) == 1);
      db.em().getTransaction().commit();

      assertThat(first).isTrue();
      assertThat(second.get(30, SECONDS)).as("the second node does not get it").isFalse();
    } finally {
      otherNode.shutdown();
      otherNode.awaitTermination(30, SECONDS);
      otherEm.close();
    }
  }

  /** One node's own part of the audit log: its tree and memory, on its own entity manager. */
  private static Checkpointer checkpointerOn(
      EntityManager em, Path keys, LogIdentity identity, Clock clock) {
    AuditLogs logs = TestLogs.around(identity, keys);
    JpaAuditTrail trail = new JpaAuditTrail(em);
    return new Checkpointer(
        new CheckpointSigner(
            new AuditTree(trail), trail, new JpaCheckpoints(em), logs, clock, new JpaLeases(em)),
        logs);
  }

  private static <T> T inTransaction(EntityManager em, Supplier<T> work) {
    em.getTransaction().begin();
    T result = work.get();
    em.getTransaction().commit();
    return result;
  }

  @Test
  void aNodeThatWantsToSignWhileAnotherSignsWaitsAndTakesUpWhatTheOtherSigned(
      @TempDir Path keysA, @TempDir Path keysB) throws Exception {
    Fixtures town = new Fixtures(db);
    KeyPair pair = Ed25519Keys.generate();
    String origin = "bindeledd.example/two-nodes-audit/" + Fixtures.MUNICIPALITY;
    LogIdentity identity =
        new LogIdentity(origin, pair.getPrivate(), VerifierKey.of(origin, pair.getPublic()));
    ExecutorService otherNode = Executors.newSingleThreadExecutor();
    EntityManager otherEm = db.newEntityManager();
    try {
      Checkpointer a = checkpointerOn(db.em(), keysA, identity, town.clock);
      Checkpointer b = checkpointerOn(otherEm, keysB, identity, town.clock);
      town.participant();
      inTransaction(db.em(), () -> a.checkpoint(LOG)).orElseThrow();
      town.participant();

      db.em().getTransaction().begin();
      StoredCheckpoint second = a.checkpoint(LOG).orElseThrow();
      // The other node's round starts while the first one's checkpoint is not committed: it waits
      // on the lease's row, then finds the log already signed to its end.
      Future<Optional<StoredCheckpoint>> theirs =
          otherNode.submit(() -> inTransaction(otherEm, () -> b.checkpoint(LOG)));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> waitingForALock(db.dataSource()) == 1);
      db.em().getTransaction().commit();

      assertThat(theirs.get(30, SECONDS))
          .as("the waiting node signs nothing over what the other signed")
          .isEmpty();
      assertThat(b.remembered(LOG).orElseThrow().signedNote())
          .as("and remembers the other node's checkpoint")
          .isEqualTo(second.signedNote());
      assertThat(b.alarm()).isEmpty();

      town.participant();
      StoredCheckpoint third =
          otherNode
              .submit(() -> inTransaction(otherEm, () -> b.checkpoint(LOG)))
              .get(30, SECONDS)
              .orElseThrow();
      assertThat(Checkpoint.verify(third.signedNote(), origin, identity.verifierKey()).previous())
          .as("the chain has one head: the next names the other node's checkpoint")
          .contains(Checkpoint.Previous.of(second.treeSize(), second.signedNote()));
    } finally {
      otherNode.shutdown();
      otherNode.awaitTermination(30, SECONDS);
      otherEm.close();
    }
  }

  private static long waitingForALock(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and wait_event_type = 'Lock'")) {
      row.next();
      return row.getLong(1);
    }
  }
}
