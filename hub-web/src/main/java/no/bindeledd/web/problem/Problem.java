package no.bindeledd.web.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code type} is a URI naming the kind of problem; the hub's own kinds
 * live under {@link #TYPE_BASE} and are listed in the API documentation.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "refusal", "violations"})
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String refusal,
    List<Map<String, String>> violations) {

  public static final String TYPE_BASE = "https://bindeledd.no/problems/";
  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

  public static Problem of(String kind, String title, int status, String detail) {
    return new Problem(TYPE_BASE + kind, title, status, detail, null, null, null);
  }

  public Problem withRefusal(String code) {
    return new Problem(type, title, status, detail, instance, code, violations);
  }

  public Problem withViolations(List<Map<String, String>> list) {
    return new Problem(type, title, status, detail, instance, refusal, list);
  }

  public Problem at(String path) {
    return new Problem(type, title, status, detail, path, refusal, violations);
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }
}
