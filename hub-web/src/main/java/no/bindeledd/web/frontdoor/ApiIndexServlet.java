package no.bindeledd.web.frontdoor;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api} itself: where the API is described and where a browser signs in, instead of a
 * bare "not found". An exact mapping, so it comes before the API's own {@code /api/*}.
 */
@WebServlet({"/api", "/api/"})
public class ApiIndexServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Jsonb JSON = JsonbBuilder.create();

  /** Where to read about the API and how to sign in, as paths on this hub. */
  public record ApiIndex(String name, String document, String browse, String signIn) {}

  static final ApiIndex INDEX =
      new ApiIndex("Bindeledd hub API", "/openapi", "/api-docs/", "/auth/login");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.toJson(INDEX));
  }
}
