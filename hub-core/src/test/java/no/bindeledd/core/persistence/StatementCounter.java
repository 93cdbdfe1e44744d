package no.bindeledd.core.persistence;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts, at the JDBC level, what the persistence unit asks of the database:
 * every statement it executes, with its SQL, and every connection it takes. What a test reads here
 * is what went to the database, whatever the JPA provider's own logging would say.
 */
final class StatementCounter implements DataSource {

  private static final Set<String> EXECUTIONS =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

  private final DataSource database;
  private final List<String> executed = new ArrayList<>();
  private int connectionsTaken;

  StatementCounter(DataSource database) {
    this.database = database;
  }

  /** Forgets what was counted so far. */
  synchronized void reset() {
    executed.clear();
    connectionsTaken = 0;
  }

  /** The SQL of every statement executed since the last {@link #reset}, in order. */
  synchronized List<String> executed() {
    return List.copyOf(executed);
  }

  /** How many connections were taken from the data source since the last {@link #reset}. */
  synchronized int connectionsTaken() {
    return connectionsTaken;
  }

  private synchronized void count(String sql) {
    executed.add(sql);
  }

  private synchronized void countConnection() {
    connectionsTaken++;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return counted(database.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return counted(database.getConnection(user, password));
  }

  private Connection counted(Connection connection) {
    countConnection();
    return proxy(
        Connection.class,
        connection,
        (method, args, result) -> {
          if (result instanceof CallableStatement call) {
            return counted(CallableStatement.class, call, (String) args[0]);
          }
          if (result instanceof PreparedStatement prepared) {
            return counted(PreparedStatement.class, prepared, (String) args[0]);
          }
          if (result instanceof Statement statement) {
            return counted(Statement.class, statement, null);
          }
          return result;
        });
  }

  /** {@code statement}, counting each execution: of {@code prepared}, or of the SQL it is given. */
  private <T extends Statement> T counted(Class<T> type, T statement, String prepared) {
    return proxy(
        type,
        statement,
        (method, args, result) -> {
          if (EXECUTIONS.contains(method.getName())) {
            count(prepared != null ? prepared : args == null ? "(batch)" : (String) args[0]);
          }
          return result;
        });
  }

  /** What a proxy does once the call it passed on has answered. */
  private interface After {
    Object answer(Method method, Object[] args, Object result);
  }

  private static <T> T proxy(Class<T> type, T target, After after) {
    InvocationHandler handler =
        (self, method, args) -> {
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return after.answer(method, args, result);
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return database.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    database.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    database.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return database.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return database.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return database.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return database.isWrapperFor(iface);
  }
}
