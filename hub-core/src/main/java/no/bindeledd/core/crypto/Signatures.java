package no.bindeledd.core.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import no.bindeledd.core.crypto.bc.CmsSignatures;

/**
 * Signs outgoing messages and verifies incoming ones in the one format the hub speaks: attached CMS
 * SignedData that OpenSSL and other standard tools can check too (see ADR 0004). Safe to share
 * between threads.
 */
public final class Signatures {

  private final CmsSignatures cms = new CmsSignatures();

  /**
   * Signs the content so that the signature carries the content, the signing time and the signer's
   * certificate; a receiver needs nothing else to check it.
   *
   * @return DER-encoded CMS SignedData
   */
  public byte[] sign(byte[] content, SigningKey key) {
    return cms.sign(content, key);
  }

  /**
   * Accepts a message only if its single signer holds one of the agency's registered certificates,
   * exactly: a certificate that merely chains to a trusted CA is not enough, because the hub routes
   * on the identity of the agency, not on who vouches for it.
   *
   * @param acceptedSigners the certificates registered for the agency the message claims to come
   *     from
   * @param at the moment the certificate must be valid at, usually when the hub received the
   *     message
   * @throws SignatureRejected for any message that is not accepted, whatever is wrong with it
   */
  public VerifiedContent verify(
      byte[] cmsDer, Collection<X509Certificate> acceptedSigners, Instant at) {
    return cms.verify(cmsDer, acceptedSigners, at);
  }
}
