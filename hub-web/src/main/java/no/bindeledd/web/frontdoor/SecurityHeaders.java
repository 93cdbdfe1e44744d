package no.bindeledd.web.frontdoor;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import no.bindeledd.web.platform.HubSettings;

/**
 * The security headers of every answer the hub's web module gives, pages and API alike: a Content
 * Security Policy that runs only the hub's own scripts and no inline script or style, loads nothing
 * from other hosts (Designsystemet's icons are {@code data:} images) and lets no page frame the
 * hub; no content sniffing; no referrer sent anywhere; and, in the production profile, HTTPS only
 * for a year (HSTS).
 */
@WebFilter(filterName = "security-headers", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

  private static final long serialVersionUID = 1L;

  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

  @Inject HubSettings settings;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (settings.hsts()) {
      response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
    chain.doFilter(request, response);
  }
}
