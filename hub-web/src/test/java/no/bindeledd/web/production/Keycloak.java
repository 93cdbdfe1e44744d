package no.bindeledd.web.production;

import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.bindeledd.web.it.BrowserSignIn;
import no.bindeledd.web.it.PayaraHub;

/**
 * A real Keycloak for one test JVM: the distribution Maven unpacked into the build folder, built
 * once and started on that build with a JDK 21 or newer, over plain HTTP, on a free loopback port,
 * importing the realm of {@code config/keycloak/bindeledd-realm.json} with a client secret
 * generated here. Staff are made through Keycloak's admin REST API, as an operator (or a directory
 * sync) would: the municipality's demo users with generated passwords, their role, their agency and
 * their name. Nothing secret is in the repository.
 */
public final class Keycloak implements StaffIdentityProvider {

  /** The realm's name in the template. */
  public static final String REALM = "bindeledd";

  /** The hub's client in the template. */
  public static final String CLIENT_ID = "bindeledd-hub";

  /**
   * A public client the tests add for bearer tokens by password (the hub's own client has no direct
   * grants, as in production).
   */
  private static final String TEST_CLIENT_ID = "bindeledd-tests";

  /** Keycloak starts in 10 to 60 s, and in minutes on a machine that other builds keep busy. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Keycloak instance;

  /** A member of staff as the realm holds them. */
  public record User(String username, String name, String role, String agency) {}

  private final Process process;
  private final int port;
  private final String clientSecret;
  private final String adminPassword;
  private final Path log;
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> ready;

  private Keycloak(
      Process process,
      int port,
      String clientSecret,
      String adminPassword,
      Path log,
      List<User> users) {
    this.process = process;
    this.port = port;
    this.clientSecret = clientSecret;
    this.adminPassword = adminPassword;
    this.log = log;
    this.ready =
        CompletableFuture.runAsync(
            () -> {
              awaitUp();
              declareAgencyAttribute();
              addTestClient();
              createUsers(users);
            });
  }

  /**
   * The test JVM's Keycloak with the demo staff, started on first use and stopped with the JVM. It
   * comes up in the background, so that a hub can start meanwhile: its address and client are known
   * at once, and whatever needs Keycloak itself waits until it is ready. Each hub that signs in
   * with it is added to its client's redirects ({@link #allowRedirectsTo}).
   */
  public static synchronized Keycloak get() {
    if (instance == null) {
      instance = start("http://localhost", demoStaff());
      Keycloak started = instance;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-keycloak"));
    }
    return instance;
  }

  /**
   * Starts Keycloak with a fresh database, the realm imported and {@code users} added, the hub's
   * client allowed to redirect to {@code publicUrl}'s {@code /auth/callback}; the caller stops it.
   * Returns at once; {@link #awaitReady()} waits until it is up.
   */
  public static Keycloak start(String publicUrl, List<User> users) {
    Path home = Path.of(PayaraHub.required("hub.keycloak.home"));
    Path repo = Path.of(PayaraHub.required("hub.repo.dir"));
    Path target = Path.of(PayaraHub.required("hub.build.dir"));
    if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException(
          "Keycloak is not unpacked at " + home + ": run the system tests through Maven's verify");
    }
    try {
      // A fresh development database each start: the passwords are new each time.
      deleteTree(home.resolve("data/h2"));
      Path imports = Files.createDirectories(home.resolve("data/import"));
      Files.copy(
          repo.resolve("config/keycloak/bindeledd-realm.json"),
          imports.resolve("bindeledd-realm.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path jdk = jdk21OrNewer();
      buildOnce(home, jdk, target.resolve("keycloak-build.log"));
      int port = PayaraHub.freePort();
      String secret = randomSecret();
      String adminPassword = randomSecret();
      Path log = target.resolve("keycloak.log");
      // Production mode on the build made once, over plain HTTP on loopback: the quickest start.
      ProcessBuilder builder =
          new ProcessBuilder(
                  home.resolve("bin/kc.sh").toString(),
                  "start",
                  "--optimized",
                  "--import-realm",
                  "--http-enabled=true",
                  "--http-host=127.0.0.1",
                  "--http-port=" + port,
                  "--http-management-port=" + PayaraHub.freePort(),
                  "--hostname=http://localhost:" + port)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.put("JAVA_HOME", jdk.toString());
      env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx448m");
      // A test's Keycloak lives a few minutes: quick compilation starts it sooner.
      env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
      env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
      env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      // Keycloak fills the realm file's ${...} from its environment at import.
      env.put("HUB_OIDC_CLIENT_ID", CLIENT_ID);
      env.put("HUB_OIDC_CLIENT_SECRET", secret);
      env.put("HUB_PUBLIC_URL", publicUrl);
      Process process = builder.start();
      return new Keycloak(process, port, secret, adminPassword, log, users);
    } catch (IOException e) {
      throw new IllegalStateException("could not start Keycloak", e);
    }
  }

  /**
   * Runs {@code kc.sh build} once for this distribution (the embedded development database, the
   * defaults otherwise), so that each start skips Keycloak's 20 to 40 seconds of build.
   */
  private static synchronized void buildOnce(Path home, Path jdk, Path log) throws IOException {
    Path marker = home.resolve("bindeledd-tests.built");
    if (Files.exists(marker)) {
      return;
    }
    ProcessBuilder builder =
        new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "build", "--db=dev-file")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", jdk.toString());
    Process build = builder.start();
    try {
      if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
        build.destroyForcibly();
        throw new IllegalStateException("kc.sh build failed; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Keycloak was built", e);
    }
    Files.writeString(marker, "kc.sh build --db=dev-file\n");
  }

  /** The municipality's demo staff, and an administrator of the hub at no agency. */
  public static List<User> demoStaff() {
    Path file = Path.of(PayaraHub.required("hub.repo.dir"), "config/deployment-demo.json");
    List<User> users = new ArrayList<>();
    try (var reader = Json.createReader(Files.newBufferedReader(file))) {
      for (JsonValue value : reader.readObject().getJsonArray("demoUsers")) {
        JsonObject user = value.asJsonObject();
        users.add(
            new User(
                user.getString("username"),
                user.getString("name"),
                user.getString("role"),
                user.getString("agency", null)));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    if (users.stream().noneMatch(u -> u.role().equals("administrator"))) {
      users.add(new User("ada.administrator", "Ada Drift", "administrator", null));
    }
    return users;
  }

  /**
   * Waits until Keycloak answers, with its realm, client and users in place.
   *
   * @throws IllegalStateException if it did not come up, naming its log
   */
  public void awaitReady() {
    try {
      ready.join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "Keycloak did not come up; see " + log + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Adds the users with generated passwords, their role and their agency. */
  public void addUsers(List<User> users) {
    awaitReady();
    createUsers(users);
  }

  private void createUsers(List<User> users) {
    String admin = adminToken();
    for (User user : users) {
      String password = randomSecret();
      String[] names = user.name().split(" ", 2);
      var attributes = Json.createObjectBuilder();
      if (user.agency() != null) {
        attributes.add("agency", Json.createArrayBuilder().add(user.agency()));
      }
      JsonObject representation =
          Json.createObjectBuilder()
              .add("username", user.username())
              .add("enabled", true)
              .add("firstName", names[0])
              .add("lastName", names.length > 1 ? names[1] : names[0])
              .add("email", user.username() + "@fjordvik.example")
              .add("emailVerified", true)
              .add("attributes", attributes)
              .add(
                  "credentials",
                  Json.createArrayBuilder()
                      .add(
                          Json.createObjectBuilder()
                              .add("type", "password")
                              .add("value", password)
                              .add("temporary", false)))
              .build();
      HttpResponse<String> created = admin("POST", "/users", representation.toString(), admin);
      require(created, 201, "create user " + user.username());
      String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
      HttpResponse<String> role = admin("GET", "/roles/" + user.role(), null, admin);
      require(role, 200, "find role " + user.role());
      require(
          admin("POST", "/users/" + id + "/role-mappings/realm", "[" + role.body() + "]", admin),
          204,
          "give " + user.username() + " the role " + user.role());
      passwords.put(user.username(), password);
    }
  }

  @Override
  public String issuer() {
    return "http://localhost:" + port + "/realms/" + REALM;
  }

  @Override
  public String jwksUrl() {
    return issuer() + "/protocol/openid-connect/certs";
  }

  @Override
  public String clientId() {
    return CLIENT_ID;
  }

  @Override
  public String clientSecret() {
    return clientSecret;
  }

  public int port() {
    return port;
  }

  /** A user's generated password, as typed on Keycloak's login page. */
  @Override
  public String passwordOf(String username) {
    awaitReady();
    return Optional.ofNullable(passwords.get(username))
        .orElseThrow(() -> new IllegalArgumentException("no such user in Keycloak: " + username));
  }

  /** An access token for the user, by password, as a bearer token for the hub's API. */
  @Override
  public String accessToken(String username) {
    awaitReady();
    String form =
        "grant_type=password&client_id="
            + TEST_CLIENT_ID
            + "&scope=openid&username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(passwordOf(username), StandardCharsets.UTF_8);
    HttpResponse<String> reply =
        send(
            HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    require(reply, 200, "a token for " + username);
    return json(reply.body()).getString("access_token");
  }

  @Override
  public synchronized void allowRedirectsTo(String publicUrl) {
    awaitReady();
    String admin = adminToken();
    JsonObject client = hubClient(admin);
    JsonArray redirects =
        Json.createArrayBuilder(client.getJsonArray("redirectUris"))
            .add(publicUrl + "/auth/callback")
            .build();
    JsonObject attributes =
        Json.createObjectBuilder(client.getJsonObject("attributes"))
            .add("post.logout.redirect.uris", publicUrl + "/*")
            .build();
    JsonObject updated =
        Json.createObjectBuilder(client)
            .add("redirectUris", redirects)
            .add("attributes", attributes)
            .build();
    require(
        admin("PUT", "/clients/" + client.getString("id"), updated.toString(), admin),
        204,
        "allow redirects to " + publicUrl);
  }

  /** Keycloak's own login page, as staff fill it in: username, password, "Sign in". */
  public BrowserSignIn.LoginPage loginPage() {
    return new BrowserSignIn.LoginPage() {
      @Override
      public String address() {
        return issuer() + "/protocol/openid-connect/auth";
      }

      @Override
      public void fillIn(Page page, String username) {
        page.locator("#username").fill(username);
        page.locator("#password").fill(passwordOf(username));
        page.locator("#kc-login").click();
      }
    };
  }

  public Path log() {
    return log;
  }

  public void stop() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitUp() {
    URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
    await("Keycloak answers at " + discovery)
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited at start; see " + log);
              }
              return status(discovery) == 200;
            });
  }

  /**
   * Declares the {@code agency} user attribute in the realm's user profile, editable by
   * administrators only, so that Keycloak keeps it and the agency mapper can put it in tokens.
   */
  private void declareAgencyAttribute() {
    String admin = adminToken();
    HttpResponse<String> profile = admin("GET", "/users/profile", null, admin);
    require(profile, 200, "read the user profile");
    JsonObject current = json(profile.body());
    JsonArray attributes =
        Json.createArrayBuilder(current.getJsonArray("attributes"))
            .add(
                Json.createObjectBuilder()
                    .add("name", "agency")
                    .add("displayName", "Agency (organisation number)")
                    .add(
                        "validations",
                        Json.createObjectBuilder()
                            .add(
                                "pattern",
                                Json.createObjectBuilder()
                                    .add("pattern", "^[0-9]{9}$")
                                    .add("error-message", "nine digits")))
                    .add(
                        "permissions",
                        Json.createObjectBuilder()
                            .add("view", Json.createArrayBuilder().add("admin").add("user"))
                            .add("edit", Json.createArrayBuilder().add("admin"))))
            .build();
    JsonObject updated = Json.createObjectBuilder(current).add("attributes", attributes).build();
    require(admin("PUT", "/users/profile", updated.toString(), admin), 200, "declare agency");
  }

  /** A public client with direct grants and the hub client's mappers, for bearer tokens. */
  private void addTestClient() {
    String admin = adminToken();
    JsonObject hubClient = hubClient(admin);
    var mappers = Json.createArrayBuilder();
    for (JsonValue mapper : hubClient.getJsonArray("protocolMappers")) {
      JsonObject m = mapper.asJsonObject();
      mappers.add(Json.createObjectBuilder(m).remove("id"));
    }
    JsonObject client =
        Json.createObjectBuilder()
            .add("clientId", TEST_CLIENT_ID)
            .add("enabled", true)
            .add("publicClient", true)
            .add("standardFlowEnabled", false)
            .add("directAccessGrantsEnabled", true)
            .add("protocolMappers", mappers)
            .build();
    require(admin("POST", "/clients", client.toString(), admin), 201, "add the tests' client");
  }

  private JsonObject hubClient(String admin) {
    HttpResponse<String> found = admin("GET", "/clients?clientId=" + CLIENT_ID, null, admin);
    require(found, 200, "find the hub's client");
    try (var reader = Json.createReader(new StringReader(found.body()))) {
      return reader.readArray().getJsonObject(0);
    }
  }

  private String adminToken() {
    String form =
        "grant_type=password&client_id=admin-cli&username=admin&password="
            + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
    HttpResponse<String> reply =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + port
                            + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    require(reply, 200, "an admin token");
    return json(reply.body()).getString("access_token");
  }

  private HttpResponse<String> admin(String method, String path, String body, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/admin/realms/" + REALM + path))
            .header("Authorization", "Bearer " + token);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request);
  }

  /**
   * A JDK that runs this Keycloak (21 or newer): the test JVM's own, else the newest under
   * /usr/lib/jvm.
   */
  static Path jdk21OrNewer() {
    if (Runtime.version().feature() >= 21) {
      return Path.of(System.getProperty("java.home"));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> candidates = Files.list(jvms)) {
        Optional<Map.Entry<Integer, Path>> newest =
            candidates
                .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                .map(p -> Map.entry(featureVersion(p), p))
                .filter(e -> e.getKey() >= 21)
                .max(Comparator.comparing(Map.Entry::getKey));
        if (newest.isPresent()) {
          return newest.get().getValue();
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list " + jvms, e);
      }
    }
    throw new IllegalStateException(
        "Keycloak 26 needs Java 21 or newer, and this test runs on Java "
            + Runtime.version().feature()
            + " with none under /usr/lib/jvm: install one (e.g. apt-get install openjdk-21-jdk-headless)"
            + " or run the build with it");
  }

  /** JAVA_VERSION from the JDK's release file, or 0 when it has none. */
  private static int featureVersion(Path jdk) {
    try {
      for (String line : Files.readAllLines(jdk.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static int status(URI address) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("request to Keycloak failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void require(HttpResponse<String> reply, int status, String what) {
    if (reply.statusCode() != status) {
      throw new IllegalStateException(
          "Keycloak refused to " + what + ": " + reply.statusCode() + " " + reply.body());
    }
  }

  private static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  private static String randomSecret() {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
