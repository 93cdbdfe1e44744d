package no.bindeledd.core.certificates;

import java.util.Locale;
import java.util.Objects;
import no.bindeledd.core.InvalidInput;

/** A certificate the hub will not register for an agency, and precisely why. */
public final class CertificateRefused extends InvalidInput {

  private static final long serialVersionUID = 1L;

  /** Why; the problem detail's {@code refusal} spells it in lower case with hyphens. */
  public enum Reason {
    /** The text is not exactly one PEM certificate. */
    NOT_A_CERTIFICATE,
    /** It chains to no certificate of the trust list. */
    UNTRUSTED_ISSUER,
    NOT_YET_VALID,
    EXPIRED,
    /** A CA's certificate, not an agency's. */
    AUTHORITY_CERTIFICATE,
    /**
     * Its key usage allows neither digitalSignature nor nonRepudiation (signing), or not
     * keyEncipherment (encryption).
     */
    WRONG_KEY_USAGE,
    /** Its subject holds no organisation number in either form, or two different ones. */
    NO_ORGANISATION_NUMBER,
    /** Its organisation number is another agency's. */
    WRONG_ORGANISATION_NUMBER,
    /** Its issuer revoked it. */
    REVOKED,
    /** No OCSP responder or CRL gave a usable answer, so the hub cannot tell (fails closed). */
    REVOCATION_UNKNOWN,
    /** It names neither an OCSP responder nor a CRL, and this hub requires one. */
    NO_REVOCATION_SOURCE,
    /** The same certificate is registered for the agency already. */
    ALREADY_REGISTERED
  }

  private final Reason reason;

  public CertificateRefused(Reason reason, String detail) {
    super(detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  /** Such as {@code wrong-organisation-number}. */
  public String code() {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
