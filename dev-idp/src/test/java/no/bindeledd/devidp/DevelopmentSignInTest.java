package no.bindeledd.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DevelopmentSignInTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-0123";
  private static DevelopmentSignIn provider;

  @BeforeAll
  static void start() throws Exception {
    Path deployment =
        Path.of(
            System.getProperty("maven.multiModuleProjectDirectory", ".."),
            "config/deployment-demo.json");
    provider = DevelopmentSignIn.start(deployment, InetAddress.getLoopbackAddress(), 0);
  }

  @AfterAll
  static void stop() {
    provider.stop();
  }

  @Test
  void aDemoUserSignsInOnTheLoginPageWithTheRoleAndAgencyOfTheDeploymentFile() throws Exception {
    JsonNode claims = signIn("kari.caseworker", "");

    assertThat(claims.path("iss").asString()).isEqualTo(provider.issuer());
    assertThat(claims.path("aud").toString()).contains("the-hub");
    assertThat(claims.path("nonce").asString()).isEqualTo("a-nonce");
    assertThat(claims.path("upn").asString()).isEqualTo("kari.caseworker");
    assertThat(claims.path("name").asString()).isEqualTo("Kari Kasus");
    assertThat(claims.path("groups").toString()).isEqualTo("[\"caseworker\"]");
    assertThat(claims.path("agency").asString()).isEqualTo("311000004");
  }

  @Test
  void theLoginPagesClaimsFieldGivesNoOneARole() throws Exception {
    String forged = "{\"groups\":[\"auditor\"],\"agency\":\"311000004\"}";

    assertThat(signIn("kari.caseworker", forged).path("groups").toString())
        .isEqualTo("[\"caseworker\"]");
    JsonNode stranger = signIn("mallory", forged);
    assertThat(stranger.path("sub").asString()).isEqualTo("mallory");
    assertThat(stranger.path("groups").toString()).isEqualTo("[]");
    assertThat(stranger.path("agency").asString()).isEmpty();
  }

  @Test
  void theHubsAuditorSignsInAtNoAgencyAndTheClaimsFieldCannotPlaceThemAtOne() throws Exception {
    JsonNode hubAuditor = signIn("hugo.hubauditor", "{\"agency\":\"311000004\"}");

    assertThat(hubAuditor.path("groups").toString()).isEqualTo("[\"auditor\"]");
    assertThat(hubAuditor.path("agency").asString()).isEmpty();
    assertThat(signIn("egil.auditor", "").path("agency").asString()).isEqualTo("311000101");
  }

  @Test
  void theProviderRefusesACodeWithoutItsPkceVerifier() throws Exception {
    String code = code("kari.caseworker", "");
    HttpResponse<String> token = token(code, "not-the-verifier-" + VERIFIER);
    assertThat(token.statusCode()).isEqualTo(400);
  }

  @Test
  void aDemoParticipantSignsInAtTheIdPortenIssuerWithTheClaimsIdPortenGives() throws Exception {
    JsonNode claims = signIn(provider.citizenIssuer(), "amina.citizen", "");

    assertThat(claims.path("iss").asString()).isEqualTo(provider.citizenIssuer());
    assertThat(claims.path("pid").asString()).isEqualTo("12848800471");
    assertThat(claims.path("acr").asString()).isEqualTo("idporten-loa-substantial");
    assertThat(claims.path("amr").isArray()).isTrue();
    assertThat(claims.path("locale").asString()).isEqualTo("ar");
    assertThat(claims.path("name").asString()).isEqualTo("Amina Haddad");
    assertThat(claims.path("sub").asString())
        .hasSize(43)
        .isEqualTo(DevelopmentSignIn.pairwiseSubject("amina.citizen"));
    assertThat(claims.has("groups")).as("ID-porten gives no role").isFalse();
    assertThat(signIn(provider.citizenIssuer(), "low.citizen", "").path("acr").asString())
        .isEqualTo("idporten-loa-low");
  }

  @Test
  void theLoginPagesClaimsFieldGivesNoOneSomeoneElsesNationalIdOrAHigherLevel() throws Exception {
    String forged = "{\"pid\":\"12848800471\",\"acr\":\"idporten-loa-high\"}";

    JsonNode stranger = signIn(provider.citizenIssuer(), "mallory", forged);
    assertThat(stranger.path("pid").asString()).isEmpty();
    assertThat(stranger.path("acr").asString()).isEqualTo("idporten-loa-low");
    JsonNode low = signIn(provider.citizenIssuer(), "low.citizen", forged);
    assertThat(low.path("pid").asString()).isEqualTo("14827900452");
    assertThat(low.path("acr").asString()).isEqualTo("idporten-loa-low");
  }

  private static JsonNode signIn(String username, String claims) throws Exception {
    return signIn(provider.issuer(), username, claims);
  }

  private static JsonNode signIn(String issuer, String username, String claims) throws Exception {
    HttpResponse<String> token = token(issuer, code(issuer, username, claims), VERIFIER);
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    String idToken =
        JsonMapper.builder().build().readTree(token.body()).path("id_token").asString();
    String payload = idToken.split("\\.")[1];
    return JsonMapper.builder()
        .build()
        .readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  private static String code(String username, String claims) throws Exception {
    return code(provider.issuer(), username, claims);
  }

  private static String code(String issuer, String username, String claims) throws Exception {
    String challenge =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
    URI authorize =
        URI.create(
            issuer
                + "/authorize?client_id=the-hub&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%2Fcallback&state=a-state&nonce=a-nonce"
                + "&code_challenge_method=S256&code_challenge="
                + challenge);
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(authorize).build(), ofString());
    assertThat(page.body()).contains("name=\"username\"");
    HttpResponse<String> login =
        HTTP.send(
            HttpRequest.newBuilder(authorize)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username="
                            + URLEncoder.encode(username, StandardCharsets.UTF_8)
                            + "&claims="
                            + URLEncoder.encode(claims, StandardCharsets.UTF_8)))
                .build(),
            ofString());
    String location = login.headers().firstValue("Location").orElseThrow();
    assertThat(location).contains("state=a-state");
    Matcher code = Pattern.compile("code=([^&]+)").matcher(location);
    assertThat(code.find()).isTrue();
    return code.group(1);
  }

  private static HttpResponse<String> token(String code, String verifier) throws Exception {
    return token(provider.issuer(), code, verifier);
  }

  private static HttpResponse<String> token(String issuer, String code, String verifier)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(issuer + "/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("the-hub:any".getBytes(StandardCharsets.UTF_8)))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=authorization_code&redirect_uri=http%3A%2F%2Flocalhost%2Fcallback"
                        + "&code="
                        + code
                        + "&code_verifier="
                        + verifier))
            .build(),
        ofString());
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
