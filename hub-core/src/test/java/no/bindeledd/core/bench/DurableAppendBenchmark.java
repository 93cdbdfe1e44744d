package no.bindeledd.core.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;
import no.bindeledd.core.TestDatabase;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditLogs;
import no.bindeledd.core.audit.AuditTree;
import no.bindeledd.core.audit.CheckpointMemory;
import no.bindeledd.core.audit.CheckpointSigner;
import no.bindeledd.core.audit.CheckpointTimestamper;
import no.bindeledd.core.audit.Checkpointer;
import no.bindeledd.core.audit.LogIdentity;
import no.bindeledd.core.audit.StoredCheckpoint;
import no.bindeledd.core.audit.TestLogs;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.crypto.DevelopmentTsa;
import no.bindeledd.core.persistence.JpaAuditRouting;
import no.bindeledd.core.persistence.JpaAuditTrail;
import no.bindeledd.core.persistence.JpaCheckpoints;
import no.bindeledd.core.persistence.JpaLeases;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Durable appends: entries added through the real {@link AuditLog#append} to a database that keeps
 * them, set up as the hub sets it up (real migrations, real persistence unit, a pool of
 * connections), each transaction committed before the next begins. The database is H2 in a file, as
 * in the embedded profile, or a local PostgreSQL server that flushes its write-ahead log at every
 * commit. Meanwhile a thread does what the hub's scheduler does every second: a signed checkpoint
 * if the log grew, then RFC 3161 timestamps for the pending checkpoints from a development
 * authority, then the alarm check.
 *
 * <p>The score counts committed transactions per second; the counter {@code entries} counts entries
 * per second, {@code batch} times as many. One entry per transaction is the hub's worst case (a
 * request's transaction appends one entry or a few); more show what grouping appends into fewer
 * commits would give. The counter {@code checkpoints} is the number of checkpoints signed during
 * each iteration. At the end of each trial a last round runs, and a line reports the totals and
 * checks that the newest checkpoint covers every entry and that all are timestamped.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DurableAppendBenchmark {

  private static final Logger LOG = Logger.getLogger(DurableAppendBenchmark.class.getName());

  static final String ORIGIN = "bindeledd.example/audit-benchmark/9901";

  /** The log the benchmark's entries go into: their subject's municipality's. */
  private static final AuditLogId AUDIT_LOG = no.bindeledd.core.Fixtures.MUNICIPAL_LOG;

  /** The database, the log's keys, and the checkpointing thread; one per trial. */
  @State(Scope.Benchmark)
  public static class Hub {

    /** Entries per transaction. */
    @Param({"1", "10", "100"})
    public int batch;

    /**
     * {@code h2}: a database file, as the embedded profile has it. {@code postgresql}: a local
     * PostgreSQL server with its default durability (the WAL flushed to disk at every commit).
     */
    @Param({"h2", "postgresql"})
    public String database;

    private Path folder;
    private EmbeddedPostgres postgres;
    private JdbcConnectionPool pool;
    TestDatabase db;
    private EntityManager rounds;
    private Checkpointer checkpointer;
    private CheckpointTimestamper timestamper;
    private ScheduledExecutorService scheduler;

    final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong timestamps = new AtomicLong();
    private final AtomicLong failedRounds = new AtomicLong();
    private final AtomicLong roundCount = new AtomicLong();
    private final AtomicLong roundNanos = new AtomicLong();
    private final AtomicLong longestRoundNanos = new AtomicLong();
    final AtomicBoolean counterClaimed = new AtomicBoolean();

    @Setup(Level.Trial)
    public void start() throws IOException {
      folder = Files.createTempDirectory("audit-benchmark");
      // A pool of connections, as the application server keeps one; H2's pool serves both.
      pool =
          switch (database) {
            case "h2" -> {
              // The embedded profile's URL, user and password, in a fresh folder.
              JdbcDataSource h2 = new JdbcDataSource();
              h2.setURL(
                  "jdbc:h2:file:"
                      + folder.resolve("db/hub")
                      + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
              h2.setUser("hub");
              h2.setPassword("embedded");
              yield JdbcConnectionPool.create(h2);
            }
            case "postgresql" -> {
              // The embedded PostgreSQL of the persistence tests, but durable: the builder turns
              // synchronous_commit off unless told, and the tests turn fsync off too.
              postgres =
                  EmbeddedPostgres.builder()
                      .setServerConfig("fsync", "on")
                      .setServerConfig("synchronous_commit", "on")
                      .setPGStartupWait(Duration.ofSeconds(60))
                      .start();
              PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
              pg.setURL(postgres.getJdbcUrl("postgres", "postgres"));
              yield JdbcConnectionPool.create(pg);
            }
            default -> throw new IllegalArgumentException("no database " + database);
          };
      db = new TestDatabase(pool);
      LOG.info(database + ": " + durabilitySettings());

      Path keys = Files.createDirectories(folder.resolve("keys"));
      DevelopmentTsa tsa = DevelopmentTsa.loadOrCreate(keys, DevelopmentCa.loadOrCreate(keys));
      KeyPair pair = Ed25519Keys.generate();
      LogIdentity identity =
          new LogIdentity(ORIGIN, pair.getPrivate(), VerifierKey.of(ORIGIN, pair.getPublic()));
      Clock clock = Clock.systemUTC();
      rounds = db.newEntityManager();
      JpaCheckpoints stored = new JpaCheckpoints(rounds);
      JpaAuditTrail trail = new JpaAuditTrail(rounds);
      AuditLogs logs = TestLogs.around(identity, keys);
      CheckpointMemory memory = logs.memory(AUDIT_LOG);
      checkpointer =
          new Checkpointer(
              new CheckpointSigner(
                  new AuditTree(trail), trail, stored, logs, clock, new JpaLeases(rounds)),
              logs);
      timestamper =
          new CheckpointTimestamper(
              stored,
              new CheckpointTimestamper.Authority(
                  tsa, List.of(tsa.certificate()), Duration.ofMinutes(5)),
              clock);

      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "audit-checkpointing");
                thread.setDaemon(true);
                return thread;
              });
      scheduler.scheduleWithFixedDelay(this::round, 1, 1, TimeUnit.SECONDS);
    }

    /** What decides when a commit is on disk, as the database reports it. */
    private String durabilitySettings() {
      String query =
          database.equals("h2")
              ? "select setting_name || ' = ' || setting_value from information_schema.settings"
                  + " where setting_name in ('WRITE_DELAY', 'info.VERSION')"
              : "select name || ' = ' || setting from pg_settings where name in"
                  + " ('fsync', 'synchronous_commit', 'wal_sync_method', 'server_version')";
      EntityManager em = db.newEntityManager();
      try {
        return em.createNativeQuery(query).getResultList().toString();
      } finally {
        em.close();
      }
    }

    /** One round of the hub's checkpointing, each step in a transaction of its own. */
    private void round() {
      long began = System.nanoTime();
      try {
        Optional<StoredCheckpoint> made =
            inTransaction(rounds, () -> checkpointer.checkpoint(AUDIT_LOG));
        made.ifPresent(c -> checkpoints.incrementAndGet());
        timestamps.addAndGet(inTransaction(rounds, timestamper::timestampPending));
        inTransaction(rounds, timestamper::alarm)
            .ifPresent(why -> LOG.warning("Timestamping alarm: " + why));
      } catch (RuntimeException e) {
        failedRounds.incrementAndGet();
        LOG.log(java.util.logging.Level.WARNING, "A checkpointing round failed", e);
      } finally {
        rounds.clear();
        long took = System.nanoTime() - began;
        roundCount.incrementAndGet();
        roundNanos.addAndGet(took);
        longestRoundNanos.accumulateAndGet(took, Math::max);
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      scheduler.shutdown();
      if (!scheduler.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the checkpointing round did not end within a minute");
      }
      long duringRun = roundCount.get();
      long averageMillis = duringRun == 0 ? 0 : roundNanos.get() / duringRun / 1_000_000;
      long longestMillis = longestRoundNanos.get() / 1_000_000;
      // With the writers stopped, one more round must sign and timestamp the whole log.
      round();
      long entries =
          inTransaction(
              rounds,
              () ->
                  ((Number)
                          rounds
                              .createNativeQuery("select max(last_seq) from audit_head")
                              .getSingleResult())
                      .longValue());
      long covered =
          inTransaction(rounds, () -> new JpaCheckpoints(rounds).latest(AUDIT_LOG))
              .map(StoredCheckpoint::treeSize)
              .orElse(0L);
      int unstamped =
          inTransaction(rounds, () -> new JpaCheckpoints(rounds).untimestamped(1)).size();
      LOG.info(
          "Trial: "
              + entries
              + " entries appended; "
              + checkpoints.get()
              + " checkpoints signed and "
              + timestamps.get()
              + " timestamped; "
              + duringRun
              + " rounds while the writers ran (average "
              + averageMillis
              + " ms, longest "
              + longestMillis
              + " ms), "
              + failedRounds.get()
              + " rounds failed; after a last round the newest checkpoint covers "
              + covered
              + " entries"
              + (covered == entries && unstamped == 0 && failedRounds.get() == 0
                  ? ", all timestamped."
                  : " -- NOT AS EXPECTED"));
      rounds.close();
      db.close();
      pool.dispose();
      if (postgres != null) {
        try {
          postgres.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      deleteRecursively(folder);
    }
  }

  /** One writer's entity manager and log, as one request thread of the hub has them. */
  @State(Scope.Thread)
  public static class Writer {

    private static final int EVENTS = 1024;

    private EntityManager em;
    private AuditLog log;
    private AuditEvent[] events;
    private int next;

    @Setup(Level.Trial)
    public void open(Hub hub) {
      em = hub.db.newEntityManager();
      log = new AuditLog(new JpaAuditTrail(em), new JpaAuditRouting(em), Clock.systemUTC());
      events = AuditSamples.requestsSent(EVENTS);
    }

    /** Appends {@code batch} entries in one transaction and commits it. */
    int appendCommitted(int batch) {
      em.getTransaction().begin();
      try {
        for (int i = 0; i < batch; i++) {
          log.append(events[next++ & (EVENTS - 1)]);
        }
        em.getTransaction().commit();
      } catch (RuntimeException e) {
        if (em.getTransaction().isActive()) {
          em.getTransaction().rollback();
        }
        throw e;
      } finally {
        // The hub's persistence context ends with the transaction; so does this one.
        em.clear();
      }
      return batch;
    }

    @TearDown(Level.Trial)
    public void close() {
      // The trial's end may close the database, and with it this, first.
      if (em.isOpen()) {
        em.close();
      }
    }
  }

  /** Entries appended, per second. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Appended {
    public long entries;

    @Setup(Level.Iteration)
    public void reset() {
      entries = 0;
    }
  }

  /** Checkpoints signed during the iteration, counted by one writer thread only. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Checkpointing {
    public long checkpoints;
    private boolean counts;
    private long before;

    @Setup(Level.Trial)
    public void claim(Hub hub) {
      counts = hub.counterClaimed.compareAndSet(false, true);
    }

    @Setup(Level.Iteration)
    public void reset(Hub hub) {
      checkpoints = 0;
      before = hub.checkpoints.get();
    }

    void update(Hub hub) {
      if (counts) {
        checkpoints = hub.checkpoints.get() - before;
      }
    }
  }

  @Benchmark
  @Threads(1)
  public int oneWriter(Hub hub, Writer writer, Appended appended, Checkpointing checkpointing) {
    return append(hub, writer, appended, checkpointing);
  }

  @Benchmark
  @Threads(2)
  public int twoWriters(Hub hub, Writer writer, Appended appended, Checkpointing checkpointing) {
    return append(hub, writer, appended, checkpointing);
  }

  private static int append(
      Hub hub, Writer writer, Appended appended, Checkpointing checkpointing) {
    int added = writer.appendCommitted(hub.batch);
    appended.entries += added;
    checkpointing.update(hub);
    return added;
  }

  private static <T> T inTransaction(EntityManager em, Supplier<T> work) {
    em.getTransaction().begin();
    try {
      T result = work.get();
      em.getTransaction().commit();
      return result;
    } catch (RuntimeException e) {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      throw e;
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
