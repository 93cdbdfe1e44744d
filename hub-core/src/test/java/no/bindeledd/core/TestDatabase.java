package no.bindeledd.core;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import no.bindeledd.core.persistence.SchemaMigration;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh H2 database with the real migrations and the real persistence unit, run outside the
 * container: the transactions that the container would manage are begun and committed here.
 */
public final class TestDatabase implements AutoCloseable {

  private final JdbcDataSource dataSource;
  private final EntityManagerFactory factory;
  private final EntityManager em;

  public TestDatabase() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SchemaMigration.migrate(dataSource);
    factory =
        Persistence.createEntityManagerFactory(
            "hub",
            Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", dataSource));
    em = factory.createEntityManager();
  }

  public EntityManager em() {
    return em;
  }

  public JdbcDataSource dataSource() {
    return dataSource;
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
