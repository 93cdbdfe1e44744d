package no.bindeledd.web.signin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.bindeledd.core.node.ChangeFeed;
import no.bindeledd.core.persistence.SchemaMigration;
import no.bindeledd.web.live.LiveStreams;
import no.bindeledd.web.platform.HubSettings;
import no.bindeledd.web.security.SignedInUser;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browsers' sessions in the database, as two nodes on one database see them: a sign-in started
 * on one completes on the other once, a session signed in on one is the same on the other until it
 * has been idle too long or is signed out, and the database never holds the cookie itself. Real H2
 * with the real migrations; the servlet request and response are stand-ins that carry cookies.
 */
class BrowserSessionsTest {

  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final Duration MAX_LIFETIME = Duration.ofHours(10);

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final List<String> endedInFeed = new ArrayList<>();
  private final List<String> endedHere = new ArrayList<>();
  private JdbcDataSource database;
  private BrowserSessions nodeA;
  private BrowserSessions nodeB;

  @BeforeEach
  void setUp() {
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    SchemaMigration.migrate(database);
    nodeA = node();
    nodeB = node();
  }

  private BrowserSessions node() {
    BrowserSessions sessions = new BrowserSessions();
    sessions.dataSource = database;
    sessions.clock = clock;
    sessions.settings =
        new HubSettings() {
          @Override
          public Duration sessionIdleTimeout() {
            return IDLE;
          }

          @Override
          public Duration sessionMaxLifetime() {
            return MAX_LIFETIME;
          }
        };
    sessions.feed =
        new ChangeFeed() {
          @Override
          public void sessionEnded(String sessionKey) {
            endedInFeed.add(sessionKey);
          }
        };
    sessions.streams =
        new LiveStreams() {
          @Override
          public void endSession(String sessionId) {
            endedHere.add(sessionId);
          }
        };
    return sessions;
  }

  private static PendingLogin pending() {
    return new PendingLogin(
        "state",
        "nonce",
        "verifier",
        "/people",
        Instant.parse("2026-12-01T10:00:00Z"),
        Audience.STAFF);
  }

  private SignedInUser kari() {
    return new SignedInUser(
        "kari.caseworker",
        "Kari Kasus",
        List.of("caseworker"),
        "311000004",
        clock.instant(),
        "csrf-token-of-this-session",
        "id-token",
        "https://idp.example",
        null,
        null);
  }

  @Test
  void aSignInStartedOnOneNodeCompletesOnTheOtherOnce() {
    Response started = new Response();
    nodeA.begin(started.proxy(), pending());

    assertThat(nodeB.takePending(request(started.cookie()))).contains(pending());
    assertThat(nodeA.takePending(request(started.cookie())))
        .as("a second callback with the same sign-in, on any node, finds none")
        .isEmpty();
  }

  @Test
  void aSessionIsTheSameOnBothNodesUntilItHasBeenIdleTooLong() {
    Response signedIn = new Response();
    nodeA.signIn(signedIn.proxy(), kari());
    String cookie = signedIn.cookie();

    assertThat(nodeB.signedIn(request(cookie)).map(BrowserSessions.Found::user)).contains(kari());
    clock.advance(Duration.ofMinutes(20));
    assertThat(nodeA.signedIn(request(cookie))).as("a request renews it").isPresent();
    clock.advance(Duration.ofMinutes(20));
    assertThat(nodeB.signedIn(request(cookie)))
        .as("40 minutes after sign-in, 20 after the last request")
        .isPresent();
    clock.advance(IDLE.plusSeconds(1));
    assertThat(nodeA.signedIn(request(cookie))).as("idle too long, on every node").isEmpty();
    assertThat(nodeB.signedIn(request(cookie))).isEmpty();
  }

  @Test
  void aSessionInUseAllDayEndsAtItsMaximumLifetimeOnEveryNode() {
    Response signedIn = new Response();
    nodeA.signIn(signedIn.proxy(), kari());
    String cookie = signedIn.cookie();

    for (int minutes = 0; minutes < MAX_LIFETIME.toMinutes() - 20; minutes += 20) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(nodeA.signedIn(request(cookie)))
          .as("a request %d minutes after the sign-in", minutes + 20)
          .isPresent();
    }
    clock.advance(Duration.ofMinutes(20).plusSeconds(1));
    assertThat(nodeA.signedIn(request(cookie)))
        .as("ten hours after the sign-in, though it was never idle for long")
        .isEmpty();
    assertThat(nodeB.signedIn(request(cookie))).isEmpty();
  }

  @Test
  void signingOutOnOneNodeEndsTheSessionOnTheOtherAndItsStreamsEverywhere() {
    Response signedIn = new Response();
    nodeA.signIn(signedIn.proxy(), kari());
    String cookie = signedIn.cookie();
    String key = nodeA.signedIn(request(cookie)).orElseThrow().key();

    Response out = new Response();
    assertThat(nodeB.end(request(cookie), out.proxy())).contains(kari());

    assertThat(nodeA.signedIn(request(cookie))).isEmpty();
    assertThat(out.cookies.get(0).getMaxAge()).as("the browser drops the cookie").isZero();
    assertThat(endedHere)
        .as("the streams on the node that signed out end at once")
        .containsExactly(key);
    assertThat(endedInFeed).as("and the other nodes are told").containsExactly(key);
  }

  @Test
  void theDatabaseHoldsTheCookiesHashNeverTheCookieAndTheCookieIsHttpOnlySecureLax()
      throws SQLException {
    Response signedIn = new Response();
    nodeA.signIn(signedIn.proxy(), kari());
    String value = signedIn.cookie().substring(SessionCookies.NAME.length() + 1);
    Cookie cookie = signedIn.cookies.get(0);

    assertThat(value).hasSizeGreaterThanOrEqualTo(40);
    assertThat(storedKeys()).containsExactly(BrowserSessions.hash(value)).doesNotContain(value);
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSecure()).isTrue();
    assertThat(cookie.getAttribute("SameSite")).isEqualTo("Lax");
    assertThat(cookie.getPath()).isEqualTo("/");
  }

  private List<String> storedKeys() throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select key_hash from browser_session")) {
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
    }
    return keys;
  }

  /** A request that carries {@code cookie} ("name=value") and keeps its attributes. */
  private static HttpServletRequest request(String cookie) {
    String[] parts = cookie.split("=", 2);
    Cookie[] cookies = {new Cookie(parts[0], parts[1])};
    Map<String, Object> attributes = new HashMap<>();
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            BrowserSessionsTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getCookies" -> cookies;
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  case "removeAttribute" -> attributes.remove((String) args[0]);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /** A response that keeps the cookies it is given. */
  private static final class Response {
    final List<Cookie> cookies = new ArrayList<>();

    HttpServletResponse proxy() {
      return (HttpServletResponse)
          Proxy.newProxyInstance(
              BrowserSessionsTest.class.getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, method, args) -> {
                if (method.getName().equals("addCookie")) {
                  cookies.add((Cookie) args[0]);
                  return null;
                }
                throw new UnsupportedOperationException(method.getName());
              });
    }

    /** The session cookie it was given, as the browser sends it back. */
    String cookie() {
      Cookie last = cookies.get(cookies.size() - 1);
      return last.getName() + "=" + last.getValue();
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
