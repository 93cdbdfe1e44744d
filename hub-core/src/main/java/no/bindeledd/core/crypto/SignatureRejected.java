package no.bindeledd.core.crypto;

import java.util.Objects;
import java.util.Optional;

/**
 * A message whose signature the hub does not accept. The reason lets callers answer the sending
 * agency precisely; the message is written for people and never carries library stack traces.
 */
public final class SignatureRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a signature was not accepted. */
  public enum Reason {
    /** The bytes are not a CMS SignedData structure the hub can read. */
    MALFORMED,
    /** The signature is detached: the message does not carry the content it signs. */
    NO_CONTENT,
    /** The hub requires exactly one signer, so that a message is attributable to one agency. */
    NOT_ONE_SIGNER,
    /** The signer's certificate is not one of the certificates registered for the agency. */
    UNKNOWN_SIGNER,
    /** The signature or the message digest does not match, or uses an algorithm not accepted. */
    BAD_SIGNATURE,
    /** The signer's certificate was not yet valid when the message was signed or received. */
    CERTIFICATE_NOT_VALID,
    /** The signer's certificate had expired when the message was signed or received. */
    CERTIFICATE_EXPIRED,
    /** The certificate's issuer revoked it: the key may be in someone else's hands. */
    CERTIFICATE_REVOKED,
    /** An administrator withdrew the certificate from the agency's registered ones. */
    CERTIFICATE_WITHDRAWN,
    /**
     * Whether the certificate is revoked cannot be told: no responder answered, and the last answer
     * is too old to rely on (the hub fails closed, see ADR 0024).
     */
    REVOCATION_UNKNOWN,
    /**
     * The signing-time the message states lies after the hub received it, or too long before: a
     * backdated claim is not taken as the moment of signing.
     */
    SIGNING_TIME_NOT_ACCEPTED
  }

  private final Reason reason;
  private final byte[] signedContent;

  public SignatureRejected(Reason reason, String detail) {
    this(reason, detail, null);
  }

  /**
   * A refusal of a message whose signature does verify with the key of a registered certificate,
   * refused for the certificate or the time; {@code signedContent} is what it says.
   */
  public SignatureRejected(Reason reason, String detail, byte[] signedContent) {
    super("Signature rejected (" + Objects.requireNonNull(reason, "reason") + "): " + detail);
    this.reason = reason;
    this.signedContent = signedContent == null ? null : signedContent.clone();
  }

  public Reason reason() {
    return reason;
  }

  /**
   * What a message refused for its certificate or its time says, so that the refusal can be
   * addressed to its sender in the sender's own format. Never to be acted on: the hub did not
   * accept it.
   */
  public Optional<byte[]> signedContent() {
    return Optional.ofNullable(signedContent).map(byte[]::clone);
  }

  /**
   * The reason as problem details and audit entries spell it, such as {@code certificate-revoked}.
   */
  public String code() {
    return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
