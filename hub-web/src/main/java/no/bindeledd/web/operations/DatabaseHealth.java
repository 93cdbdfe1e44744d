package no.bindeledd.web.operations;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import no.bindeledd.web.platform.HubDataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hub is ready only while its database answers a query within {@link #TIMEOUT}: without it the
 * hub can neither take nor deliver a message. The query runs on a thread of its own, so that a
 * database that does not answer at all (a pool waiting for a connection, a network that drops
 * packets) makes the check DOWN in time instead of holding the probe.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

  static final Duration TIMEOUT = Duration.ofSeconds(3);

  @Resource(lookup = HubDataSource.JNDI_NAME)
  DataSource dataSource;

  @Resource ManagedExecutorService executor;

  @Override
  public HealthCheckResponse call() {
    long started = System.nanoTime();
    Future<?> query = executor.submit(this::query);
    try {
      query.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return response(true, "answered")
          .withData("milliseconds", (System.nanoTime() - started) / 1_000_000)
          .build();
    } catch (TimeoutException e) {
      query.cancel(true);
      return response(false, "no answer within " + TIMEOUT.toSeconds() + " s").build();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return response(false, "the query failed: " + cause.getMessage()).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return response(false, "interrupted").build();
    }
  }

  private Void query() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout((int) TIMEOUT.toSeconds());
      statement.execute("SELECT 1");
      return null;
    }
  }

  private static org.eclipse.microprofile.health.HealthCheckResponseBuilder response(
      boolean up, String state) {
    return HealthCheckResponse.named("database").status(up).withData("state", state);
  }
}
