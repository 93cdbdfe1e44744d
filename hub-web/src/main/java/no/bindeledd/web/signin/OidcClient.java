package no.bindeledd.web.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.langtag.LangTag;
import com.nimbusds.langtag.LangTagException;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hub's OpenID Connect client, with Nimbus: it starts a sign-in (authorization code flow with
 * PKCE S256, state and nonce), completes it from the provider's callback (state checked, code
 * exchanged with the client's authentication and the PKCE verifier, the id_token validated: its
 * signature against the provider's JWKS, its issuer, audience, expiry and nonce), and makes the
 * address that ends the session at the provider (RP-initiated logout). It learns the provider's
 * endpoints from its discovery document, on first use, so that the hub starts whether or not the
 * provider is up yet.
 */
public final class OidcClient {

  private static final int TIMEOUT_MILLIS = 5000;

  private final ClientSettings settings;
  private final ClientID clientId;
  private final Clock clock;
  private volatile Provider provider;

  /** The provider's endpoints, and the validator of its id_tokens. */
  private record Provider(OIDCProviderMetadata metadata, IDTokenValidator idTokens) {}

  /** Where to send the browser to sign in, and what to keep until it comes back. */
  public record LoginStart(URI authorizationRequest, PendingLogin pending) {}

  /** What a validated id_token says about who signed in. */
  public record Identity(
      String username,
      String displayName,
      List<String> groups,
      Map<String, Object> claims,
      String idToken) {}

  public OidcClient(ClientSettings settings, Clock clock) {
    this.settings = settings;
    this.clientId = new ClientID(settings.clientId());
    this.clock = clock;
  }

  public ClientSettings settings() {
    return settings;
  }

  /** A new sign-in: the provider's authorization request, and its state, nonce and verifier. */
  public LoginStart beginLogin(String returnTo) throws SignInFailed {
    return beginLogin(returnTo, Optional.empty());
  }

  /**
   * As {@link #beginLogin(String)}, asking the provider for the audience's levels of assurance
   * ({@code acr_values}) and to show its pages in {@code uiLocale} ({@code ui_locales}).
   */
  public LoginStart beginLogin(String returnTo, Optional<Locale> uiLocale) throws SignInFailed {
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    AuthenticationRequest.Builder request =
        new AuthenticationRequest.Builder(
                ResponseType.CODE, Scope.parse(settings.scope()), clientId, settings.redirectUri())
            .endpointURI(provider().metadata().getAuthorizationEndpointURI())
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256);
    if (!settings.audience().acrValues().isEmpty()) {
      request.acrValues(settings.audience().acrValues().stream().map(ACR::new).toList());
    }
    uiLocale.ifPresent(
        locale -> {
          try {
            request.uiLocales(List.of(LangTag.parse(locale.toLanguageTag())));
          } catch (LangTagException e) {
            // A language the browser sent but no tag can name: the provider's own default it is.
          }
        });
    return new LoginStart(
        request.build().toURI(),
        new PendingLogin(
            state.getValue(),
            nonce.getValue(),
            verifier.getValue(),
            returnTo,
            clock.instant(),
            settings.audience()));
  }

  /** Completes the sign-in that {@code pending} began, from the provider's callback address. */
  public Identity completeLogin(URI callback, PendingLogin pending) throws SignInFailed {
    AuthenticationResponse response;
    try {
      response = AuthenticationResponseParser.parse(callback);
    } catch (ParseException e) {
      throw new SignInFailed("the provider's callback could not be read: " + e.getMessage(), e);
    }
    if (response.getState() == null || !pending.state().equals(response.getState().getValue())) {
      throw new SignInFailed("the callback's state is not the one this session sent");
    }
    if (!response.indicatesSuccess()) {
      ErrorObject error = response.toErrorResponse().getErrorObject();
      throw new SignInFailed(
          "the provider refused the sign-in: " + error.getCode() + " " + error.getDescription());
    }
    AuthenticationSuccessResponse success = response.toSuccessResponse();
    if (success.getAuthorizationCode() == null) {
      throw new SignInFailed("the provider's callback carries no authorization code");
    }
    Provider at = provider();
    TokenRequest tokenRequest =
        tokenRequest(at.metadata().getTokenEndpointURI(), success, pending.codeVerifier());
    OIDCTokenResponse tokens;
    try {
      TokenResponse answer = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
      if (!answer.indicatesSuccess()) {
        ErrorObject error = answer.toErrorResponse().getErrorObject();
        throw new SignInFailed(
            "the provider refused the code: " + error.getCode() + " " + error.getDescription());
      }
      tokens = (OIDCTokenResponse) answer.toSuccessResponse();
    } catch (IOException | ParseException e) {
      throw new SignInFailed("the provider's token endpoint failed: " + e.getMessage(), e);
    }
    JWT idToken = tokens.getOIDCTokens().getIDToken();
    IDTokenClaimsSet claims;
    try {
      claims = at.idTokens().validate(idToken, new Nonce(pending.nonce()));
    } catch (com.nimbusds.jose.proc.BadJOSEException | JOSEException e) {
      throw new SignInFailed("the id_token does not check out: " + e.getMessage(), e);
    }
    return identity(claims, idToken.serialize());
  }

  /** The token request for a code: the client's authentication, the code and the PKCE verifier. */
  TokenRequest tokenRequest(
      URI tokenEndpoint, AuthenticationSuccessResponse success, String verifier)
      throws SignInFailed {
    return new TokenRequest(
        tokenEndpoint,
        clientAuthentication(tokenEndpoint),
        new AuthorizationCodeGrant(
            success.getAuthorizationCode(), settings.redirectUri(), new CodeVerifier(verifier)));
  }

  private ClientAuthentication clientAuthentication(URI tokenEndpoint) throws SignInFailed {
    return switch (settings.authentication()) {
      case CLIENT_SECRET_BASIC ->
          new ClientSecretBasic(clientId, new Secret(settings.clientSecret().orElseThrow()));
      case PRIVATE_KEY_JWT -> {
        RSAKey key = clientKey();
        try {
          yield new PrivateKeyJWT(
              clientId,
              tokenEndpoint,
              JWSAlgorithm.RS256,
              key.toPrivateKey(),
              key.getKeyID(),
              null);
        } catch (JOSEException e) {
          throw new SignInFailed("cannot sign the client assertion: " + e.getMessage(), e);
        }
      }
    };
  }

  private RSAKey clientKey() throws SignInFailed {
    try {
      JWK key =
          JWK.parse(Files.readString(settings.clientKey().orElseThrow(), StandardCharsets.UTF_8));
      if (!(key instanceof RSAKey rsa) || !rsa.isPrivate()) {
        throw new SignInFailed("hub.oidc.client-key must hold a private RSA key (JWK)");
      }
      return rsa;
    } catch (IOException | java.text.ParseException e) {
      throw new SignInFailed("cannot read hub.oidc.client-key: " + e.getMessage(), e);
    }
  }

  /**
   * Where to send the browser to end its session at the provider, which sends it back to the hub's
   * post-logout address; that address alone when the provider has no end-session endpoint.
   */
  public URI endSession(String idToken) {
    Optional<URI> endpoint;
    try {
      endpoint = Optional.ofNullable(provider().metadata().getEndSessionEndpointURI());
    } catch (SignInFailed e) {
      endpoint = Optional.empty();
    }
    if (endpoint.isEmpty()) {
      return settings.postLogoutRedirectUri();
    }
    JWT hint;
    try {
      hint = idToken == null ? null : JWTParser.parse(idToken);
    } catch (java.text.ParseException e) {
      hint = null;
    }
    return new LogoutRequest(endpoint.get(), hint, settings.postLogoutRedirectUri(), new State())
        .toURI();
  }

  private Provider provider() throws SignInFailed {
    Provider known = provider;
    if (known == null) {
      try {
        OIDCProviderMetadata metadata =
            OIDCProviderMetadata.resolve(
                new Issuer(settings.issuer()), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
        IDTokenValidator validator =
            new IDTokenValidator(
                metadata.getIssuer(),
                clientId,
                JWSAlgorithm.RS256,
                metadata.getJWKSetURI().toURL());
        known = new Provider(metadata, validator);
        provider = known;
      } catch (GeneralException | IOException e) {
        throw new SignInFailed(
            "the identity provider " + settings.issuer() + " cannot be reached: " + e.getMessage(),
            e);
      } catch (IllegalArgumentException e) {
        throw new SignInFailed("the identity provider's JWKS address is not a URL", e);
      }
    }
    return known;
  }

  /**
   * The user as MicroProfile JWT names a bearer token's: {@code upn}, else {@code
   * preferred_username}, else {@code sub}.
   */
  private static Identity identity(IDTokenClaimsSet claims, String idToken) {
    String username =
        firstOf(
            claims.getStringClaim("upn"),
            claims.getStringClaim("preferred_username"),
            claims.getSubject().getValue());
    List<String> groups =
        Optional.ofNullable(claims.getStringListClaim("groups")).orElse(List.of());
    return new Identity(
        username, claims.getStringClaim("name"), groups, claims.toJSONObject(), idToken);
  }

  private static String firstOf(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    throw new IllegalStateException("the id_token names no one");
  }
}
