package no.bindeledd.core.certificates;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an agency's certificate is registered for. The health network issues an enterprise separate
 * certificates for signing and for encryption (ADR 0029): the hub verifies signatures under the
 * signing ones only, and encrypts for the encryption ones only.
 */
public enum CertificateUse {
  /** The hub accepts the agency's signatures under it: digitalSignature or nonRepudiation. */
  SIGNING,
  /** The hub encrypts for the agency with it: keyEncipherment. */
  ENCRYPTION;

  /** As the API and the audit log spell it: {@code signing}, {@code encryption}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CertificateUse> ofCode(String code) {
    return Arrays.stream(values()).filter(u -> u.code().equals(code)).findFirst();
  }
}
