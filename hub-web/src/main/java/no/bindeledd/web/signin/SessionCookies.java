package no.bindeledd.web.signin;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;
import no.bindeledd.web.platform.HubSettings;

/**
 * The browser session's cookie: HttpOnly (no page script reads it), Secure (browsers keep and send
 * it over HTTPS only, and over plain HTTP to localhost, which they treat as secure), SameSite=Lax
 * (not sent with requests other sites' pages make, except top-level navigation, which the
 * provider's callback is), for the whole site, and the only way a session is tracked (never in an
 * address). Sessions end after {@code hub.session.idle-timeout} without a request.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

  public static final String NAME = "bindeledd-session";

  @Inject HubSettings settings;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    SessionCookieConfig cookie = context.getSessionCookieConfig();
    cookie.setName(NAME);
    cookie.setHttpOnly(true);
    cookie.setSecure(true);
    cookie.setPath("/");
    cookie.setAttribute("SameSite", "Lax");
    context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
    context.setSessionTimeout(Math.max(1, (int) settings.sessionIdleTimeout().toMinutes()));
  }
}
