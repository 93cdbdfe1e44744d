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
