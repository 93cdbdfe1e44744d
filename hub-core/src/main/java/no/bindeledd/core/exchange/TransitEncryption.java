package no.bindeledd.core.exchange;

import java.util.Objects;
import no.bindeledd.core.crypto.ContentCipher;
import no.bindeledd.core.crypto.KeyTransport;

/**
 * How the hub encrypts for one agency's own system, and whether it insists on encryption (ADR
 * 0029). With {@code required}, a message for the agency fails when no encryption certificate of
 * the agency is registered, and a message from it that is not encrypted for the hub is refused;
 * without, both go signed only until certificates are in place. Messages are encrypted whenever the
 * agency has an encryption certificate, whatever {@code required} says.
 */
public record TransitEncryption(
    boolean required, KeyTransport keyTransport, ContentCipher contentCipher) {

  /** What an agency gets unless its configuration says otherwise: required, OAEP, GCM. */
  public static final TransitEncryption DEFAULT =
      new TransitEncryption(true, KeyTransport.RSA_OAEP_SHA256, ContentCipher.AES_256_GCM);

  public TransitEncryption {
    Objects.requireNonNull(keyTransport, "keyTransport");
    Objects.requireNonNull(contentCipher, "contentCipher");
  }
}
