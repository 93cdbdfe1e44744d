package no.bindeledd.core;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.KeyEncryptionKeys;
import no.bindeledd.core.persistence.AtRestSealing;
import no.bindeledd.core.persistence.ClearTextSealing;
import no.bindeledd.core.persistence.SchemaMigration;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh database with the real migrations and the real persistence unit, run outside the
 * container: the transactions that the container would manage are begun and committed here. H2 in
 * memory unless the test hands it another database. Personal data is sealed with the test run's own
 * key-encryption keys, the same for every database of the run, so that a test can open a database
 * again as a restarted hub would.
 */
public final class TestDatabase implements AutoCloseable {

  /** The test run's key-encryption and lookup keys, made at random, in memory only. */
  public static final KeyEncryptionKeys KEYS = KeyEncryptionKeys.generate();

  private final AtRestCipher atRest = new AtRestCipher(KEYS);

  private final DataSource dataSource;
  private final EntityManagerFactory factory;
  private final EntityManager em;

  /** A fresh H2 database in memory. */
  public TestDatabase() {
    this(freshH2());
  }

  /** The database behind {@code dataSource}, brought up to date by the real migrations. */
  public TestDatabase(DataSource dataSource) {
    this.dataSource = dataSource;
    SchemaMigration.migrate(dataSource);
    ClearTextSealing.sealAll(dataSource, atRest);
    factory =
        Persistence.createEntityManagerFactory(
            "hub",
            Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", dataSource));
    AtRestSealing.install(factory, atRest);
    em = factory.createEntityManager();
  }

  /** The cipher that seals and opens this database's personal data. */
  public AtRestCipher atRest() {
    return atRest;
  }

  public EntityManager em() {
    return em;
  }

  /**
   * Another entity manager on the same persistence unit, for a test that needs two transactions at
   * once. The caller closes it.
   */
  public EntityManager newEntityManager() {
    return factory.createEntityManager();
  }

  /**
   * Another entity manager on the same persistence unit, with the JPA provider's {@code properties}
   * for it. The caller closes it.
   */
  public EntityManager newEntityManager(Map<String, ?> properties) {
    return factory.createEntityManager(properties);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** An empty H2 database in memory, as the hub's embedded default uses. */
  public static DataSource freshH2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  /** Runs {@code work} in a transaction; rolls back and rethrows if it throws. */
  public <T> T inTransaction(Supplier<T> work) {
    em.getTransaction().begin();
    try {
      T result = work.get();
      em.getTransaction().commit();
      return result;
    } catch (RuntimeException e) {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.clear();
      throw e;
    }
  }

  /**
   * Like {@link #inTransaction(Supplier)}, but commits when {@code work} throws {@code kept}, as a
   * container does for a method declared {@code @Transactional(dontRollbackOn = kept)}.
   */
  public <T> T inTransactionKeeping(Class<? extends RuntimeException> kept, Supplier<T> work) {
    em.getTransaction().begin();
    try {
      T result = work.get();
      em.getTransaction().commit();
      return result;
    } catch (RuntimeException e) {
      if (kept.isInstance(e)) {
        em.getTransaction().commit();
      } else if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.clear();
      throw e;
    }
  }

  public void inTransaction(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }

  @Override
  public void close() {
    em.close();
    factory.close();
  }
}
