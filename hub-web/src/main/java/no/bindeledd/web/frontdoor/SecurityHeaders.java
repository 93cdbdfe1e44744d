package no.bindeledd.web.frontdoor;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import no.bindeledd.core.audit.insight.AccessLogs;
import no.bindeledd.core.consent.receipt.ConsentReceipts;
import no.bindeledd.web.platform.HubSettings;

/**
 * The security headers of every answer the hub's web module gives, pages and API alike: a Content
 * Security Policy that runs only the hub's own scripts and no inline script, no inline style but
 * the one style of the printable receipt and of the printable access log (each allowed by its
 * SHA-256, so that changing either style changes its hash here, and no other inline style runs),
 * loads nothing from other hosts (Designsystemet's icons are {@code data:} images) and lets no page
 * frame the hub; no content sniffing; no referrer sent anywhere; and, in the production profile,
 * HTTPS only for a year (HSTS). Every answer of the API and of the sign-in is {@code no-store}:
 * they carry people's data, and neither the browser nor a proxy on the way may keep a copy (a
 * resource that sets its own {@code Cache-Control} overrides it).
 */
@WebFilter(filterName = "security-headers", urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

  private static final long serialVersionUID = 1L;

  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' "
          + ConsentReceipts.styleSource()
          + " "
          + AccessLogs.styleSource()
          + "; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

  public static final String NOT_STORED = "no-store";

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
    if (carriesPeoplesData(request.getRequestURI())) {
      response.setHeader("Cache-Control", NOT_STORED);
    }
    chain.doFilter(request, response);
  }

  /** The API's and the sign-in's paths, whose answers are about people and their sessions. */
  static boolean carriesPeoplesData(String path) {
    return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/auth/");
  }
}
