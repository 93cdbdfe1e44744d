package no.bindeledd.core.crypto;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the content-encryption key travels to the recipient, encrypted with the RSA key of its
 * encryption certificate (CMS KeyTransRecipientInfo). RSA-OAEP with SHA-256 is the hub's default;
 * PKCS#1 v1.5 only for a counterpart that reads nothing else (ADR 0029).
 */
public enum KeyTransport {
  /** RSAES-OAEP, SHA-256 as the hash and in MGF1, empty label (RFC 8017, RFC 4055). */
  RSA_OAEP_SHA256("rsa-oaep-sha256"),
  /** RSAES-PKCS1-v1_5, for counterparts that cannot read OAEP. */
  RSA_PKCS1_V1_5("rsa-pkcs1-v1_5");

  private final String code;

  KeyTransport(String code) {
    this.code = code;
  }

  /** As the deployment file and the documentation spell it. */
  public String code() {
    return code;
  }

  public static Optional<KeyTransport> ofCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }
}
