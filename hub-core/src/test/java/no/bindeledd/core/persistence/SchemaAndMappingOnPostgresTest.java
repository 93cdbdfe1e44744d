package no.bindeledd.core.persistence;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema and mapping contract on a real PostgreSQL server, as the production profile runs, and
 * what only a server with concurrent sessions shows: two nodes claiming the outbox at once, and two
 * appenders racing for the audit log's head.
 */
@ExtendWith(PostgresServer.Resolver.class)
class SchemaAndMappingOnPostgresTest extends SchemaAndMappingContract {

  private static final AuditLogId LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  private static PostgresServer server;

  /** Stands in for a second hub node. */
  private ExecutorService otherNode;

  private EntityManager otherEm;

  @BeforeAll
  static void startServer(PostgresServer started) {
    server = started;
  }

  @Override
  protected DataSource emptyDatabase() {
    return server.newDatabase();
  }

  @BeforeEach
  void startOtherNode() {
    otherNode = Executors.newSingleThreadExecutor();
    otherEm = db.newEntityManager();
  }

  @AfterEach
  void stopOtherNode() throws InterruptedException {
    // A test that failed half-way may still hold locks the other node waits for.
    if (db.em().getTransaction().isActive()) {
      db.em().getTransaction().rollback();
    }
    otherNode.shutdown();
    assertThat(otherNode.awaitTermination(30, SECONDS)).as("the other node stopped").isTrue();
    otherEm.close();
  }

  @Test
  void twoNodesClaimingAtOnceNeverGetTheSameEntry() throws Exception {
    Set<String> sent = sendRequests(3);
    Instant now = town.clock.instant();
    Instant until = now.plus(Delivery.CLAIM_LEASE);

    db.em().getTransaction().begin();
    List<String> first = ids(messages.claim(now, until, 2));
    // The second node looks while the first one's claims are not yet committed: it sees all three
    // entries free, and its conditional update waits on the first node's row locks.
    Future<List<String>> second =
        otherNode.submit(
            () ->
                inTransaction(
                    otherEm,
                    () -> ids(new JpaMessages(otherEm, db.atRest()).claim(now, until, 10))));
    awaitOneSessionWaitingForALock();
    db.em().getTransaction().commit();

    assertThat(first).hasSize(2);
    assertThat(second.get(30, SECONDS)).hasSize(1).doesNotContainAnyElementsOf(first);
    assertThat(union(first, second.get())).isEqualTo(sent);
    assertThat(longFrom(db.dataSource(), "select max(attempts) from outbox")).isEqualTo(1);
  }

  @Test
  void concurrentAppendersQueueOnTheAuditHeadAndTheChainStaysIntact() throws Exception {
    db.em().getTransaction().begin();
    AuditEntry mine = town.audit.append(read(1));
    // The head row is locked until this transaction ends; the other appender must wait for it.
    Future<Long> theirs =
        otherNode.submit(
            () ->
                inTransaction(
                    otherEm, () -> auditLogOn(otherEm, town.clock).append(read(2)).seq()));
    awaitOneSessionWaitingForALock();
    db.em().getTransaction().commit();

    assertThat(theirs.get(30, SECONDS)).isEqualTo(mine.seq() + 1);
    assertThat(verifyChain(LOG)).isEmpty();
  }

  private void awaitOneSessionWaitingForALock() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                longFrom(
                    db.dataSource(),
                    "select count(*) from pg_stat_activity where datname = current_database()"
                        + " and wait_event_type = 'Lock'"),
            waiting -> waiting == 1);
  }

  /**
   * On PostgreSQL only: the H2 driver caches the JVM's zone the first time it is used, so a test
   * cannot change the zone for it afterwards; a real node's zone never changes while it runs.
   */
  @Test
  void instantsAreStoredAsUtcWallClockTimeWhateverTheJvmsTimeZone() throws Exception {
    TimeZone original = TimeZone.getDefault();
    // A node in Norway, connected while its zone is in force, as a real one would be.
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Oslo"));
    try (TestDatabase oslo = new TestDatabase(emptyDatabase())) {
      Fixtures osloTown = new Fixtures(oslo);
      Person registered = osloTown.participant();
      oslo.em().clear();

      Person stored = oslo.inTransaction(() -> osloTown.people.get(registered.id()));
      assertThat(stored.registeredAt()).isEqualTo(registered.registeredAt());
      try (Connection connection = oslo.dataSource().getConnection();
          PreparedStatement query =
              connection.prepareStatement("select registered_at from person where id = ?")) {
        query.setString(1, registered.id());
        try (ResultSet row = query.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(row.getObject(1, LocalDateTime.class))
              .as("the column holds UTC, not the JVM's local time")
              .isEqualTo(LocalDateTime.ofInstant(registered.registeredAt(), ZoneOffset.UTC));
        }
      }
    } finally {
      TimeZone.setDefault(original);
    }
  }
}
