package no.bindeledd.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page: turns errors that happen before JAX-RS (a missing or invalid bearer
 * token, a path outside the API) into RFC 9457 problem details.
 */
@WebServlet("/problem")
public class ErrorPageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

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
    ServletProblems.send(response, problem);
  }
}
