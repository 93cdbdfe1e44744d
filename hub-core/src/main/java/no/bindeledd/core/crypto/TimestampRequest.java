package no.bindeledd.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A time-stamp request as sent, with what its response must match.
 *
 * @param encoded the DER TimeStampReq, as {@code openssl ts -query} writes it
 * @param digest the SHA-256 digest to be stamped
 * @param nonce the random nonce the response must repeat
 */
public record TimestampRequest(byte[] encoded, byte[] digest, BigInteger nonce) {

  public TimestampRequest {
    encoded = Objects.requireNonNull(encoded, "encoded").clone();
    digest = Objects.requireNonNull(digest, "digest").clone();
    Objects.requireNonNull(nonce, "nonce");
  }

  @Override
  public byte[] encoded() {
    return encoded.clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TimestampRequest that
        && Arrays.equals(encoded, that.encoded)
        && Arrays.equals(digest, that.digest)
        && nonce.equals(that.nonce);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(encoded), Arrays.hashCode(digest), nonce);
  }

  @Override
  public String toString() {
    return "TimestampRequest[digest="
        + HexFormat.of().formatHex(digest)
        + ", nonce="
        + nonce.toString(16)
        + "]";
  }
}
