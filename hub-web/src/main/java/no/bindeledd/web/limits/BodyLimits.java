package no.bindeledd.web.limits;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.bindeledd.connectors.gp.GpOfficeConnector;
import no.bindeledd.core.exchange.MessageEnvelope;
import no.bindeledd.core.exchange.MessageExchange;

/**
 * The one table of how large a request body may be, by endpoint. {@link RequestLimitsFilter}
 * applies it before the body is read; nothing else repeats it.
 *
 * <p>A JSON body may be {@link #JSON} bytes, unless the largest body its endpoint accepts needs
 * more. A client may escape every character of a text as {@code \}{@code uXXXX}, six bytes for one
 * UTF-16 unit (Python's {@code json.dumps} does so by default for anything beyond ASCII), so a text
 * field of n characters is counted as 6n bytes. Anything not listed, on any path, gets {@link
 * #JSON} too; that is the smallest limit in the table, so a path written in a way the table does
 * not recognise is held to a stricter limit, never to a laxer one.
 */
public final class BodyLimits {

  /**
   * A JSON body: a participant, a consent with its evidence, a reason (a decline's too), an
   * agency's PEM certificate.
   */
  public static final int JSON = 64 * 1024;

  /**
   * A request, an answer or a plan: the text of a message, which the hub signs and stores, is at
   * most {@link MessageEnvelope#MAX_BODY_LENGTH} (16,000) characters; a question or an answer is
   * that text, a plan is that much JSON. 96,000 bytes escaped, and a few short fields.
   */
  public static final int LONG_TEXT = 128 * 1024;

  /** A FHIR R4 Consent resource: the most the hub's FHIR import reads. */
  public static final int FHIR = 64 * 1024;

  /** A message an agency signed itself (CMS SignedData): as the core accepts it. */
  public static final int SIGNED = MessageExchange.MAX_SIGNED_MESSAGE_BYTES;

  /** A GP office's signed Dialogmelding or AppRec: as the GP connector accepts it. */
  public static final int GP_MESSAGE = GpOfficeConnector.MAX_MESSAGE_BYTES;

  /** A body-taking endpoint: its method, its path template under the context root, its limit. */
  public record Endpoint(String method, String path, int maxBytes) {

    public Endpoint {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a path template starts with /: " + path);
      }
    }

    private Pattern pattern() {
      return Pattern.compile(
          List.of(path.substring(1).split("/")).stream()
              .map(s -> s.startsWith("{") ? "[^/]+" : Pattern.quote(s))
              .collect(Collectors.joining("/", "/", "")));
    }
  }

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("POST", "/api/participants", JSON),
          new Endpoint("POST", "/api/participants/{id}/children", JSON),
          new Endpoint("POST", "/api/participants/{id}/erasure", JSON),
          new Endpoint("POST", "/api/consents", JSON),
          new Endpoint("POST", "/api/consents/{id}/withdrawal", JSON),
          new Endpoint("POST", "/api/consents/{id}/entered-in-error", JSON),
          new Endpoint("POST", "/api/consents/{id}/guardian-consents", JSON),
          new Endpoint("POST", "/api/consents/fhir", FHIR),
          new Endpoint("POST", "/api/requests", LONG_TEXT),
          new Endpoint("POST", "/api/messages/{id}/answers", LONG_TEXT),
          new Endpoint("POST", "/api/messages/{id}/decline", JSON),
          new Endpoint("POST", "/api/messages", SIGNED),
          new Endpoint("POST", "/api/plans", LONG_TEXT),
          new Endpoint("POST", "/api/agencies/{orgNumber}/certificates", JSON),
          new Endpoint("POST", "/api/agencies/{orgNumber}/certificates/{id}/withdrawal", JSON),
          new Endpoint("POST", "/api/connectors/gp-offices/{orgNumber}/messages", GP_MESSAGE),
          new Endpoint("POST", "/api/dev-idp/token", JSON));

  private static final Map<Endpoint, Pattern> PATTERNS =
      ENDPOINTS.stream().collect(Collectors.toUnmodifiableMap(e -> e, Endpoint::pattern));

  private BodyLimits() {}

  /** Every endpoint that takes a body, with its limit. */
  public static List<Endpoint> endpoints() {
    return ENDPOINTS;
  }

  /**
   * The limit for a request. {@code path} is the raw path under the context root; matrix parameters
   * and one trailing slash are ignored, as JAX-RS ignores them when it matches.
   */
  public static int forRequest(String method, String path) {
    String normalised = normalise(path);
    String upper = method.toUpperCase(Locale.ROOT);
    return ENDPOINTS.stream()
        .filter(e -> e.method().equals(upper) && PATTERNS.get(e).matcher(normalised).matches())
        .mapToInt(Endpoint::maxBytes)
        .findFirst()
        .orElse(JSON);
  }

  private static String normalise(String path) {
    String withoutMatrix =
        List.of(path.split("/", -1)).stream()
            .map(s -> s.contains(";") ? s.substring(0, s.indexOf(';')) : s)
            .collect(Collectors.joining("/"));
    return withoutMatrix.length() > 1 && withoutMatrix.endsWith("/")
        ? withoutMatrix.substring(0, withoutMatrix.length() - 1)
        : withoutMatrix;
  }
}
