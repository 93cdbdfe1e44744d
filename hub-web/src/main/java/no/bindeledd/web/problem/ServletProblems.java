package no.bindeledd.web.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes a problem detail from a servlet or a filter, where JAX-RS does not answer. */
public final class ServletProblems {

  private static final Jsonb JSON = JsonbBuilder.create();

  private ServletProblems() {}

  public static void send(HttpServletResponse response, Problem problem) throws IOException {
    String body = JSON.toJson(problem);
    response.setStatus(problem.status());
    response.setContentType(Problem.MEDIA_TYPE.toString());
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(body.getBytes(StandardCharsets.UTF_8).length);
    response.getWriter().write(body);
  }
}
