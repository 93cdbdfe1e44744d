package no.bindeledd.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import no.bindeledd.core.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox lag contract on a real PostgreSQL server, as the production profile runs, and that the
 * server can answer the lag from migration V20's index alone.
 */
@ExtendWith(PostgresServer.Resolver.class)
class OutboxLagOnPostgresTest extends OutboxLagContract {

  private static PostgresServer server;

  @BeforeAll
  static void startServer(PostgresServer started) {
    server = started;
  }

  @Override
  protected DataSource emptyDatabase() {
    return server.newDatabase();
  }

  /**
   * An empty table is read whole whatever its indexes; with sequential scans ruled out, the plan
   * shows whether an index can answer the query without the table's rows.
   */
  @Test
  void theLagIsReadFromTheRecipientIndexAlone() throws Exception {
    try (TestDatabase db = new TestDatabase(emptyDatabase());
        Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("set enable_seqscan = off");
      List<String> plan = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "explain select recipient_agency, count(*), min(created_at) from outbox"
                  + " group by recipient_agency")) {
        while (rows.next()) {
          plan.add(rows.getString(1));
        }
      }
      assertThat(String.join("\n", plan)).contains("Index Only Scan using outbox_by_recipient");
    }
  }
}
