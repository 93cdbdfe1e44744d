package no.bindeledd.web.problem;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.transaction.TransactionalException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.certificates.CertificateRefused;
import no.bindeledd.core.consent.NoCoveringConsent;
import no.bindeledd.core.crypto.SignatureRejected;
import no.bindeledd.core.exchange.MessageHeld;
import no.bindeledd.core.exchange.RecipientBehind;
import no.bindeledd.web.json.MalformedBody;
import no.bindeledd.web.live.LiveStreams;
import no.bindeledd.web.operations.HubMetrics;
import org.glassfish.jersey.server.ParamException;

/**
 * Every error leaves the API as an RFC 9457 problem detail with a 4xx status, a 503 with {@code
 * Retry-After} while the database cannot be reached or the recipient's deliveries are too far
 * behind, or a bare 500 that names no internals. One mapper per exception family keeps the mapping
 * in one place.
 */
public final class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

  private ProblemMappers() {}

  static Response respond(Problem problem, UriInfo uri) {
    return (uri == null ? problem : problem.at(uri.getRequestUri().getRawPath())).toResponse();
  }

  /**
   * The core's exceptions, malformed JSON, and anything unexpected. JAX-RS picks the most specific
   * mapper, so validation and JAX-RS's own errors go to the mappers below instead.
   */
  @Provider
  public static class DomainMapper implements ExceptionMapper<RuntimeException> {
    @Context UriInfo uri;
    @Inject RefusalRecorder refusals;
    @Inject HubMetrics metrics;

    @Override
    public Response toResponse(RuntimeException e) {
      if (DatabaseUnavailable.is(e)) {
        return databaseUnavailable(e, uri);
      }
      if (DatabaseUnavailable.isBusy(e)) {
        return databaseBusy(e, uri);
      }
      if (e instanceof RecipientBehind behind) {
        metrics.refusedForLag(behind.recipient().value());
        return recipientBehind(behind, uri);
      }
      return respond(problemFor(e), uri);
    }

    private Problem problemFor(RuntimeException e) {
      if (e instanceof CertificateRefused refused) {
        return refused.reason() == CertificateRefused.Reason.ALREADY_REGISTERED
            ? Problem.of("conflict", "Conflict", 409, e.getMessage()).withRefusal(refused.code())
            : Problem.of("certificate-refused", "Certificate refused", 400, e.getMessage())
                .withRefusal(refused.code());
      }
      if (e instanceof InvalidInput) {
        return Problem.of("invalid-input", "Invalid input", 400, e.getMessage());
      }
      if (e instanceof NotFound) {
        return Problem.of("not-found", "Not found", 404, e.getMessage());
      }
      if (e instanceof Conflict) {
        return Problem.of("conflict", "Conflict", 409, e.getMessage());
      }
      if (e instanceof AccessDenied) {
        refusals.record(uri, "access-denied", e.getMessage());
        return Problem.of("access-denied", "Access denied", 403, e.getMessage());
      }
      if (e instanceof NoCoveringConsent refused) {
        return Problem.of("no-covering-consent", "No consent covers this", 403, e.getMessage())
            .withRefusal(refused.decision().refusalReason().map(r -> r.code()).orElse(null));
      }
      if (e instanceof MessageHeld) {
        return Problem.of("message-held", "Message held", 403, e.getMessage());
      }
      if (e instanceof SignatureRejected rejected) {
        return Problem.of("signature-rejected", "Signature rejected", 400, e.getMessage())
            .withRefusal(rejected.code());
      }
      if (e instanceof LiveStreams.TooManyStreams) {
        return Problem.of("too-many-streams", "Too many live streams", 429, e.getMessage());
      }
      if (e instanceof MalformedBody malformed) {
        return malformed(malformed);
      }
      if (e instanceof JsonbException
          || e instanceof JsonException
          || e instanceof ProcessingException) {
        return Problem.of(
            "malformed-body",
            "Malformed request body",
            400,
            "the body is not valid JSON of the expected shape");
      }
      LOG.log(Level.SEVERE, "unexpected error", e);
      return Problem.of(
          "server-error", "Server error", 500, "the hub could not complete the request");
    }
  }

  private static Problem malformed(MalformedBody e) {
    Problem problem =
        Problem.of("malformed-body", "Malformed request body", 400, e.getMessage())
            .withRefusal(e.kind());
    return e.field()
        .map(
            field ->
                problem.withViolations(
                    List.of(
                        Map.of(
                            "field",
                            field,
                            "message",
                            e.getMessage().startsWith(field + " ")
                                ? e.getMessage().substring(field.length() + 1)
                                : e.getMessage()))))
        .orElse(problem);
  }

  /**
   * A query, path, header or form parameter that could not be converted to its type: by the JAX-RS
   * rules a 404 for query and path parameters, though the resource exists and the client sent a
   * value it cannot have. It is a 400 that names the parameter and what it must be.
   */
  @Provider
  public static class ParameterMapper implements ExceptionMapper<ParamException> {
    @Context UriInfo uri;
    @Context ResourceInfo resource;

    @Override
    public Response toResponse(ParamException e) {
      String name = e.getParameterName();
      String expected = "must be " + expected(javaType(e));
      Problem problem =
          Problem.of(
                  "invalid-input",
                  "Invalid input",
                  400,
                  "the " + where(e.getParameterType()) + " " + name + " " + expected)
              .withViolations(List.of(Map.of("field", name, "message", expected)));
      return respond(problem, uri);
    }

    private Class<?> javaType(ParamException e) {
      Method method = resource == null ? null : resource.getResourceMethod();
      if (method == null) {
        return null;
      }
      for (Parameter parameter : method.getParameters()) {
        if (e.getParameterName().equals(nameOf(parameter, e.getParameterType()))) {
          return parameter.getType();
        }
      }
      return null;
    }

    private static String nameOf(Parameter parameter, Class<? extends Annotation> kind) {
      Annotation annotation = parameter.getAnnotation(kind);
      if (annotation instanceof QueryParam q) {
        return q.value();
      }
      if (annotation instanceof PathParam p) {
        return p.value();
      }
      if (annotation instanceof HeaderParam h) {
        return h.value();
      }
      if (annotation instanceof FormParam f) {
        return f.value();
      }
      if (annotation instanceof CookieParam c) {
        return c.value();
      }
      if (annotation instanceof MatrixParam m) {
        return m.value();
      }
      return null;
    }

    private static String expected(Class<?> type) {
      if (type == int.class || type == Integer.class) {
        return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
      }
      if (type == long.class || type == Long.class) {
        return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
      }
      return type == null ? "a valid value" : "a valid " + type.getSimpleName();
    }

    private static String where(Class<? extends Annotation> kind) {
      if (kind == QueryParam.class) {
        return "query parameter";
      }
      if (kind == PathParam.class) {
        return "path parameter";
      }
      if (kind == HeaderParam.class) {
        return "header";
      }
      if (kind == FormParam.class) {
        return "form field";
      }
      if (kind == CookieParam.class) {
        return "cookie";
      }
      return "parameter";
    }
  }

  @Provider
  public static class ConstraintViolationMapper
      implements ExceptionMapper<ConstraintViolationException> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(ConstraintViolationException e) {
      List<Map<String, String>> violations =
          e.getConstraintViolations().stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .map(ConstraintViolationMapper::describe)
              .toList();
      Problem problem =
          Problem.of(
                  "invalid-input",
                  "Invalid input",
                  400,
                  "the request breaks " + violations.size() + " rule(s)")
              .withViolations(violations);
      return respond(problem, uri);
    }

    private static Map<String, String> describe(ConstraintViolation<?> violation) {
      String path = violation.getPropertyPath().toString();
      // Drop the method and parameter names ("create.body.") that mean nothing to a client.
      String field =
          path.contains(".") ? path.substring(path.indexOf('.', path.indexOf('.') + 1) + 1) : path;
      return Map.of("field", field, "message", violation.getMessage());
    }
  }

  static Response databaseUnavailable(Exception e, UriInfo uri) {
    LOG.log(Level.WARNING, "the database is unavailable: {0}", e.toString());
    return Response.fromResponse(
            respond(
                Problem.of(
                    "database-unavailable",
                    "Database unavailable",
                    503,
                    "the hub could not reach its database to store the request; send it"
                        + " again later"),
                uri))
        .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
        .build();
  }

  static Response databaseBusy(Exception e, UriInfo uri) {
    LOG.log(Level.WARNING, "the database was too busy for a request: {0}", e.toString());
    return Response.fromResponse(
            respond(
                Problem.of(
                    "database-busy",
                    "Hub busy",
                    503,
                    "the hub was too busy to store the request in time, and stored nothing of it;"
                        + " send it again shortly"),
                uri))
        .header("Retry-After", String.valueOf(DatabaseUnavailable.BUSY_RETRY_AFTER_SECONDS))
        .build();
  }

  /**
   * A new request to an agency whose deliveries are too far behind: nothing was stored, and the
   * same request sent after {@code Retry-After} seconds is taken once the agency has caught up. Not
   * audited, as nothing about a person was decided or looked at; the refusals are counted in the
   * metrics instead.
   */
  static Response recipientBehind(RecipientBehind e, UriInfo uri) {
    return Response.fromResponse(
            respond(
                Problem.of(
                    "recipient-behind", "The agency's deliveries are behind", 503, e.getMessage()),
                uri))
        .header("Retry-After", String.valueOf(e.retryAfter().toSeconds()))
        .build();
  }

  /**
   * A transaction the container could not commit or roll back, because the connection it ran on was
   * lost with the database. Jersey's own mapper for these rethrows them, which makes a bare 500;
   * this one, ahead of it, answers as for any other lost database.
   */
  @Provider
  @Priority(1)
  public static class TransactionalMapper implements ExceptionMapper<TransactionalException> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(TransactionalException e) {
      if (DatabaseUnavailable.is(e) || DatabaseUnavailable.isTransactionFailure(e)) {
        return databaseUnavailable(e, uri);
      }
      if (DatabaseUnavailable.isBusy(e)) {
        return databaseBusy(e, uri);
      }
      LOG.log(Level.SEVERE, "unexpected error", e);
      return respond(
          Problem.of("server-error", "Server error", 500, "the hub could not complete the request"),
          uri);
    }
  }

  /** JAX-RS's own errors (404 for unknown paths, 405, 406, 415, 401) keep their status. */
  @Provider
  public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
    @Context UriInfo uri;
    @Inject RefusalRecorder refusals;

    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      int status = original.getStatus();
      if (status >= 500) {
        LOG.log(Level.SEVERE, "server error", e);
        return respond(Problem.of("server-error", "Server error", status, null), uri);
      }
      if (status == 403) {
        refusals.record(uri, "role-not-allowed", null);
      }
      Problem problem = Problem.of(kindOf(status), reason(status), status, e.getMessage());
      return Response.fromResponse(original)
          .type(Problem.MEDIA_TYPE)
          .entity(uri == null ? problem : problem.at(uri.getRequestUri().getRawPath()))
          .build();
    }

    private static String kindOf(int status) {
      return switch (status) {
        case 400 -> "bad-request";
        case 401 -> "not-authenticated";
        case 403 -> "access-denied";
        case 404 -> "not-found";
        case 405 -> "method-not-allowed";
        case 406 -> "not-acceptable";
        case 413 -> "too-large";
        case 415 -> "unsupported-media-type";
        default -> "http-" + status;
      };
    }

    private static String reason(int status) {
      Response.Status known = Response.Status.fromStatusCode(status);
      return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
  }
}
