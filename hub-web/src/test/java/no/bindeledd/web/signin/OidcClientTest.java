package no.bindeledd.web.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import no.bindeledd.devidp.DevelopmentSignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's OpenID Connect client against a real provider (the development sign-in), through its
 * login page, with both kinds of client authentication.
 */
class OidcClientTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final URI REDIRECT = URI.create("http://localhost:8080/auth/callback");
  private static DevelopmentSignIn provider;

  @TempDir Path keys;

  @BeforeAll
  static void start() throws Exception {
    provider =
        DevelopmentSignIn.start(
            Path.of(System.getProperty("hub.repo.dir", ".."), "config/deployment-demo.json"),
            InetAddress.getLoopbackAddress(),
            0);
  }

  @AfterAll
  static void stop() {
    provider.stop();
  }

  @Test
  void aCaseworkerSignsInOnTheProvidersPageAndTheIdTokenNamesHerRoleAndAgency() throws Exception {
    OidcClient client = client(secretSettings());
    OidcClient.LoginStart start = client.beginLogin("/people");

    assertThat(start.authorizationRequest().toString())
        .startsWith(provider.issuer() + "/authorize")
        .contains("code_challenge_method=S256")
        .contains("state=" + start.pending().state())
        .contains("nonce=" + start.pending().nonce());
    OidcClient.Identity kari =
        client.completeLogin(logInAt(start, "kari.caseworker"), start.pending());

    assertThat(kari.username()).isEqualTo("kari.caseworker");
    assertThat(kari.displayName()).isEqualTo("Kari Kasus");
    assertThat(kari.groups()).containsExactly("caseworker");
    assertThat(kari.claims()).containsEntry("agency", "311000004");
    assertThat(start.pending().returnTo()).isEqualTo("/people");
  }

  @Test
  void aCitizenSignsInAtTheIdPortenIssuerWithTheLevelAskedForAndTheirNationalIdInPid()
      throws Exception {
    OidcClient client =
        client(
            new ClientSettings(
                URI.create(provider.citizenIssuer()),
                "bindeledd-hub",
                ClientSettings.Authentication.CLIENT_SECRET_BASIC,
                Optional.of("a-secret"),
                Optional.empty(),
                REDIRECT,
                URI.create("http://localhost:8080/signed-out"),
                "openid profile",
                Audience.CITIZEN));
    OidcClient.LoginStart start =
        client.beginLogin("/mine", Optional.of(java.util.Locale.forLanguageTag("fa-AF")));

    assertThat(start.authorizationRequest().toString())
        .startsWith(provider.citizenIssuer() + "/authorize")
        .contains("acr_values=idporten-loa-substantial")
        .contains("ui_locales=fa-AF");
    assertThat(start.pending().audience()).isEqualTo(Audience.CITIZEN);
    OidcClient.Identity amina =
        client.completeLogin(logInAt(start, "amina.citizen"), start.pending());

    assertThat(amina.claims())
        .containsEntry("pid", "12848800471")
        .containsEntry("acr", "idporten-loa-substantial")
        .containsEntry("locale", "ar")
        .containsKey("amr");
    assertThat(amina.displayName()).isEqualTo("Amina Haddad");
    assertThat(amina.groups()).as("ID-porten gives no role").isEmpty();
    assertThat(amina.username())
        .as("the pairwise subject says nothing about her")
        .doesNotContain("amina")
        .doesNotContain("12848800471");
    assertThat(SignInServlet.citizenRefusal(amina)).isEmpty();

    OidcClient.LoginStart low = client.beginLogin("/mine");
    OidcClient.Identity hodan = client.completeLogin(logInAt(low, "low.citizen"), low.pending());
    assertThat(SignInServlet.citizenRefusal(hodan))
        .get()
        .satisfies(p -> assertThat(p.type()).endsWith("/sign-in-level-too-low"));
  }

  @Test
  void withPrivateKeyJwtTheTokenRequestCarriesAnAssertionSignedByTheHubsKey() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("hub-key-1").generate();
    Path file = keys.resolve("client-key.jwk");
    Files.writeString(file, key.toJSONString());
    OidcClient client = client(keySettings(file));
    OidcClient.LoginStart start = client.beginLogin("/");
    URI callback = logInAt(start, "kari.caseworker");
    URI tokenEndpoint = URI.create(provider.issuer() + "/token");

    TokenRequest request =
        client.tokenRequest(
            tokenEndpoint,
            AuthenticationResponseParser.parse(callback).toSuccessResponse(),
            start.pending().codeVerifier());

    PrivateKeyJWT assertion = (PrivateKeyJWT) request.getClientAuthentication();
    SignedJWT jwt = assertion.getClientAssertion();
    assertThat(jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("hub-key-1");
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("bindeledd-hub");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("bindeledd-hub");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(tokenEndpoint.toString());
    assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
    assertThat(request.toHTTPRequest().getBody()).contains("code_verifier=");

    OidcClient.Identity kari =
        client.completeLogin(logInAt(start, "kari.caseworker"), start.pending());
    assertThat(kari.username()).isEqualTo("kari.caseworker");
  }

  @Test
  void withAClientSecretTheTokenRequestAuthenticatesByBasic() throws Exception {
    OidcClient client = client(secretSettings());
    OidcClient.LoginStart start = client.beginLogin("/");
    TokenRequest request =
        client.tokenRequest(
            URI.create(provider.issuer() + "/token"),
            AuthenticationResponseParser.parse(logInAt(start, "kari.caseworker"))
                .toSuccessResponse(),
            start.pending().codeVerifier());
    assertThat(request.getClientAuthentication()).isInstanceOf(ClientSecretBasic.class);
  }

  @Test
  void aCallbackWithAnotherStateIsRefused() throws Exception {
    OidcClient client = client(secretSettings());
    OidcClient.LoginStart start = client.beginLogin("/");
    URI callback = logInAt(start, "kari.caseworker");
    PendingLogin other =
        new PendingLogin(
            "another-state",
            start.pending().nonce(),
            start.pending().codeVerifier(),
            "/",
            start.pending().startedAt(),
            start.pending().audience());

    assertThatThrownBy(() -> client.completeLogin(callback, other))
        .isInstanceOf(SignInFailed.class)
        .hasMessageContaining("state");
  }

  @Test
  void anIdTokenForAnotherNonceIsRefused() throws Exception {
    OidcClient client = client(secretSettings());
    OidcClient.LoginStart start = client.beginLogin("/");
    URI callback = logInAt(start, "kari.caseworker");
    PendingLogin replayed =
        new PendingLogin(
            start.pending().state(),
            "a-nonce-from-another-sign-in",
            start.pending().codeVerifier(),
            "/",
            start.pending().startedAt(),
            start.pending().audience());

    assertThatThrownBy(() -> client.completeLogin(callback, replayed))
        .isInstanceOf(SignInFailed.class)
        .hasMessageContaining("id_token");
  }

  @Test
  void aCodeIsGoodForOneSignInOnly() throws Exception {
    OidcClient client = client(secretSettings());
    OidcClient.LoginStart start = client.beginLogin("/");
    URI callback = logInAt(start, "kari.caseworker");
    client.completeLogin(callback, start.pending());

    assertThatThrownBy(() -> client.completeLogin(callback, start.pending()))
        .isInstanceOf(SignInFailed.class)
        .hasMessageContaining("refused the code");
  }

  @Test
  void signingOutGoesToTheProvidersEndSessionWithTheIdTokenAndTheWayBack() throws Exception {
    OidcClient client = client(secretSettings());
    OidcClient.LoginStart start = client.beginLogin("/");
    OidcClient.Identity kari =
        client.completeLogin(logInAt(start, "kari.caseworker"), start.pending());

    String endSession = client.endSession(kari.idToken()).toString();

    assertThat(endSession)
        .startsWith(provider.issuer() + "/endsession")
        .contains("id_token_hint=" + kari.idToken())
        .contains(
            "post_logout_redirect_uri="
                + URLEncoder.encode("http://localhost:8080/signed-out", StandardCharsets.UTF_8));
  }

  @Test
  void aProviderThatCannotBeReachedFailsTheSignInNotTheHub() {
    ClientSettings nowhere =
        new ClientSettings(
            URI.create("http://localhost:1/nowhere"),
            "bindeledd-hub",
            ClientSettings.Authentication.CLIENT_SECRET_BASIC,
            Optional.of("secret"),
            Optional.empty(),
            REDIRECT,
            URI.create("http://localhost:8080/signed-out"),
            "openid profile",
            Audience.STAFF);
    assertThatThrownBy(() -> client(nowhere).beginLogin("/"))
        .isInstanceOf(SignInFailed.class)
        .hasMessageContaining("cannot be reached");
  }

  @Test
  void onlyAPathOfTheAppIsAPlaceToReturnTo() {
    assertThat(SignInServlet.appPath("/people?page=2")).isEqualTo("/people?page=2");
    for (String elsewhere :
        new String[] {
          null, "https://evil.example/", "//evil.example/", "/\\evil.example", "people"
        }) {
      assertThat(SignInServlet.appPath(elsewhere)).as(elsewhere).isEqualTo("/");
    }
  }

  private static OidcClient client(ClientSettings settings) {
    return new OidcClient(settings, Clock.systemUTC());
  }

  private static ClientSettings secretSettings() {
    return new ClientSettings(
        URI.create(provider.issuer()),
        "bindeledd-hub",
        ClientSettings.Authentication.CLIENT_SECRET_BASIC,
        Optional.of("a-secret"),
        Optional.empty(),
        REDIRECT,
        URI.create("http://localhost:8080/signed-out"),
        "openid profile",
        Audience.STAFF);
  }

  private static ClientSettings keySettings(Path key) {
    return new ClientSettings(
        URI.create(provider.issuer()),
        "bindeledd-hub",
        ClientSettings.Authentication.PRIVATE_KEY_JWT,
        Optional.empty(),
        Optional.of(key),
        REDIRECT,
        URI.create("http://localhost:8080/signed-out"),
        "openid profile",
        Audience.STAFF);
  }

  /** Types the username on the provider's login page; where the provider sends the browser. */
  private static URI logInAt(OidcClient.LoginStart start, String username) throws Exception {
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(start.authorizationRequest()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("name=\"username\"");
    HttpResponse<String> login =
        HTTP.send(
            HttpRequest.newBuilder(start.authorizationRequest())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    URI callback = URI.create(login.headers().firstValue("Location").orElseThrow());
    assertThat(callback.toString()).startsWith(REDIRECT.toString());
    return callback;
  }
}
