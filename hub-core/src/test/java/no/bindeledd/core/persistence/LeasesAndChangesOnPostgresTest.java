package no.bindeledd.core.persistence;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import no.bindeledd.core.node.Leases;
import no.bindeledd.core.node.LeasesAndChangesContract;
import no.bindeledd.core.node.NodeName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The leases and the change feed on a real PostgreSQL server, and what only concurrent sessions
 * show: two nodes asking for the free lease at once, of which exactly one gets it.
 */
@ExtendWith(PostgresServer.Resolver.class)
class LeasesAndChangesOnPostgresTest extends LeasesAndChangesContract {

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
