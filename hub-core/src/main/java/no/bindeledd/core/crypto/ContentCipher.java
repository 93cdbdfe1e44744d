package no.bindeledd.core.crypto;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the content itself is encrypted. AES-256-GCM is authenticated and travels as CMS
 * AuthEnvelopedData (RFC 5083), as OpenSSL writes it; AES-256-CBC travels as EnvelopedData (RFC
 * 5652) for counterparts that read nothing newer.
 */
public enum ContentCipher {
  AES_256_GCM("aes-256-gcm"),
  AES_256_CBC("aes-256-cbc");

  private final String code;

  ContentCipher(String code) {
    this.code = code;
  }

  /** As the deployment file, OpenSSL and the documentation spell it. */
  public String code() {
    return code;
  }

  public static Optional<ContentCipher> ofCode(String code) {
    return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
  }
}
