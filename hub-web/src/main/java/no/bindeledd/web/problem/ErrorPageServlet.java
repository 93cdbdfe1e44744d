package no.bindeledd.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * The container's error page: turns errors that happen before JAX-RS (a missing or invalid bearer
 * token, a path outside the API) into RFC 9457 problem details. A bearer token the container
 * refused is logged (the method and path, never the token), so that an operator sees failed
 * sign-ins by token as the browser's are seen in {@code SignInServlet}'s log.
 */
@WebServlet("/problem")
public class ErrorPageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    Problem problem =
        switch (status) {
          case 401 ->
              Problem.of(
                  "not-authenticated",
                  "Not authenticated",
                  401,
                  "a valid bearer token from the hub's identity provider is required");
          case 403 -> Problem.of("access-denied", "Access denied", 403, null);
          case 404 -> Problem.of("not-found", "Not found", 404, null);
          case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405, null);
          default -> Problem.of("server-error", "Server error", status, null);
        };
    if (uri != null) {
      problem = problem.at(uri.toString());
    }
    if (status == 401 && request.getHeader("Authorization") != null) {
      String method = request.getMethod();
      LOG.warning(() -> "A bearer token was refused: " + method + " " + printable(uri));
    }
    ServletProblems.send(response, problem);
  }

  /**
   * The path as a log line may hold it: no line breaks or other control characters of a caller's.
   */
  static String printable(Object uri) {
    return String.valueOf(uri).replaceAll("\\p{Cntrl}", "?");
  }
}
