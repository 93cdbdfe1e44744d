package no.bindeledd.core.node;

import javax.sql.DataSource;
import no.bindeledd.core.TestDatabase;

/** The leases and the change feed on H2, the embedded default. */
class LeasesAndChangesOnH2Test extends LeasesAndChangesContract {

  @Override
  protected DataSource emptyDatabase() {
    return TestDatabase.freshH2();
  }
}
