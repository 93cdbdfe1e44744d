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
    // opens new ones, so that the hub recovers on its own once the database is back (ADR 0036).
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.fail-all-connections=true",
      // While the database is down or unreachable, a request fails within seconds (a 503) rather
      // than waiting on it: how long a new connection may take to open and to log in, how long a
      // statement may wait for the server's answer, and how long a request may wait for a free
      // connection when all are in use. The driver ignores what it has no setting for (H2 has
      // only the login timeout).
      "connectTimeout=${MPCONFIG=hub.datasource.connect-timeout}",
      "loginTimeout=${MPCONFIG=hub.datasource.login-timeout}",
      "socketTimeout=${MPCONFIG=hub.datasource.socket-timeout}",
      "fish.payara.max-wait-time-in-millis=${MPCONFIG=hub.datasource.max-wait-millis}"
    })
@ApplicationScoped
public class HubDataSource {

  public static final String JNDI_NAME = "java:app/jdbc/hub";
}
