package no.bindeledd.web.production;

/**
 * The OpenID Connect provider a production-profile hub signs its staff in with, and trusts bearer
 * tokens from: {@link Keycloak} for the journeys.
 */
public interface StaffIdentityProvider {

  /** HUB_OIDC_ISSUER. */
  String issuer();

  /** HUB_OIDC_JWKS_URL. */
  String jwksUrl();

  /** HUB_OIDC_CLIENT_ID. */
  String clientId();

  /** HUB_OIDC_CLIENT_SECRET (client_secret_basic). */
  String clientSecret();

  /** What the user types on the provider's login page. */
  String passwordOf(String username);

  /** A bearer token for the hub's API, signed in as the user. */
  String accessToken(String username);

  /**
   * Lets the provider send browsers back to a hub at {@code publicUrl} ({@code /auth/callback}).
   */
  void allowRedirectsTo(String publicUrl);
}
