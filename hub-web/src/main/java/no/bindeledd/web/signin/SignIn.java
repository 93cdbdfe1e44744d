package no.bindeledd.web.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import no.bindeledd.web.platform.HubSettings;

/**
 * The hub's sign-in for browsers, as the settings describe it ({@code hub.oidc.*}): the {@link
 * OidcClient}, or none when no provider is configured.
 */
@ApplicationScoped
public class SignIn {

  private static final Logger LOG = Logger.getLogger(SignIn.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject HubSettings settings;
  @Inject Clock clock;

  private volatile Optional<OidcClient> client;

  public Optional<OidcClient> client() {
    Optional<OidcClient> known = client;
    if (known == null) {
      known = settings.oidcIssuer().map(issuer -> new OidcClient(clientSettings(issuer), clock));
      client = known;
    }
    return known;
  }

  private ClientSettings clientSettings(String issuer) {
    ClientSettings.Authentication authentication =
        ClientSettings.Authentication.of(settings.oidcClientAuth());
    Optional<String> secret = settings.oidcClientSecret();
    if (authentication == ClientSettings.Authentication.CLIENT_SECRET_BASIC
        && secret.isEmpty()
        && settings.isEmbedded()) {
      // The development provider takes any client secret: a fresh one per start will do.
      secret = Optional.of(randomToken());
      LOG.info("The development sign-in's client secret is made anew at each start");
    }
    String base = settings.publicUrl().replaceAll("/+$", "");
    return new ClientSettings(
        URI.create(issuer),
        settings.oidcClientId().orElse("bindeledd-hub"),
        authentication,
        secret,
        settings.oidcClientKey(),
        URI.create(settings.oidcRedirectUri()),
        URI.create(base + "/signed-out"),
        settings.oidcScope());
  }

  /** 32 random bytes, base64url: a CSRF token, a client secret. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
