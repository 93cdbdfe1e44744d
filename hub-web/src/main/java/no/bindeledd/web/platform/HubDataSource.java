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
    maxPoolSize = 20)
@ApplicationScoped
public class HubDataSource {

  public static final String JNDI_NAME = "java:app/jdbc/hub";
}
