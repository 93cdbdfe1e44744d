package no.bindeledd.web.limits;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import no.bindeledd.web.problem.Problem;

/**
 * The request as the application sees it: its body ends at the endpoint's limit. A body without a
 * declared length (chunked) is counted as it is read; the read that would pass the limit fails with
 * {@link BodyTooLarge} and marks the request, so that whoever answers it answers 413. A body that
 * stops arriving before its end is marked too, and answered 408.
 */
final class LimitedBody extends HttpServletRequestWrapper {

  /** Set on the request, to the limit as a {@code Long}, once its body went over it. */
  static final String EXCEEDED = LimitedBody.class.getName() + ".exceeded";

  private final long limit;
  private ServletInputStream stream;

  LimitedBody(HttpServletRequest request, long limit) {
    super(request);
    this.limit = limit;
  }

  /**
   * Set on the request once reading its body failed underneath: the client stopped sending before
   * the body's end and the HTTP layer's read timeout ended the wait, or the connection broke.
   */
  static final String STALLED = LimitedBody.class.getName() + ".stalled";

  static boolean exceeded(HttpServletRequest request) {
    return request.getAttribute(EXCEEDED) != null;
  }

  /** Whether the body went over its limit or stopped arriving: either way the hub answers. */
  static boolean refused(HttpServletRequest request) {
    return exceeded(request) || request.getAttribute(STALLED) != null;
  }

  /** The answer to a request whose body went over its limit or stopped arriving, if it did. */
  static Optional<Problem> refusal(HttpServletRequest request) {
    if (request.getAttribute(EXCEEDED) instanceof Long limit) {
      return Optional.of(BodyLimitResponses.tooLarge(limit));
    }
    if (request.getAttribute(STALLED) != null) {
      return Optional.of(BodyLimitResponses.stalled());
    }
    return Optional.empty();
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (stream == null) {
      stream = new Counted(super.getInputStream());
    }
    return stream;
  }

  @Override
  public BufferedReader getReader() throws IOException {
    String encoding = getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    return new BufferedReader(new InputStreamReader(getInputStream(), charset));
  }

  @FunctionalInterface
  private interface Read {
    int read() throws IOException;
  }

  private final class Counted extends ServletInputStream {
    private final ServletInputStream body;
    private long read;

    Counted(ServletInputStream body) {
      this.body = body;
    }

    @Override
    public int read() throws IOException {
      refuseOnceOver();
      int b = stallAware(() -> body.read());
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      refuseOnceOver();
      if (length == 0) {
        return 0;
      }
      // At most one byte past the limit: a body of exactly the limit ends cleanly, one byte more
      // is seen, and nothing beyond that is read.
      int n = stallAware(() -> body.read(buffer, offset, (int) Math.min(length, limit - read + 1)));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    /**
     * Reads, and marks the request when the read fails underneath: a client that sent a head and
     * part of its body, or a chunk's size line, and then nothing, is ended by the HTTP layer's read
     * timeout; the hub answers 408 and closes, instead of whatever the reader makes of it.
     */
    private int stallAware(Read read) throws IOException {
      try {
        return read.read();
      } catch (BodyTooLarge e) {
        throw e;
      } catch (IOException e) {
        setAttribute(STALLED, Boolean.TRUE);
        throw e;
      }
    }

    private void refuseOnceOver() throws BodyTooLarge {
      if (read > limit) {
        throw tooLarge();
      }
    }

    private void count(int bytes) throws BodyTooLarge {
      read += bytes;
      refuseOnceOver();
    }

    private BodyTooLarge tooLarge() {
      setAttribute(EXCEEDED, limit);
      return new BodyTooLarge(limit);
    }

    @Override
    public boolean isFinished() {
      return body.isFinished();
    }

    @Override
    public boolean isReady() {
      return body.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      body.setReadListener(listener);
    }
  }
}
