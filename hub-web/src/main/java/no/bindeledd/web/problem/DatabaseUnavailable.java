package no.bindeledd.web.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether an exception says the database could not be reached, rather than that the request was
 * wrong or the hub is broken: the server is down, restarting or refusing connections, or the pool
 * could not hand out a connection. Such a request was not stored, and the same request sent again
 * once the database is back succeeds, so the caller gets a 503 with {@code Retry-After} instead of
 * the generic 500.
 */
final class DatabaseUnavailable {

  /** How long a caller should wait before sending the request again. */
  static final int RETRY_AFTER_SECONDS = 5;

  /** How long a caller should wait after the database was too busy. */
  static final int BUSY_RETRY_AFTER_SECONDS = 1;

  private DatabaseUnavailable() {}

  static boolean is(Throwable e) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        // 08: connection exception; 57P: the server shut down or is starting (PostgreSQL).
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
          return true;
        }
        // Payara's pool, when it cannot make a connection, says so without an SQL state.
        String message = sql.getMessage();
        if (message != null && message.contains("Error in allocating a connection")) {
          return true;
        }
        SQLException next = sql.getNextException();
        if (next != null && next != t && is(next)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the database gave up waiting for a lock another transaction held (every audited change
   * takes its audit log's head row in turn), or chose this transaction to break a deadlock or a
   * conflict. The transaction was rolled back whole, nothing of the request was stored, and the
   * same request sent again a moment later succeeds, so the caller gets a 503 with {@code
   * Retry-After}, not a 500.
   */
  static boolean isBusy(Throwable e) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof jakarta.persistence.PessimisticLockException
          || t instanceof jakarta.persistence.LockTimeoutException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // HYT00: H2's lock timeout; 55P03: PostgreSQL's lock not available; 40001 and 40P01: a
        // serialization failure or a deadlock, on either.
        if (state.equals("HYT00")
            || state.equals("55P03")
            || state.equals("40001")
            || state.equals("40P01")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the transaction manager itself failed to end the transaction ({@code SystemException},
   * {@code RollbackException}, a heuristic outcome): with one database as the only resource, that
   * is the database's connection going away under the commit or the rollback.
   */
  static boolean isTransactionFailure(Throwable e) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof jakarta.transaction.SystemException
          || t instanceof jakarta.transaction.RollbackException
          || t instanceof jakarta.transaction.HeuristicMixedException
          || t instanceof jakarta.transaction.HeuristicRollbackException) {
        return true;
      }
    }
    return false;
  }
}
