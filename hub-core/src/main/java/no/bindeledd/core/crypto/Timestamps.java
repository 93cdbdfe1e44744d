package no.bindeledd.core.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Objects;
import no.bindeledd.core.crypto.bc.TimestampTokens;

/**
 * RFC 3161 timestamps for SHA-256 digests, such as that of a signed audit checkpoint: requests with
 * a random nonce that ask for the authority's certificate, and strict checks of what comes back.
 * The tokens are standard, so {@code openssl ts -verify} checks them too. Safe to share between
 * threads.
 *
 * <p>An authority is trusted by its certificate, exactly, as agencies are for signatures (ADR
 * 0004): the token's signer must be one of the given certificates, that certificate must be a
 * time-stamping certificate (extended key usage id-kp-timeStamping only, marked critical) and valid
 * at the token's time, and the signature must verify with SHA-256 or stronger.
 */
public final class Timestamps {

  private static final int NONCE_BITS = 64;

  private final TimestampTokens tokens = new TimestampTokens();
  private final SecureRandom random = new SecureRandom();

  /**
   * A request for the digest, with a fresh nonce.
   *
   * @throws IllegalArgumentException if the digest is not 32 bytes long
   */
  public TimestampRequest request(byte[] sha256Digest) {
    BigInteger nonce = new BigInteger(NONCE_BITS, random);
    return new TimestampRequest(tokens.request(sha256Digest, nonce), sha256Digest, nonce);
  }

  /**
   * Checks the authority's response to the request: status granted (or grantedWithMods, which RFC
   * 3161 also answers with a token), a token for the request's digest and nonce, signed by one of
   * the trusted authorities.
   *
   * @throws TimestampRejected for any response that is not accepted, whatever is wrong with it
   */
  public Timestamp accept(
      TimestampRequest request, byte[] response, Collection<X509Certificate> trustedAuthorities) {
    Objects.requireNonNull(request, "request");
    return tokens.accept(response, request.digest(), request.nonce(), trustedAuthorities);
  }

  /**
   * Asks the authority to stamp the digest and checks its answer.
   *
   * @throws IOException if the authority cannot be reached
   * @throws TimestampRejected if its answer is not accepted
   */
  public Timestamp stamp(
      byte[] sha256Digest,
      TimestampAuthority authority,
      Collection<X509Certificate> trustedAuthorities)
      throws IOException {
    Objects.requireNonNull(authority, "authority");
    TimestampRequest request = request(sha256Digest);
    return accept(request, authority.respond(request.encoded()), trustedAuthorities);
  }

  /**
   * Checks a stored token, offline: it stamps this digest and is signed by one of the trusted
   * authorities. The nonce only matters to the one who asked and is not checked here.
   *
   * @param token a DER TimeStampToken, as {@link Timestamp#token()} returns it
   * @throws TimestampRejected for any token that is not accepted
   */
  public Timestamp verify(
      byte[] token, byte[] sha256Digest, Collection<X509Certificate> trustedAuthorities) {
    return tokens.verify(token, sha256Digest, trustedAuthorities);
  }

  /**
   * Checks a stored token as {@link #verify} does, and also that not one of its bytes can have been
   * altered, as an auditor checking evidence needs. The authority's signature covers the stamp and
   * its signed attributes only; this also requires the rest to be in its one possible form: DER,
   * one signer named exactly as its trusted certificate names it, nothing unsigned that nothing
   * checks, and no certificate that is not byte for byte among the trusted ones. A chain that the
   * authority sends along must therefore be trusted too. Tokens the hub stored from {@link #accept}
   * are DER already.
   *
   * @throws TimestampRejected for any token that is not accepted
   */
  public Timestamp verifyExactly(
      byte[] token, byte[] sha256Digest, Collection<X509Certificate> trustedAuthorities) {
    return tokens.verifyExactly(token, sha256Digest, trustedAuthorities);
  }
}
