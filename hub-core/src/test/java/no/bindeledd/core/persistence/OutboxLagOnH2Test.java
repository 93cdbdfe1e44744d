package no.bindeledd.core.persistence;

import javax.sql.DataSource;
import no.bindeledd.core.TestDatabase;

/** The outbox lag contract on H2, the embedded default. */
class OutboxLagOnH2Test extends OutboxLagContract {

  @Override
  protected DataSource emptyDatabase() {
    return TestDatabase.freshH2();
  }
}
