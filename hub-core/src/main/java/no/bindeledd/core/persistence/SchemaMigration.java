package no.bindeledd.core.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema up to date from the versioned migrations in {@code db/migration}, the
 * same files on H2 and PostgreSQL. Runs before anything else touches the database.
 */
public final class SchemaMigration {

  private SchemaMigration() {}

  /** Returns the number of migrations applied now. */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure(SchemaMigration.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
