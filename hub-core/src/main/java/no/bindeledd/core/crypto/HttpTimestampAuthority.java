package no.bindeledd.core.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * An RFC 3161 authority over HTTP (section 3.4 and RFC 5544 practice): the request is POSTed as
 * {@code application/timestamp-query}, and only a 200 answer of type {@code
 * application/timestamp-reply} is taken as a response. Redirects are not followed, both connecting
 * and the whole exchange have time limits, and a response larger than {@value #MAX_RESPONSE_BYTES}
 * bytes is refused. The response is not checked here; {@link Timestamps} does that. Safe to share
 * between threads.
 */
public final class HttpTimestampAuthority implements TimestampAuthority {

  /** Far above any real token, which with a certificate chain is a few kilobytes. */
  public static final int MAX_RESPONSE_BYTES = 1 << 20;

  static final String QUERY_TYPE = "application/timestamp-query";
  static final String REPLY_TYPE = "application/timestamp-reply";

  private final URI uri;
  private final Duration requestTimeout;
  private final HttpClient client;

  /**
   * @param uri the authority's http or https address
   * @param connectTimeout how long to wait for a connection
   * @param requestTimeout how long to wait for the whole answer
   */
  public HttpTimestampAuthority(URI uri, Duration connectTimeout, Duration requestTimeout) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "A time-stamping authority has an http(s) address: " + uri);
    }
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()) {
      throw new IllegalArgumentException("Time limits must be positive");
    }
    this.uri = uri;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public URI uri() {
    return uri;
  }

  @Override
  public byte[] respond(byte[] timestampQuery) throws IOException {
    Objects.requireNonNull(timestampQuery, "timestampQuery");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Content-Type", QUERY_TYPE)
            .header("Accept", REPLY_TYPE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(timestampQuery))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting for " + uri);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(
            "The time-stamping authority at " + uri + " answered HTTP " + response.statusCode());
      }
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!mediaType(type).equals(REPLY_TYPE)) {
        throw new IOException(
            "The time-stamping authority at "
                + uri
                + " answered with content type '"
                + type
                + "', not "
                + REPLY_TYPE);
      }
      byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new IOException(
            "The time-stamping authority at "
                + uri
                + " answered with more than "
                + MAX_RESPONSE_BYTES
                + " bytes");
      }
      return bytes;
    }
  }

  @Override
  public String toString() {
    return "HttpTimestampAuthority[" + uri + "]";
  }

  private static String mediaType(String contentType) {
    int parameters = contentType.indexOf(';');
    String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return type.strip().toLowerCase(Locale.ROOT);
  }
}
