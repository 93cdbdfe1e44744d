package no.bindeledd.web.signin;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import no.bindeledd.web.problem.Problem;
import no.bindeledd.web.problem.ServletProblems;
import no.bindeledd.web.security.SignedInUser;

/**
 * Refuses a state-changing call (anything but GET, HEAD and OPTIONS) that a signed-in browser
 * session makes without the session's own CSRF token in {@value #HEADER}: a page on another site
 * can make the browser send the session cookie, but cannot read the token. A call with a bearer
 * token carries no ambient credential and is left alone, as is a call from no session at all (the
 * API refuses it as unauthenticated). A refusal is logged, with the call and the user, since it is
 * what a forged request from another site looks like.
 */
@WebFilter(
    filterName = "csrf",
    urlPatterns = {"/api/*", "/auth/*"},
    asyncSupported = true)
public class CsrfFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(CsrfFilter.class.getName());

  public static final String HEADER = "X-CSRF-Token";

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Inject transient BrowserSessions sessions;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (SAFE.contains(request.getMethod()) || request.getHeader("Authorization") != null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<SignedInUser> user = sessions.signedIn(request).map(BrowserSessions.Found::user);
    if (user.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    SignedInUser signedIn = user.get();
    String sent = request.getHeader(HEADER);
    if (sent == null
        || !MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8),
            signedIn.csrfToken().getBytes(StandardCharsets.UTF_8))) {
      String call = request.getMethod() + " " + request.getRequestURI();
      LOG.warning(
          () ->
              "A call without its session's CSRF token was refused: "
                  + call
                  + " by "
                  + signedIn.username());
      ServletProblems.send(
          response,
          Problem.of(
                  "csrf-token-invalid",
                  "CSRF token missing or wrong",
                  403,
                  sent == null
                      ? "a call that changes something must carry the session's CSRF token in "
                          + HEADER
                      : "the CSRF token in " + HEADER + " is not this session's")
              .at(request.getRequestURI()));
      return;
    }
    chain.doFilter(request, response);
  }
}
