package no.bindeledd.core.crypto;

import java.io.IOException;

/**
 * The way to an RFC 3161 time-stamping authority: a DER TimeStampReq in, a DER TimeStampResp out.
 * Implementations only carry bytes; {@link Timestamps} builds requests and checks the answers, so a
 * transport never has to be trusted.
 */
@FunctionalInterface
public interface TimestampAuthority {

  /**
   * Sends the request and returns the authority's response as it came.
   *
   * @throws IOException if the authority cannot be reached or does not answer with a response
   */
  byte[] respond(byte[] timestampQuery) throws IOException;
}
