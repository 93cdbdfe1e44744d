package no.bindeledd.web.signin;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The browser session's cookie ({@link BrowserSessions}), named with the {@code __Host-} prefix, so
 * that a browser takes it only when it is Secure, for path {@code /} and without a Domain: no other
 * host under the same domain (another municipal site, say) can set or overwrite it. HttpOnly (no
 * page script reads it), Secure (browsers keep and send it over HTTPS only, and over plain HTTP to
 * localhost, which they treat as secure), SameSite=Lax (not sent with requests other sites' pages
 * make, except top-level navigation, which the provider's callback is), for the whole site, with no
 * expiry of its own (the idle timeout and the maximum lifetime are kept by the hub). The
 * container's own sessions, which the hub does not use, are never tracked in an address.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  public static final String NAME = "__Host-bindeledd-session";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    event.getServletContext().setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
  }

  static void set(HttpServletResponse response, String value) {
    response.addCookie(cookie(value, -1));
  }

  static void clear(HttpServletResponse response) {
    response.addCookie(cookie("", 0));
  }

  /** The cookie's value in this request, if it carries one. */
  static Optional<String> value(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    return Arrays.stream(cookies)
        .filter(c -> NAME.equals(c.getName()) && !c.getValue().isEmpty())
        .map(Cookie::getValue)
        .findFirst();
  }

  private static Cookie cookie(String value, int maxAge) {
    Cookie cookie = new Cookie(NAME, value);
    cookie.setHttpOnly(true);
    cookie.setSecure(true);
    cookie.setPath("/");
    cookie.setMaxAge(maxAge);
    cookie.setAttribute("SameSite", "Lax");
    return cookie;
  }
}
