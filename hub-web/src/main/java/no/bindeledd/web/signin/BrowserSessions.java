package no.bindeledd.web.signin;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import no.bindeledd.core.node.ChangeFeed;
import no.bindeledd.web.live.LiveStreams;
import no.bindeledd.web.platform.HubDataSource;
import no.bindeledd.web.platform.HubSettings;
import no.bindeledd.web.security.SignedInUser;

/**
 * The browsers' sessions, kept in the database so that any node serves any request: the cookie
 * holds 256 random bits, the table the SHA-256 of them (whoever reads the database cannot take a
 * session over), with the sign-in under way ({@link PendingLogin}) or the user signed in ({@link
 * SignedInUser}) and when the browser was last seen. A session without a request for {@code
 * hub.session.idle-timeout}, or signed in longer ago than {@code hub.session.max-lifetime}, is over
 * on every node, whatever its row says; signing out removes the row and tells every node's live
 * streams ({@link ChangeFeed#sessionEnded}).
 *
 * <p>Plain JDBC on the hub's data source, in a short statement of its own: sessions are no part of
 * the domain, and no request's transaction waits for them.
 */
@ApplicationScoped
public class BrowserSessions {

  private static final Logger LOG = Logger.getLogger(BrowserSessions.class.getName());

  /** The request attribute holding what {@link #signedIn} found, so it is looked up once. */
  private static final String FOUND = BrowserSessions.class.getName() + ".found";

  /** How stale "last seen" may get before a request writes it anew: one write a minute at most. */
  private static final Duration TOUCH_AFTER = Duration.ofMinutes(1);

  /** A signed-in session, found by its cookie. */
  public record Found(String key, SignedInUser user, Instant idleUntil) {}

  @Resource(lookup = HubDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject HubSettings settings;
  @Inject Clock clock;
  @Inject ChangeFeed feed;
  @Inject LiveStreams streams;

  /** Starts a session for a sign-in under way, and gives the browser its cookie. */
  public void begin(HttpServletResponse response, PendingLogin pending) {
    Instant now = clock.instant();
    String token = SignIn.randomToken();
    update(
        "delete from browser_session where last_seen_at < ? or created_at < ?",
        timestamp(now.minus(settings.sessionIdleTimeout())),
        timestamp(now.minus(settings.sessionMaxLifetime())));
    update(
        "insert into browser_session (key_hash, pending_login, created_at, last_seen_at)"
            + " values (?, ?, ?, ?)",
        hash(token),
        json(pending),
        timestamp(now),
        timestamp(now));
    SessionCookies.set(response, token);
  }

  /**
   * The sign-in under way in this browser's session, taken out of it: a callback can complete it
   * once, on any node. The session it was in ends; {@link #signIn} starts the signed-in one.
   */
  public Optional<PendingLogin> takePending(HttpServletRequest request) {
    Optional<String> key = SessionCookies.value(request).map(BrowserSessions::hash);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> pending =
        query(
            "select pending_login from browser_session where key_hash = ? and last_seen_at >= ?",
            key.get(),
            timestamp(clock.instant().minus(settings.sessionIdleTimeout())));
    // Deleted before it is used: of two callbacks with one state, on one node or two, one wins.
    if (pending.isEmpty()
        || update("delete from browser_session where key_hash = ?", key.get()) != 1) {
      return Optional.empty();
    }
    return Optional.of(pendingLogin(pending.get()));
  }

  /**
   * Signs {@code user} in, in a session of its own with a new cookie, so that an id planted in the
   * browser before the sign-in is worth nothing after it.
   */
  public void signIn(HttpServletResponse response, SignedInUser user) {
    Instant now = clock.instant();
    String token = SignIn.randomToken();
    update(
        "insert into browser_session (key_hash, signed_in, created_at, last_seen_at)"
            + " values (?, ?, ?, ?)",
        hash(token),
        json(user),
        timestamp(now),
        timestamp(now));
    SessionCookies.set(response, token);
  }

  /**
   * Who is signed in in this browser's session, if anyone: a session seen within the idle timeout
   * and signed in within its maximum lifetime. A request renews "last seen", at most once a minute;
   * nothing renews the sign-in.
   */
  public Optional<Found> signedIn(HttpServletRequest request) {
    Object cached = request.getAttribute(FOUND);
    if (cached instanceof Found found) {
      return Optional.of(found);
    }
    Optional<String> key = SessionCookies.value(request).map(BrowserSessions::hash);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Duration idle = settings.sessionIdleTimeout();
    Optional<Found> found;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select signed_in, last_seen_at, created_at from browser_session"
                    + " where key_hash = ? and signed_in is not null")) {
      select.setString(1, key.get());
      Instant lastSeen;
      Instant signedInAt;
      String user;
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        user = row.getString(1);
        lastSeen = row.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        signedInAt = row.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC);
      }
      if (lastSeen.plus(idle).isBefore(now)
          || signedInAt.plus(settings.sessionMaxLifetime()).isBefore(now)) {
        return Optional.empty();
      }
      if (lastSeen.plus(TOUCH_AFTER).isBefore(now)) {
        try (PreparedStatement touch =
            connection.prepareStatement(
                "update browser_session set last_seen_at = ? where key_hash = ?")) {
          touch.setObject(1, timestamp(now));
          touch.setString(2, key.get());
          touch.executeUpdate();
        }
        lastSeen = now;
      }
      found = Optional.of(new Found(key.get(), signedInUser(user), lastSeen.plus(idle)));
    } catch (SQLException e) {
      throw new IllegalStateException("the browser sessions cannot be read", e);
    }
    request.setAttribute(FOUND, found.get());
    return found;
  }

  /**
   * Ends this browser's session on every node, and its live streams here at once and on the other
   * nodes through the change feed; tells the browser to drop its cookie.
   */
  public Optional<SignedInUser> end(HttpServletRequest request, HttpServletResponse response) {
    Optional<SignedInUser> user = signedIn(request).map(Found::user);
    Optional<String> key = SessionCookies.value(request).map(BrowserSessions::hash);
    if (key.isPresent()) {
      update("delete from browser_session where key_hash = ?", key.get());
      streams.endSession(key.get());
      feed.sessionEnded(key.get());
    }
    request.removeAttribute(FOUND);
    SessionCookies.clear(response);
    return user;
  }

  /** The hash the database keeps of a cookie's value, hex. */
  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  static String json(PendingLogin pending) {
    return Json.createObjectBuilder()
        .add("state", pending.state())
        .add("nonce", pending.nonce())
        .add("codeVerifier", pending.codeVerifier())
        .add("returnTo", pending.returnTo())
        .add("startedAt", pending.startedAt().toString())
        .add("audience", pending.audience().name())
        .build()
        .toString();
  }

  static PendingLogin pendingLogin(String json) {
    JsonObject read = parse(json);
    return new PendingLogin(
        read.getString("state"),
        read.getString("nonce"),
        read.getString("codeVerifier"),
        read.getString("returnTo"),
        Instant.parse(read.getString("startedAt")),
        Audience.valueOf(read.getString("audience")));
  }

  static String json(SignedInUser user) {
    JsonArrayBuilder groups = Json.createArrayBuilder();
    user.groups().forEach(groups::add);
    JsonObjectBuilder built =
        Json.createObjectBuilder()
            .add("username", user.username())
            .add("displayName", user.displayName())
            .add("groups", groups)
            .add("signedInAt", user.signedInAt().toString())
            .add("csrfToken", user.csrfToken());
    addIfPresent(built, "agency", user.agency());
    addIfPresent(built, "idToken", user.idToken());
    addIfPresent(built, "issuer", user.issuer());
    addIfPresent(built, "pid", user.pid());
    addIfPresent(built, "acr", user.acr());
    return built.build().toString();
  }

  static SignedInUser signedInUser(String json) {
    JsonObject read = parse(json);
    List<String> groups =
        read.getJsonArray("groups").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList();
    return new SignedInUser(
        read.getString("username"),
        read.getString("displayName"),
        groups,
        text(read, "agency"),
        Instant.parse(read.getString("signedInAt")),
        read.getString("csrfToken"),
        text(read, "idToken"),
        text(read, "issuer"),
        text(read, "pid"),
        text(read, "acr"));
  }

  private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }

  private static String text(JsonObject json, String name) {
    JsonValue value = json.get(name);
    return value instanceof JsonString string ? string.getString() : null;
  }

  private static JsonObject parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private int update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.executeUpdate();
    } catch (SQLException e) {
      LOG.warning(() -> "A browser session could not be written: " + e.getMessage());
      throw new IllegalStateException("the browser sessions cannot be written", e);
    }
  }

  private Optional<String> query(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the browser sessions cannot be read", e);
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  /**
   * UTC wall-clock time, as the core's {@code InstantConverter} stores instants: never through
   * {@code java.sql.Timestamp}, which would store the JVM's local time.
   */
  private static LocalDateTime timestamp(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
