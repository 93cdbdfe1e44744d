package no.bindeledd.core.persistence;

import javax.sql.DataSource;
import no.bindeledd.core.TestDatabase;

/** The schema and mapping contract on H2, the embedded default. */
class SchemaAndMappingOnH2Test extends SchemaAndMappingContract {

  @Override
  protected DataSource emptyDatabase() {
    return TestDatabase.freshH2();
  }
}
