package no.bindeledd.web.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import no.bindeledd.web.platform.HubSettings;

/**
 * The hub's sign-in for browsers, as the settings describe it: staff's {@link OidcClient} ({@code
 * hub.oidc.*}) and citizens' ({@code hub.oidc.citizen.*}, ID-porten), each none when its provider
 * is not configured.
 */
@ApplicationScoped
public class SignIn {

  private static final Logger LOG = Logger.getLogger(SignIn.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject HubSettings settings;
  @Inject Clock clock;

  private volatile Optional<OidcClient> client;
  private volatile Optional<OidcClient> citizenClient;

  /** Staff's client. */
  public Optional<OidcClient> client() {
    Optional<OidcClient> known = client;
    if (known == null) {
      known =
          settings
              .oidcIssuer()
              .map(
                  issuer ->
                      new OidcClient(
                          clientSettings(
                              issuer,
                              settings.oidcClientId(),
                              settings.oidcClientAuth(),
                              settings.oidcClientSecret(),
                              settings.oidcClientKey(),
                              settings.oidcScope(),
                              Audience.STAFF),
                          clock));
      client = known;
    }
    return known;
  }

  /** Citizens' client, at ID-porten (or the development sign-in's issuer that plays it). */
  public Optional<OidcClient> citizenClient() {
    Optional<OidcClient> known = citizenClient;
    if (known == null) {
      known =
          settings
              .citizenIssuer()
              .map(
                  issuer ->
                      new OidcClient(
                          clientSettings(
                              issuer,
                              settings.citizenClientId(),
                              settings.citizenClientAuth(),
                              settings.citizenClientSecret(),
                              settings.citizenClientKey(),
                              settings.citizenScope(),
                              Audience.CITIZEN),
                          clock));
      citizenClient = known;
    }
    return known;
  }

  /** The client that signs in {@code audience}. */
  public Optional<OidcClient> clientFor(Audience audience) {
    return audience == Audience.CITIZEN ? citizenClient() : client();
  }

  private ClientSettings clientSettings(
      String issuer,
      Optional<String> clientId,
      String clientAuth,
      Optional<String> configuredSecret,
      Optional<Path> clientKey,
      String scope,
      Audience audience) {
    ClientSettings.Authentication authentication = ClientSettings.Authentication.of(clientAuth);
    Optional<String> secret = configuredSecret;
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
        clientId.orElse("bindeledd-hub"),
        authentication,
        secret,
        clientKey,
        URI.create(settings.oidcRedirectUri()),
        URI.create(base + "/signed-out"),
        scope,
        audience);
  }

  /** 32 random bytes, base64url: a CSRF token, a client secret. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
