package no.bindeledd.web.scaleout;

import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import no.bindeledd.devidp.DevelopmentSignIn;
import no.bindeledd.web.production.StaffIdentityProvider;

/**
 * The development sign-in (a real OpenID Connect server) as the nodes' staff provider: its login
 * page for browsers, and bearer tokens for a demo user by the client credentials grant with the
 * user as subject. Its client secret is made at test time.
 */
final class DevelopmentIssuer implements StaffIdentityProvider {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final DevelopmentSignIn provider;
  private final String secret;

  DevelopmentIssuer(DevelopmentSignIn provider) {
    this.provider = provider;
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    this.secret = Base64.getUrlEncoder().encodeToString(random);
  }

  @Override
  public String issuer() {
    return provider.issuer();
  }

  @Override
  public String jwksUrl() {
    return provider.issuer() + "/jwks";
  }

  @Override
  public String clientId() {
    return "bindeledd-hub";
  }

  @Override
  public String clientSecret() {
    return secret;
  }

  @Override
  public String passwordOf(String username) {
    return "";
  }

  @Override
  public String accessToken(String username) {
    String form =
        "grant_type=client_credentials&scope=openid&client_id="
            + clientId()
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8)
            + "&subject="
            + URLEncoder.encode(username, StandardCharsets.UTF_8);
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(issuer() + "/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("no token for " + username + ": " + response.body());
      }
      try (var reader = Json.createReader(new StringReader(response.body()))) {
        return reader.readObject().getString("access_token");
      }
    } catch (IOException e) {
      throw new IllegalStateException("the sign-in did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void allowRedirectsTo(String publicUrl) {
    // The development sign-in sends a browser back wherever the client asks.
  }
}
