package no.bindeledd.web.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.DevelopmentCa;
import no.bindeledd.core.persistence.SchemaMigration;
import no.bindeledd.web.camel.CamelLifecycle;
import no.bindeledd.web.security.DevIdentityProvider;
import no.bindeledd.web.security.DevIdentityProviderHolder;
import no.bindeledd.web.simulation.EmbeddedSimulators;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Brings the hub up in order: the schema, the agencies from configuration, their signing keys and
 * certificates, the development identity provider and the simulated agencies (embedded profile),
 * then the connectors' routes. Prints where to open the hub and, in the embedded profile, the demo
 * users.
 */
@ApplicationScoped
public class Startup {

  private static final Logger LOG = Logger.getLogger(Startup.class.getName());

  @Resource(lookup = HubDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject HubSettings settings;
  @Inject AgencyRegistration agencyRegistration;
  @Inject CoreProducers core;
  @Inject DevIdentityProviderHolder devIdentityProvider;
  @Inject CamelLifecycle camel;
  @Inject EmbeddedSimulators simulators;
  @Inject Clock clock;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    int applied = SchemaMigration.migrate(dataSource);
    LOG.info(() -> "Database schema is up to date (" + applied + " migrations applied now)");

    Config config = ConfigProvider.getConfig();
    Municipality municipality =
        Municipality.read(
            settings.municipalityFile(), name -> config.getOptionalValue(name, String.class));
    AgencyKeyStore keys = AgencyKeyStore.loadOrCreate(settings.keysDir());
    if (settings.isEmbedded()) {
      DevelopmentCa ca = DevelopmentCa.loadOrCreate(settings.keysDir());
      municipality.agencies().forEach(a -> keys.ensureKey(a.orgNumber().value(), a.name(), ca));
    }
    Map<String, X509Certificate> certificates = keys.certificates();
    agencyRegistration.register(municipality, certificates);
    core.useAgencyKeys(keys);

    if (settings.devIdentityProviderEnabled()) {
      devIdentityProvider.set(
          DevIdentityProvider.loadOrCreate(
              settings.dataDir().resolve("dev-idp"),
              municipality.demoUsers(),
              settings.tokenIssuer(),
              clock));
    }
    if (settings.simulatorsEnabled()) {
      simulators.start(municipality, keys);
    }
    camel.start(municipality);
    LOG.info(() -> banner(municipality));
  }

  private String banner(Municipality municipality) {
    StringBuilder text = new StringBuilder();
    text.append("\n\n  Bindeledd is running for ").append(municipality.name()).append('\n');
    text.append("  API:      ").append(settings.publicUrl()).append("/api\n");
    text.append("  OpenAPI:  ").append(settings.publicUrl()).append("/openapi\n");
    text.append("  Data:     ").append(settings.dataDir()).append('\n');
    devIdentityProvider
        .get()
        .ifPresent(
            idp -> {
              text.append("  Development identity provider (not for production): POST ")
                  .append(settings.publicUrl())
                  .append("/api/dev-idp/token with username and password\n");
              text.append("  Demo users (username / password / role / agency):\n");
              for (Municipality.DemoUser user : idp.users()) {
                text.append(
                    String.format(
                        "    %-22s %-18s %-22s %s%n",
                        user.username(),
                        idp.passwordOf(user.username()),
                        user.role().code(),
                        user.agency()));
              }
            });
    return text.toString();
  }
}
