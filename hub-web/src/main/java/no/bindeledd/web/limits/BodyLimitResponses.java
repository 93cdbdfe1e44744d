package no.bindeledd.web.limits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import no.bindeledd.web.problem.Problem;

/**
 * Answers 413 for a request whose body went over its limit while the API read it. The reader that
 * met the limit may have passed {@link BodyTooLarge} on (mapped here), or failed in its own way (a
 * JSON parser's error, say, which another mapper answered); the one true answer is that the body
 * was too large, so the response filter replaces whatever answer came of the failure. The same for
 * a body that stopped arriving before its end (408).
 */
@Provider
public class BodyLimitResponses implements ExceptionMapper<BodyTooLarge>, ContainerResponseFilter {

  @Context HttpServletRequest servletRequest;
  @Context UriInfo uri;

  @Override
  public Response toResponse(BodyTooLarge e) {
    return Response.status(413)
        .type(Problem.MEDIA_TYPE)
        .entity(tooLarge(e.limit()).at(uri.getRequestUri().getRawPath()))
        .build();
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    var refusal = LimitedBody.refusal(servletRequest);
    if (refusal.isPresent()) {
      Problem problem = refusal.get().at(request.getUriInfo().getRequestUri().getRawPath());
      response.getHeaders().clear();
      if (RequestLimitsFilter.isHttp1(servletRequest)) {
        response.getHeaders().putSingle("Connection", "close");
      }
      response.setStatus(problem.status());
      response.setEntity(problem, new Annotation[0], Problem.MEDIA_TYPE);
    }
  }

  /**
   * The answer to a body that stopped arriving: RFC 9110 section 15.5.9 (408), with the connection
   * closed, as that section asks.
   */
  static Problem stalled() {
    return Problem.of(
        "body-timeout",
        "Request timeout",
        408,
        "the body stopped arriving before its end; send the whole body without pausing");
  }

  static Problem tooLarge(long limit) {
    return Problem.of(
        "body-too-large",
        "Content too large",
        413,
        "the body for this endpoint is at most " + limit + " bytes (" + limit / 1024 + " KiB)");
  }
}
