package no.bindeledd.devidp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development sign-in: an OpenID Connect provider (discovery, authorization with a login page,
 * token, JWKS and end-session endpoints) under the issuer path {@value #ISSUER_ID} for staff and
 * {@value #CITIZEN_ISSUER_ID} for citizens, on loopback.
 *
 * <p>The login page asks for a user name. A demo user's name gets the claims the hub reads ({@code
 * sub}, {@code upn}, {@code preferred_username}, {@code name}, {@code groups} with the role, and
 * {@code agency} with the organisation number), from the deployment file's {@code demoUsers}. Any
 * other name signs in with no role and no agency, which the hub refuses. The claims field of the
 * login page can add claims but never replace these (the provider lets its mapping win), so it
 * cannot give anyone a role.
 *
 * <p>The {@value #CITIZEN_ISSUER_ID} issuer plays ID-porten: a demo participant's name (the
 * deployment file's {@code demoParticipants}) gets what ID-porten's id_token carries: {@code pid}
 * (the synthetic national identity number), {@code acr} (the participant's level, {@code
 * idporten-loa-substantial} unless the file says otherwise), {@code amr}, {@code locale}, a
 * pairwise-looking {@code sub} and {@code name}. Anyone else gets an empty {@code pid} at the low
 * level, which the hub refuses, whatever the claims field says.
 */
public final class DevelopmentSignIn {

  /** The first path segment of the provider's URLs, and so of its issuer. */
  public static final String ISSUER_ID = "bindeledd";

  /** The issuer path that plays ID-porten, for citizens. */
  public static final String CITIZEN_ISSUER_ID = "idporten";

  /** How long the provider's tokens live, in seconds. */
  static final long TOKEN_LIFETIME = 3600;

  private static final Logger LOG = Logger.getLogger(DevelopmentSignIn.class.getName());
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final MockOAuth2Server server;

  private DevelopmentSignIn(MockOAuth2Server server) {
    this.server = server;
  }

  /**
   * Starts the provider for the demo users of {@code deploymentFile}, on {@code address} and {@code
   * port} (0 for any free one).
   */
  public static DevelopmentSignIn start(Path deploymentFile, InetAddress address, int port)
      throws IOException {
    OAuth2Config config = OAuth2Config.Companion.fromJson(configuration(deploymentFile));
    MockOAuth2Server server = new MockOAuth2Server(config);
    server.start(address, port);
    return new DevelopmentSignIn(server);
  }

  /** The provider's configuration (its JSON_CONFIG form) for the deployment's demo users. */
  static String configuration(Path deploymentFile) throws IOException {
    JsonNode deployment = JSON.readTree(Files.readString(deploymentFile));
    List<Map<String, Object>> mappings = new ArrayList<>();
    for (JsonNode user : deployment.path("demoUsers")) {
      String username = user.path("username").asString();
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("sub", username);
      claims.put("upn", username);
      claims.put("preferred_username", username);
      claims.put("name", user.path("name").asString());
      claims.put("groups", List.of(user.path("role").asString()));
      // The administrator and the hub's auditor work at no agency: their tokens name none, and
      // the empty claim keeps the login page's claims field from adding one.
      claims.put("agency", user.hasNonNull("agency") ? user.path("agency").asString() : "");
      mappings.add(mapping(Pattern.quote(username), claims));
    }
    // Anyone else: no role and no agency, so that the login page's claims field cannot add them.
    mappings.add(mapping(".*", Map.of("groups", List.of(), "agency", "")));
    Map<String, Object> callback = new LinkedHashMap<>();
    callback.put("issuerId", ISSUER_ID);
    callback.put("tokenExpiry", TOKEN_LIFETIME);
    callback.put("requestMappings", mappings);
    Map<String, Object> citizens = new LinkedHashMap<>();
    citizens.put("issuerId", CITIZEN_ISSUER_ID);
    citizens.put("tokenExpiry", TOKEN_LIFETIME);
    citizens.put("requestMappings", citizenMappings(deployment));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("interactiveLogin", true);
    config.put("httpServer", "NettyWrapper");
    config.put("tokenCallbacks", List.of(callback, citizens));
    return JSON.writeValueAsString(config);
  }

  /** The demo participants as ID-porten would name them; anyone else with no identity. */
  private static List<Map<String, Object>> citizenMappings(JsonNode deployment) {
    List<Map<String, Object>> mappings = new ArrayList<>();
    for (JsonNode participant : deployment.path("demoParticipants")) {
      String username = participant.path("username").asString();
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("sub", pairwiseSubject(username));
      claims.put("pid", participant.path("nationalId").asString());
      claims.put("acr", participant.path("acr").asString(SUBSTANTIAL));
      claims.put("amr", List.of("TestID"));
      claims.put(
          "locale", participant.path("preferredLanguage").asString("nb").replaceAll("-.*", ""));
      claims.put(
          "name",
          participant.path("givenName").asString()
              + " "
              + participant.path("familyName").asString());
      mappings.add(mapping(Pattern.quote(username), claims));
    }
    mappings.add(mapping(".*", Map.of("pid", "", "acr", "idporten-loa-low")));
    return mappings;
  }

  /** ID-porten's level for a demo participant whose entry names none. */
  static final String SUBSTANTIAL = "idporten-loa-substantial";

  /**
   * A subject that looks like ID-porten's pairwise one and says nothing about the person: a hash of
   * the user name, the same at every start.
   */
  static String pairwiseSubject(String username) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(("bindeledd-dev-idp:" + username).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** Matches the name typed on the login page, which the provider offers as "subject". */
  private static Map<String, Object> mapping(String match, Map<String, Object> claims) {
    return Map.of("requestParam", "subject", "match", match, "claims", claims);
  }

  /** The issuer, as the provider names itself to clients that reach it at localhost. */
  public String issuer() {
    return "http://localhost:" + port() + "/" + ISSUER_ID;
  }

  /** The issuer that plays ID-porten, for citizens. */
  public String citizenIssuer() {
    return "http://localhost:" + port() + "/" + CITIZEN_ISSUER_ID;
  }

  public int port() {
    return server.baseUrl().port();
  }

  public void stop() {
    server.shutdown();
  }

  /**
   * Runs the provider until the process ends. Arguments: the deployment file, then optionally the
   * port (8192) and the address (127.0.0.1).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      LOG.severe("usage: dev-idp <deployment file> [port] [address]");
      System.exit(2);
    }
    Logger.getLogger("").setLevel(Level.WARNING);
    LOG.setLevel(Level.INFO);
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8192;
    InetAddress address = InetAddress.getByName(args.length > 2 ? args[2] : "127.0.0.1");
    DevelopmentSignIn provider = start(Path.of(args[0]), address, port);
    Runtime.getRuntime().addShutdownHook(new Thread(provider::stop, "stop-dev-idp"));
    LOG.info(
        () ->
            "Development sign-in (not for production) at "
                + provider.issuer()
                + ", on "
                + address.getHostAddress());
  }
}
