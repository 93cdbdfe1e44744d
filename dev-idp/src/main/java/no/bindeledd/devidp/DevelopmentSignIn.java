package no.bindeledd.devidp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * token, JWKS and end-session endpoints) under the issuer path {@value #ISSUER_ID}, on loopback.
 *
 * <p>The login page asks for a user name. A demo user's name gets the claims the hub reads ({@code
 * sub}, {@code upn}, {@code preferred_username}, {@code name}, {@code groups} with the role, and
 * {@code agency} with the organisation number), from the municipality file's {@code demoUsers}. Any
 * other name signs in with no role and no agency, which the hub refuses. The claims field of the
 * login page can add claims but never replace these (the provider lets its mapping win), so it
 * cannot give anyone a role.
 */
public final class DevelopmentSignIn {

  /** The first path segment of the provider's URLs, and so of its issuer. */
  public static final String ISSUER_ID = "bindeledd";

  /** How long the provider's tokens live, in seconds. */
  static final long TOKEN_LIFETIME = 3600;

  private static final Logger LOG = Logger.getLogger(DevelopmentSignIn.class.getName());
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final MockOAuth2Server server;

  private DevelopmentSignIn(MockOAuth2Server server) {
    this.server = server;
  }

  /**
   * Starts the provider for the demo users of {@code municipalityFile}, on {@code address} and
   * {@code port} (0 for any free one).
   */
  public static DevelopmentSignIn start(Path municipalityFile, InetAddress address, int port)
      throws IOException {
    OAuth2Config config = OAuth2Config.Companion.fromJson(configuration(municipalityFile));
    MockOAuth2Server server = new MockOAuth2Server(config);
    server.start(address, port);
    return new DevelopmentSignIn(server);
  }

  /** The provider's configuration (its JSON_CONFIG form) for the municipality's demo users. */
  static String configuration(Path municipalityFile) throws IOException {
    JsonNode municipality = JSON.readTree(Files.readString(municipalityFile));
    List<Map<String, Object>> mappings = new ArrayList<>();
    for (JsonNode user : municipality.path("demoUsers")) {
      String username = user.path("username").asString();
      Map<String, Object> claims = new LinkedHashMap<>();
      claims.put("sub", username);
      claims.put("upn", username);
      claims.put("preferred_username", username);
      claims.put("name", user.path("name").asString());
      claims.put("groups", List.of(user.path("role").asString()));
      claims.put("agency", user.path("agency").asString());
      mappings.add(mapping(Pattern.quote(username), claims));
    }
    // Anyone else: no role and no agency, so that the login page's claims field cannot add them.
    mappings.add(mapping(".*", Map.of("groups", List.of(), "agency", "")));
    Map<String, Object> callback = new LinkedHashMap<>();
    callback.put("issuerId", ISSUER_ID);
    callback.put("tokenExpiry", TOKEN_LIFETIME);
    callback.put("requestMappings", mappings);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("interactiveLogin", true);
    config.put("httpServer", "NettyWrapper");
    config.put("tokenCallbacks", List.of(callback));
    return JSON.writeValueAsString(config);
  }

  /** Matches the name typed on the login page, which the provider offers as "subject". */
  private static Map<String, Object> mapping(String match, Map<String, Object> claims) {
    return Map.of("requestParam", "subject", "match", match, "claims", claims);
  }

  /** The issuer, as the provider names itself to clients that reach it at localhost. */
  public String issuer() {
    return "http://localhost:" + port() + "/" + ISSUER_ID;
  }

  public int port() {
    return server.baseUrl().port();
  }

  public void stop() {
    server.shutdown();
  }

  /**
   * Runs the provider until the process ends. Arguments: the municipality file, then optionally the
   * port (8192) and the address (127.0.0.1).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      LOG.severe("usage: dev-idp <municipality file> [port] [address]");
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
