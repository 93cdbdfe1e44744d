package no.bindeledd.web.signin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The hub as a client of an OpenID Connect provider: the provider's issuer, the hub's client id,
 * how it authenticates ({@link Authentication}), where the provider sends the browser back after
 * signing in and after signing out, the scope it asks for, and whom it signs in ({@link Audience}).
 */
public record ClientSettings(
    URI issuer,
    String clientId,
    Authentication authentication,
    Optional<String> clientSecret,
    Optional<Path> clientKey,
    URI redirectUri,
    URI postLogoutRedirectUri,
    String scope,
    Audience audience) {

  /** Client authentication at the token endpoint (RFC 6749 section 2.3, OpenID Connect 9). */
  public enum Authentication {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String code;

    Authentication(String code) {
      this.code = code;
    }

    public static Authentication of(String code) {
      for (Authentication a : values()) {
        if (a.code.equals(code)) {
          return a;
        }
      }
      throw new IllegalArgumentException(
          "hub.oidc.client-auth is "
              + code
              + "; it must be client_secret_basic or private_key_jwt");
    }

    public String code() {
      return code;
    }
  }

  public ClientSettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(postLogoutRedirectUri, "postLogoutRedirectUri");
    Objects.requireNonNull(audience, "audience");
    if (authentication == Authentication.CLIENT_SECRET_BASIC && clientSecret.isEmpty()) {
      throw new IllegalArgumentException("client_secret_basic needs hub.oidc.client-secret");
    }
    if (authentication == Authentication.PRIVATE_KEY_JWT && clientKey.isEmpty()) {
      throw new IllegalArgumentException(
          "private_key_jwt needs hub.oidc.client-key, a JWK file with the hub's private key");
    }
  }
}
