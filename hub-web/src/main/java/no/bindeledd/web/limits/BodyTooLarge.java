package no.bindeledd.web.limits;

import java.io.IOException;

/** The body went over its endpoint's limit while it was read; nothing past the limit was read. */
public final class BodyTooLarge extends IOException {

  private static final long serialVersionUID = 1L;

  private final long limit;

  BodyTooLarge(long limit) {
    super("the body is larger than " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
