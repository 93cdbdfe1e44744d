package no.bindeledd.core.crypto;

import java.security.cert.X509Certificate;
import java.util.Collection;
import no.bindeledd.core.crypto.bc.CmsEnvelopes;

/**
 * Encrypts what leaves the hub for its recipient's encryption certificate and opens what was
 * encrypted for the hub's, in the forms OpenSSL's {@code cms} command reads and writes: CMS
 * EnvelopedData (RFC 5652) with AES-256-CBC, AuthEnvelopedData (RFC 5083) with AES-256-GCM, the key
 * transported with RSA-OAEP (SHA-256) or PKCS#1 v1.5. What is encrypted is a signed message: the
 * hub signs, then encrypts (ADR 0029). Safe to share between threads.
 */
public final class Envelopes {

  /** The largest encrypted message the hub opens, in bytes. */
  public static final int MAX_ENCRYPTED_BYTES = 2 * 1024 * 1024;

  private final CmsEnvelopes cms = new CmsEnvelopes();

  /**
   * Encrypts the content so that only the holder of the certificate's private key reads it.
   *
   * @return DER-encoded CMS AuthEnvelopedData for GCM, EnvelopedData for CBC
   */
  public byte[] encrypt(
      byte[] content, X509Certificate recipient, KeyTransport transport, ContentCipher cipher) {
    return cms.encrypt(content, recipient, transport, cipher);
  }

  /**
   * Opens a message encrypted for one of the keys, at most {@code maxBytes} long encrypted.
   *
   * @throws DecryptionRejected for any message that is not opened, whatever is wrong with it
   */
  public Decrypted decrypt(byte[] enveloped, Collection<EncryptionKey> keys, int maxBytes) {
    return cms.decrypt(enveloped, keys, maxBytes);
  }

  /**
   * Whether the bytes claim to be CMS EnvelopedData or AuthEnvelopedData, read from the outer
   * content type alone; anything unreadable is not.
   */
  public boolean isEncrypted(byte[] message) {
    return cms.isEnveloped(message);
  }

  /** What an encrypted message held, for whom, and how it was encrypted. */
  public record Decrypted(
      byte[] content, EncryptionKey recipient, KeyTransport transport, ContentCipher cipher) {

    public Decrypted {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }
  }
}
