package no.bindeledd.web.signin;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.person.NationalId;
import no.bindeledd.web.Languages;
import no.bindeledd.web.Roles;
import no.bindeledd.web.platform.HubSettings;
import no.bindeledd.web.problem.Problem;
import no.bindeledd.web.problem.ServletProblems;
import no.bindeledd.web.security.AssuranceLevels;
import no.bindeledd.web.security.SignedInUser;

/**
 * The browser's way in and out, outside the API:
 *
 * <ul>
 *   <li>{@code GET /auth/login?returnTo=/path} starts a sign-in and sends the browser to the
 *       provider's login page; with {@code as=citizen}, a person's sign-in at ID-porten (with
 *       {@code acr_values} for the substantial level, and {@code ui_locales} from {@code lang});
 *   <li>{@code GET /auth/callback} is where the provider sends it back: the sign-in is completed,
 *       on whichever node it lands, the session gets a new id and its user, and the browser goes to
 *       where it started;
 *   <li>{@code GET /auth/session} tells the page whether it is signed in, and gives it the
 *       session's CSRF token (401 when not signed in);
 *   <li>{@code POST /auth/logout} (with the CSRF token) ends the session and answers where to end
 *       it at the provider.
 * </ul>
 */
@WebServlet("/auth/*")
public class SignInServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(SignInServlet.class.getName());

  static final String CLEAR_SITE_DATA = "\"cache\"";

  @Inject SignIn signIn;
  @Inject HubSettings settings;
  @Inject Clock clock;
  @Inject BrowserSessions sessions;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    switch (String.valueOf(request.getPathInfo())) {
      case "/login" -> login(request, response);
      case "/callback" -> callback(request, response);
      case "/session" -> session(request, response);
      default -> notFound(request, response);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    if ("/logout".equals(request.getPathInfo())) {
      logout(request, response);
    } else {
      notFound(request, response);
    }
  }

  private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Audience> audience = Audience.of(request.getParameter("as"));
    if (audience.isEmpty()) {
      ServletProblems.send(
          response,
          Problem.of(
                  "invalid-input",
                  "Invalid input",
                  400,
                  "as is staff (the default) or citizen, who signs in at ID-porten")
              .at(request.getRequestURI()));
      return;
    }
    Optional<OidcClient> client = signIn.clientFor(audience.get());
    if (client.isEmpty()) {
      ServletProblems.send(
          response,
          Problem.of(
                  "sign-in-not-configured",
                  "Sign-in not configured",
                  404,
                  audience.get() == Audience.CITIZEN
                      ? "this hub has no sign-in for citizens (hub.oidc.citizen.issuer)"
                      : "this hub has no OpenID Connect provider for browsers (hub.oidc.issuer)")
              .at(request.getRequestURI()));
      return;
    }
    try {
      OidcClient.LoginStart start =
          client
              .get()
              .beginLogin(
                  appPath(request.getParameter("returnTo")),
                  uiLocale(request.getParameter("lang")));
      sessions.begin(response, start.pending());
      response.sendRedirect(start.authorizationRequest().toString());
    } catch (SignInFailed e) {
      LOG.warning(() -> "A sign-in could not start: " + e.getMessage());
      ServletProblems.send(
          response,
          Problem.of("sign-in-unavailable", "Sign-in unavailable", 503, e.getMessage())
              .at(request.getRequestURI()));
    }
  }

  private void callback(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<PendingLogin> pending = sessions.takePending(request);
    Optional<OidcClient> client = pending.flatMap(started -> signIn.clientFor(started.audience()));
    if (pending.isEmpty() || client.isEmpty()) {
      LOG.info("A sign-in callback came without a sign-in under way in its session");
      response.sendRedirect("/?signInFailed");
      return;
    }
    PendingLogin login = pending.get();
    String query = request.getQueryString();
    URI callback =
        URI.create(client.get().settings().redirectUri() + "?" + (query == null ? "" : query));
    try {
      OidcClient.Identity identity = client.get().completeLogin(callback, login);
      SignedInUser user;
      if (login.audience() == Audience.CITIZEN) {
        Optional<Problem> refused = citizenRefusal(identity);
        if (refused.isPresent()) {
          LOG.warning(() -> "A citizen's sign-in was refused: " + refused.get().detail());
          ServletProblems.send(response, refused.get().at(request.getRequestURI()));
          return;
        }
        // The role comes from the client the person signed in through, never from a claim.
        user =
            new SignedInUser(
                identity.username(),
                identity.displayName(),
                List.of(Roles.CITIZEN),
                null,
                clock.instant(),
                SignIn.randomToken(),
                identity.idToken(),
                client.get().settings().issuer().toString(),
                identity.claims().get("pid").toString(),
                identity.claims().get("acr").toString());
      } else {
        Object agency = identity.claims().get(settings.agencyClaim());
        user =
            new SignedInUser(
                identity.username(),
                identity.displayName(),
                identity.groups(),
                agency == null ? null : agency.toString(),
                clock.instant(),
                SignIn.randomToken(),
                identity.idToken(),
                client.get().settings().issuer().toString(),
                null,
                null);
      }
      // A new session at sign-in, so that an id planted before it is worth nothing after.
      sessions.signIn(response, user);
      LOG.info(() -> "Signed in through the identity provider: " + user.username());
      response.sendRedirect(login.returnTo());
    } catch (SignInFailed e) {
      LOG.warning(() -> "A sign-in failed: " + e.getMessage());
      response.sendRedirect("/?signInFailed");
    }
  }

  private void session(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<SignedInUser> user = signedIn(request);
    if (user.isEmpty()) {
      ServletProblems.send(
          response,
          Problem.of("not-authenticated", "Not authenticated", 401, "this browser is not signed in")
              .at(request.getRequestURI()));
      return;
    }
    writeJson(
        response,
        Json.createObjectBuilder()
            .add("csrfToken", user.get().csrfToken())
            .add("signedInAt", user.get().signedInAt().toString())
            .add("idleTimeoutSeconds", settings.sessionIdleTimeout().toSeconds())
            .build()
            .toString());
  }

  private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<SignedInUser> user = sessions.end(request, response);
    // The browser drops what it may have kept of the hub's answers. Not "cookies": that would
    // clear every site's cookies under the hub's registrable domain (a municipality's other
    // services); the hub's own cookie is expired by BrowserSessions.end. Not "storage": it holds
    // only the chosen language and the auditor's pinned log key, no one's data.
    response.setHeader("Clear-Site-Data", CLEAR_SITE_DATA);
    Audience audience =
        user.map(SignedInUser::isCitizen).orElse(false) ? Audience.CITIZEN : Audience.STAFF;
    URI endSession =
        signIn
            .clientFor(audience)
            .map(c -> c.endSession(user.map(SignedInUser::idToken).orElse(null)))
            .orElse(URI.create("/signed-out"));
    user.ifPresent(u -> LOG.info(() -> "Signed out: " + u.username()));
    writeJson(
        response,
        Json.createObjectBuilder().add("endSession", endSession.toString()).build().toString());
  }

  private Optional<SignedInUser> signedIn(HttpServletRequest request) {
    return sessions.signedIn(request).map(BrowserSessions.Found::user);
  }

  /**
   * Why a citizen's validated sign-in is not let in, if it is not: a level of assurance below
   * substantial, or no national identity number ({@code pid}) that the hub can read.
   */
  static Optional<Problem> citizenRefusal(OidcClient.Identity identity) {
    Object acr = identity.claims().get("acr");
    if (!AssuranceLevels.accepted(acr)) {
      return Optional.of(
          Problem.of(
              "sign-in-level-too-low",
              "Sign-in level too low",
              403,
              "you signed in at "
                  + (acr == null ? "no stated level" : "the level " + acr)
                  + "; the hub shows a person's own data only after a sign-in at the substantial"
                  + " level or higher (MinID, BankID, Buypass or Commfides); sign in again with"
                  + " one of those"));
    }
    Object pid = identity.claims().get("pid");
    boolean readable;
    try {
      readable = pid instanceof String number && NationalId.of(number) != null;
    } catch (InvalidInput e) {
      readable = false;
    }
    if (!readable) {
      return Optional.of(
          Problem.of(
              "sign-in-without-identity",
              "Sign-in without a national identity number",
              403,
              "the sign-in did not say who you are (no valid pid claim)"));
    }
    return Optional.empty();
  }

  /** The language the provider's pages should be in, if the app named one it can tag. */
  private static Optional<Locale> uiLocale(String lang) {
    if (lang == null || lang.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Languages.parse(lang, "lang"));
    } catch (InvalidInput e) {
      return Optional.empty();
    }
  }

  /**
   * A path of this app to return to after signing in; anything else (another host, "//host", a
   * backslash) becomes "/", so that the sign-in cannot be used to send someone elsewhere.
   */
  static String appPath(String returnTo) {
    if (returnTo == null
        || !returnTo.startsWith("/")
        || returnTo.startsWith("//")
        || returnTo.contains("\\")
        || returnTo.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "/";
    }
    return returnTo;
  }

  private static void notFound(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletProblems.send(
        response, Problem.of("not-found", "Not found", 404, null).at(request.getRequestURI()));
  }

  private static void writeJson(HttpServletResponse response, String json) throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json);
  }
}
