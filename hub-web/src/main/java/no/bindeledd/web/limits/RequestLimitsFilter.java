package no.bindeledd.web.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import no.bindeledd.web.problem.Problem;
import no.bindeledd.web.problem.ServletProblems;

/**
 * Refuses, before anything reads it, a request that is larger than the hub takes: a request-target
 * over {@link #MAX_TARGET} bytes (414, RFC 9112 section 3), a header section over {@link
 * #MAX_HEADERS} bytes or over {@link #MAX_FIELDS} fields (431, RFC 6585 section 5), or a declared
 * body length over its endpoint's {@link BodyLimits limit} (413, RFC 9110 section 15.5.14). The
 * answer is written and flushed at once (over HTTP/1.1 with {@code Connection: close}), so that a
 * client learns of it while it is still sending; the server discards whatever the client sends
 * after it.
 *
 * <p>A body without a declared length (chunked) is passed on bounded by its limit ({@link
 * LimitedBody}). Whoever meets the limit while reading it fails in its own way, and the request is
 * answered 413 all the same: by {@link BodyLimitResponses} inside the API, and here for a failure
 * that JAX-RS passes on to the container.
 *
 * <p>Payara's own HTTP layer refuses a request head larger than its header buffer, or with more
 * fields than it takes, with a bare 400 before any filter runs; the hub's launch configuration
 * ({@code config/payara/preboot.asadmin}) sets both far above these limits, so that the hub itself
 * answers. Applies to every path of the hub's web module, the API and whatever else it serves.
 */
@WebFilter(filterName = "request-limits", urlPatterns = "/*", asyncSupported = true)
public class RequestLimitsFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** The request-target: path and query. RFC 9112 asks a server to support at least 8,000. */
  public static final int MAX_TARGET = 8 * 1024;

  /** The header section, names and values, counted as on the wire. */
  public static final int MAX_HEADERS = 16 * 1024;

  /** Header fields in one request. */
  public static final int MAX_FIELDS = 100;

  /** What the hub reads and drops of an HTTP/2 body after answering it, at most. */
  static final long MAX_DISCARDED = 64L * 1024 * 1024;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    long target = targetBytes(request);
    if (target > MAX_TARGET) {
      refuse(
          request,
          response,
          Problem.of(
              "uri-too-long",
              "URI too long",
              414,
              "the request-target (path and query) is "
                  + target
                  + " bytes; the hub accepts at most "
                  + MAX_TARGET));
      return;
    }
    HeaderSection headers = HeaderSection.of(request);
    if (headers.fields() > MAX_FIELDS) {
      refuse(
          request,
          response,
          Problem.of(
              "headers-too-large",
              "Request header fields too large",
              431,
              "the request has "
                  + headers.fields()
                  + " header fields; the hub accepts at most "
                  + MAX_FIELDS));
      return;
    }
    if (headers.bytes() > MAX_HEADERS) {
      refuse(
          request,
          response,
          Problem.of(
              "headers-too-large",
              "Request header fields too large",
              431,
              "the header section is "
                  + headers.bytes()
                  + " bytes; the hub accepts at most "
                  + MAX_HEADERS
                  + ". The largest field is "
                  + abbreviated(headers.largest())
                  + ", "
                  + headers.largestBytes()
                  + " bytes"));
      return;
    }
    int limit = BodyLimits.forRequest(request.getMethod(), path);
    long declared = request.getContentLengthLong();
    if (declared > limit && isHttp1(request)) {
      refuse(request, response, BodyLimitResponses.tooLarge(limit));
      return;
    }
    LimitedBody limited = new LimitedBody(request, limit);
    LimitAwareResponse answer = new LimitAwareResponse(limited, response);
    try {
      chain.doFilter(limited, answer);
    } catch (IOException | ServletException | RuntimeException e) {
      // Whoever met the limit failed in its own way; the answer is 413 all the same.
      if (!LimitedBody.refused(request)) {
        throw e;
      }
      if (!response.isCommitted()) {
        response.reset();
        refuse(request, response, LimitedBody.refusal(request).orElseThrow());
      }
    }
    if (!isHttp1(request) && !request.isAsyncStarted()) {
      discardTheRest(request, response, !answer.errorSent);
    }
  }

  /**
   * Over HTTP/2, reads and drops what the client still sends of its body after it was answered (a
   * 413, or any answer given before the body was read: a 400, a 401), up to {@link #MAX_DISCARDED}
   * bytes. Payara's HTTP/2 layer treats the end of a body that arrives after the answer as an error
   * of the whole connection and closes it, taking the answer and every other stream on it along;
   * over HTTP/1.1 it discards the rest itself. The answer goes out first, unless it is an error the
   * container has still to write (its error page).
   */
  private static void discardTheRest(
      HttpServletRequest request, HttpServletResponse response, boolean answerFirst) {
    try {
      if (request.getInputStream().isFinished()) {
        return;
      }
      if (answerFirst) {
        response.flushBuffer();
      }
      byte[] buffer = new byte[64 * 1024];
      long discarded = 0;
      int n;
      while (discarded < MAX_DISCARDED && (n = request.getInputStream().read(buffer)) >= 0) {
        discarded += n;
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or stopped sending, or the body was read as text: nothing to drop.
    }
  }

  /**
   * Answers 413 where the API gave up with an error status because the body went over its limit
   * (JAX-RS reads a form itself and fails the request, bypassing the API's mappers), and notes
   * whether an error was left for the container to write.
   */
  private static final class LimitAwareResponse extends HttpServletResponseWrapper {
    private final HttpServletRequest request;
    private boolean errorSent;

    LimitAwareResponse(HttpServletRequest request, HttpServletResponse response) {
      super(response);
      this.request = request;
    }

    @Override
    public void sendError(int status) throws IOException {
      sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      if (LimitedBody.refused(request) && !isCommitted()) {
        reset();
        refuse(
            request,
            (HttpServletResponse) getResponse(),
            LimitedBody.refusal(request).orElseThrow());
      } else if (message == null) {
        errorSent = true;
        super.sendError(status);
      } else {
        errorSent = true;
        super.sendError(status, message);
      }
    }
  }

  private static long targetBytes(HttpServletRequest request) {
    String query = request.getQueryString();
    return request.getRequestURI().length() + (query == null ? 0 : query.length() + 1L);
  }

  private static String abbreviated(String name) {
    return name.length() <= 64 ? name : name.substring(0, 64) + "...";
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, Problem problem)
      throws IOException {
    String uri = request.getRequestURI();
    closeAfter(request, response);
    ServletProblems.send(response, uri.length() <= MAX_TARGET ? problem.at(uri) : problem);
    response.flushBuffer();
  }

  /**
   * Asks the client of an HTTP/1.x connection not to send more on it. HTTP/2 has no such header
   * (RFC 9113 section 8.2.2): there the answer ends the stream, and the connection stays.
   */
  static void closeAfter(HttpServletRequest request, HttpServletResponse response) {
    if (isHttp1(request)) {
      response.setHeader("Connection", "close");
    }
  }

  static boolean isHttp1(HttpServletRequest request) {
    return request.getProtocol().startsWith("HTTP/1.");
  }

  /** The size of the header section, its number of fields and its largest field. */
  private record HeaderSection(int fields, long bytes, String largest, long largestBytes) {

    static HeaderSection of(HttpServletRequest request) {
      int fields = 0;
      long total = 0;
      String largest = null;
      long largestBytes = 0;
      for (String name : Collections.list(request.getHeaderNames())) {
        for (String value : Collections.list(request.getHeaders(name))) {
          // "Name: value" and its line end.
          long field = name.length() + 2L + value.length() + 2L;
          fields++;
          total += field;
          if (field > largestBytes) {
            largest = name;
            largestBytes = field;
          }
        }
      }
      return new HeaderSection(fields, total, largest, largestBytes);
    }
  }
}
