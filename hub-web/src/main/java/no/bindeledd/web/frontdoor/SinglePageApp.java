package no.bindeledd.web.frontdoor;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.List;

/**
 * Serves the web app (built from {@code src/main/frontend} into the WAR's root): its hash-named
 * files under {@code /assets/} cached for good, since a new build names them anew; {@code
 * index.html} never cached, so that a browser always learns the current build; and any other path
 * of the app (a bookmarked {@code /people}) answered with {@code index.html}, whose router shows
 * the page. The hub's own paths (the API, its documents, sign-in, health) and anything that looks
 * like a file are left to answer for themselves.
 */
@WebFilter(filterName = "single-page-app", urlPatterns = "/*", asyncSupported = true)
public class SinglePageApp extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final String INDEX = "/index.html";
  static final String ASSETS = "/assets/";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String NEVER_CACHED = "no-cache";

  /** Paths that belong to the hub itself, not to the app. */
  static final List<String> HUB_PATHS =
      List.of(
          "/api", "/openapi", "/api-docs", "/webjars", "/health", "/metrics", "/auth", "/problem");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (!read || isHubPath(path) || answeredByAServlet(request)) {
      chain.doFilter(request, response);
    } else if (path.startsWith(ASSETS)) {
      response.setHeader("Cache-Control", IMMUTABLE);
      chain.doFilter(request, response);
    } else if (path.equals("/") || path.equals(INDEX)) {
      response.setHeader("Cache-Control", NEVER_CACHED);
      chain.doFilter(request, response);
    } else if (looksLikeAFile(path) || getServletContext().getResource(path) != null) {
      chain.doFilter(request, response);
    } else {
      response.setHeader("Cache-Control", NEVER_CACHED);
      request.getRequestDispatcher(INDEX).forward(request, response);
    }
  }

  /**
   * A path that one of the WAR's servlets is mapped to, other than the container's default servlet
   * for static files: it answers for itself, whatever its name (a servlet a test deploys too).
   */
  static boolean answeredByAServlet(HttpServletRequest request) {
    MappingMatch match = request.getHttpServletMapping().getMappingMatch();
    return match != null && match != MappingMatch.DEFAULT && match != MappingMatch.CONTEXT_ROOT;
  }

  static boolean isHubPath(String path) {
    return HUB_PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }

  /** A last segment with a dot in it: a file, which answers 404 when it is not there. */
  static boolean looksLikeAFile(String path) {
    return path.substring(path.lastIndexOf('/') + 1).contains(".");
  }
}
