package no.bindeledd.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import no.bindeledd.core.Fixtures;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.consent.ConsentNoticed;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.MessageChange;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.persistence.JpaLeases;
import no.bindeledd.core.persistence.JpaSharedChanges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leases and the feed of shared changes on the real schema: one node at a time holds a lease
 * until it runs out or is given up; a node hears of the changes other nodes committed, in order,
 * and of none that rolled back, and not of its own. Run on H2 and on PostgreSQL.
 */
public abstract class LeasesAndChangesContract {

  private static final NodeName A = new NodeName("node-a");
  private static final NodeName B = new NodeName("node-b");
  private static final Duration TERM = Duration.ofSeconds(10);

  protected TestDatabase db;
  private Fixtures.MovableClock clock;
  private NodeLeases leasesA;
  private NodeLeases leasesB;

  /** An empty database of the kind under test. */
  protected abstract DataSource emptyDatabase();

  @BeforeEach
  void setUp() {
    db = new TestDatabase(emptyDatabase());
    clock = new Fixtures.MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    leasesA = new NodeLeases(new JpaLeases(db.em()), A, clock);
    leasesB = new NodeLeases(new JpaLeases(db.em()), B, clock);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private boolean hold(NodeLeases node) {
    return db.inTransaction(() -> node.hold(Leases.AUDIT_CHECKPOINTS, TERM));
  }

  @Test
  void oneNodeHoldsTheLeaseUntilItRunsOutOrIsGivenUp() {
    assertThat(hold(leasesA)).as("the first node takes the free lease").isTrue();
    assertThat(hold(leasesB)).as("the other node does not get it while it lives").isFalse();
    clock.advance(Duration.ofSeconds(5));
    assertThat(hold(leasesA)).as("the holder renews it").isTrue();
    clock.advance(Duration.ofSeconds(9));
    assertThat(hold(leasesB)).as("renewed, it still lives").isFalse();

    clock.advance(Duration.ofSeconds(2));
    assertThat(hold(leasesB)).as("run out, the other node takes it over").isTrue();
    assertThat(hold(leasesA)).as("and the first node has lost it").isFalse();

    db.inTransaction(
        () -> {
          leasesA.release(Leases.AUDIT_CHECKPOINTS);
          return null;
        });
    assertThat(hold(leasesA)).as("a node that does not hold it cannot give it up").isFalse();
    db.inTransaction(
        () -> {
          leasesB.release(Leases.AUDIT_CHECKPOINTS);
          return null;
        });
    assertThat(hold(leasesA)).as("given up, it is free at once").isTrue();
    assertThat(db.inTransaction(() -> new JpaLeases(db.em()).find(Leases.AUDIT_CHECKPOINTS)))
        .hasValueSatisfying(lease -> assertThat(lease.holder()).isEqualTo(A.value()));
  }

  private static MessageChange change(String id) {
    return new MessageChange(
        id,
        "conversation-" + id,
        MessageKind.REQUEST,
        DeliveryStatus.DELIVERED,
        new OrganisationNumber(Fixtures.REFUGEE_SERVICE.value()),
        new OrganisationNumber(Fixtures.GP_OFFICE.value()),
        true);
  }

  private List<String> messages(List<SharedChange> read) {
    return read.stream()
        .flatMap(c -> c.messageChange().stream())
        .map(MessageChange::messageId)
        .toList();
  }

  @Test
  void aNodeHearsOfWhatOtherNodesCommittedInOrderAndOfNothingThatRolledBack() {
    ChangeFeed feedA = new ChangeFeed(new JpaSharedChanges(db.em()), A, clock);
    ChangeFeed feedB = new ChangeFeed(new JpaSharedChanges(db.em()), B, clock);
    ChangeCursor cursorB = db.inTransaction(() -> feedB.start(Duration.ofSeconds(30)));

    db.inTransaction(
        () -> {
          feedA.messageChanged(change("m1"));
          feedA.noticed(new ConsentNoticed("n1", Fixtures.REFUGEE_SERVICE));
          return null;
        });
    db.em().getTransaction().begin();
    feedA.messageChanged(change("rolled-back"));
    db.em().flush();
    db.em().getTransaction().rollback();
    db.inTransaction(
        () -> {
          feedB.messageChanged(change("b's own"));
          feedA.sessionEnded("a-session-key");
          return null;
        });

    List<SharedChange> read = db.inTransaction(() -> feedB.read(cursorB));

    assertThat(messages(read)).as("only the other node's committed changes").containsExactly("m1");
    assertThat(read.stream().flatMap(c -> c.notice().stream()).map(ConsentNoticed::noticeId))
        .containsExactly("n1");
    assertThat(read.stream().flatMap(c -> c.endedSession().stream()))
        .containsExactly("a-session-key");
    assertThat(read.get(0).messageChange().orElseThrow().audience())
        .as("with the audience the core decided")
        .containsExactlyInAnyOrder(Fixtures.REFUGEE_SERVICE, Fixtures.GP_OFFICE);
    assertThat(db.inTransaction(() -> feedB.read(cursorB))).as("each is heard of once").isEmpty();
  }

  @Test
  void aChangeThatCommitsAfterALaterOneIsStillHeardOf() {
    EntityManager slow = db.newEntityManager();
    try {
      ChangeFeed slowA = new ChangeFeed(new JpaSharedChanges(slow), A, clock);
      ChangeFeed feedA = new ChangeFeed(new JpaSharedChanges(db.em()), A, clock);
      ChangeFeed feedB = new ChangeFeed(new JpaSharedChanges(db.em()), B, clock);
      ChangeCursor cursorB = db.inTransaction(() -> feedB.start(Duration.ofSeconds(30)));

      slow.getTransaction().begin();
      slowA.messageChanged(change("early id, late commit"));
      slow.flush();
      db.inTransaction(
          () -> {
            feedA.messageChanged(change("later id, early commit"));
            return null;
          });
      assertThat(messages(db.inTransaction(() -> feedB.read(cursorB))))
          .containsExactly("later id, early commit");
      assertThat(cursorB.missing()).as("the id jumped over is waited for").hasSize(1);

      slow.getTransaction().commit();
      assertThat(messages(db.inTransaction(() -> feedB.read(cursorB))))
          .containsExactly("early id, late commit");
      assertThat(cursorB.missing()).isEmpty();
    } finally {
      slow.close();
    }
  }

  @Test
  void oldChangesAreForgotten() {
    ChangeFeed feedA = new ChangeFeed(new JpaSharedChanges(db.em()), A, clock);
    db.inTransaction(
        () -> {
          feedA.messageChanged(change("old"));
          return null;
        });
    clock.advance(Duration.ofMinutes(6));
    db.inTransaction(
        () -> {
          feedA.messageChanged(change("new"));
          return null;
        });
    assertThat(db.inTransaction(() -> feedA.forget(Duration.ofMinutes(5)))).isEqualTo(1);
    ChangeFeed feedB = new ChangeFeed(new JpaSharedChanges(db.em()), B, clock);
    assertThat(messages(db.inTransaction(() -> feedB.read(new ChangeCursor(0, Duration.ZERO)))))
        .containsExactly("new");
  }
}
