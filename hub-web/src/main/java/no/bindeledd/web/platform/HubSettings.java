package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The hub's settings, from MicroProfile Config: system properties (the profile files in {@code
 * config/profiles} are passed as such), environment variables, then the defaults in {@code
 * META-INF/microprofile-config.properties}.
 */
@ApplicationScoped
public class HubSettings {

  @Inject
  @ConfigProperty(name = "hub.profile", defaultValue = "embedded")
  String profile;

  @Inject
  @ConfigProperty(name = "hub.data.dir")
  String dataDir;

  @Inject
  @ConfigProperty(name = "hub.municipality.file")
  String municipalityFile;

  @Inject
  @ConfigProperty(name = "hub.public-url", defaultValue = "http://localhost:8080")
  String publicUrl;

  @Inject
  @ConfigProperty(name = "hub.dev-idp.enabled", defaultValue = "false")
  boolean devIdentityProviderEnabled;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "bindeledd-dev-idp")
  String tokenIssuer;

  @Inject
  @ConfigProperty(name = "hub.jwt.agency-claim", defaultValue = "agency")
  String agencyClaim;

  @Inject
  @ConfigProperty(name = "hub.outbox.poll-interval", defaultValue = "PT0.25S")
  Duration outboxPollInterval;

  @Inject
  @ConfigProperty(name = "hub.delivery.max-retries", defaultValue = "6")
  int deliveryMaxRetries;

  @Inject
  @ConfigProperty(name = "hub.delivery.first-retry-delay", defaultValue = "PT0.5S")
  Duration deliveryFirstRetryDelay;

  public boolean isEmbedded() {
    return "embedded".equals(profile);
  }

  public Path dataDir() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  public Path keysDir() {
    return dataDir().resolve("keys");
  }

  public Path municipalityFile() {
    return Path.of(municipalityFile).toAbsolutePath().normalize();
  }

  public String publicUrl() {
    return publicUrl;
  }

  public boolean devIdentityProviderEnabled() {
    return devIdentityProviderEnabled;
  }

  public String tokenIssuer() {
    return tokenIssuer;
  }

  public String agencyClaim() {
    return agencyClaim;
  }

  public Duration outboxPollInterval() {
    return outboxPollInterval;
  }

  public int deliveryMaxRetries() {
    return deliveryMaxRetries;
  }

  public Duration deliveryFirstRetryDelay() {
    return deliveryFirstRetryDelay;
  }
}
