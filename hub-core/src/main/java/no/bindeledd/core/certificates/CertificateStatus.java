package no.bindeledd.core.certificates;

/**
 * Where a registered certificate stands. Expiry is not a stored state: a certificate is expired
 * from its notAfter on, whatever its status says.
 */
public enum CertificateStatus {
  /** Accepted for the agency's signatures while valid. */
  ACTIVE,
  /** An administrator took it out of use. */
  WITHDRAWN,
  /** Its issuer revoked it, as an OCSP responder or a CRL told the hub. */
  REVOKED;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
