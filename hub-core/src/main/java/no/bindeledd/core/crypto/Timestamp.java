package no.bindeledd.core.crypto;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A verified RFC 3161 timestamp. The token is evidence that the digest existed at the generation
 * time, checkable later and by anyone with the authority's certificate, for instance with {@code
 * openssl ts -verify -token_in}. It is copied in and out: nothing after verification may change it.
 *
 * @param token the DER TimeStampToken (CMS SignedData over a TSTInfo)
 * @param genTime the time the authority states it stamped the digest
 * @param serialNumber the authority's serial number for this token
 * @param tsaCertificate the trusted certificate the token's signature was verified with
 * @param policy the authority's policy the token was issued under, as an OID
 */
public record Timestamp(
    byte[] token,
    Instant genTime,
    BigInteger serialNumber,
    X509Certificate tsaCertificate,
    String policy) {

  public Timestamp {
    token = Objects.requireNonNull(token, "token").clone();
    Objects.requireNonNull(genTime, "genTime");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(tsaCertificate, "tsaCertificate");
    Objects.requireNonNull(policy, "policy");
  }

  @Override
  public byte[] token() {
    return token.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Timestamp that
        && Arrays.equals(token, that.token)
        && genTime.equals(that.genTime)
        && serialNumber.equals(that.serialNumber)
        && tsaCertificate.equals(that.tsaCertificate)
        && policy.equals(that.policy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(token), genTime, serialNumber, tsaCertificate, policy);
  }

  @Override
  public String toString() {
    return "Timestamp[genTime="
        + genTime
        + ", serialNumber="
        + serialNumber.toString(16)
        + ", tsa="
        + tsaCertificate.getSubjectX500Principal().getName()
        + ", policy="
        + policy
        + ", token="
        + token.length
        + " bytes]";
  }
}
