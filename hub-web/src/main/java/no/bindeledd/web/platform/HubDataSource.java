package no.bindeledd.web.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hub's own data source, defined by the application so that its database lives where the
 * configuration says (an H2 file under the data folder by default, PostgreSQL in production) and
 * survives restarts. Payara resolves the {@code MPCONFIG} references at deployment.
 */
@DataSourceDefinition(
    name = HubDataSource.JNDI_NAME,
    className = "${MPCONFIG=hub.datasource.class}",
    url = "${MPCONFIG=hub.datasource.url}",
    user = "${MPCONFIG=hub.datasource.user}",
    password = "${MPCONFIG=hub.datasource.password}",
    minPoolSize = 2,
    maxPoolSize = 20,
    // A database restart breaks every pooled connection. Payara checks each connection with
    // Connection.isValid before handing it out, and on the first broken one closes them all and
    // opens new ones, so that the hub recovers on its own once the database is back (ADR 0037).
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.fail-all-connections=true"
    })
@ApplicationScoped
public class HubDataSource {

  public static final String JNDI_NAME = "java:app/jdbc/hub";
}
