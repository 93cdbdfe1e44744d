package no.bindeledd.core.audit;

/** What happened. The codes are part of the canonical entry form: never rename one. */
public enum AuditAction {
  PERSON_REGISTERED("person.registered"),
  PERSON_READ("person.read"),
  GUARDIAN_LINKED("guardian.linked"),
  /** A person's names and identity number, and what was said about them, were erased. */
  PERSON_ERASED("person.erased"),
  /** A message's body, envelope, receipt and status reason were erased. */
  MESSAGE_ERASED("message.erased"),
  /** The notes of audit entries recorded before a time were erased, their period ended. */
  AUDIT_NOTES_ERASED("audit-notes.erased"),
  CONSENT_RECORDED("consent.recorded"),
  CONSENT_IMPORTED("consent.imported"),
  CONSENT_WITHDRAWN("consent.withdrawn"),
  CONSENT_ENTERED_IN_ERROR("consent.entered-in-error"),
  CONSENT_READ("consent.read"),
  /** The young person confirmed a health consent their guardian gave, once old enough to. */
  CONSENT_CONFIRMED("consent.confirmed"),
  /** A further guardian consented to a consent another guardian gave for their child. */
  CONSENT_GUARDIAN_ADDED("consent.guardian-added"),
  /** A caseworker marked seen the notice that a person withdrew a consent themselves. */
  CONSENT_NOTICE_SEEN("consent-notice.seen"),
  CONSENT_DECISION("consent.decision"),
  MESSAGE_SENT("message.sent"),
  MESSAGE_TRANSMITTED("message.transmitted"),
  MESSAGE_DELIVERED("message.delivered"),
  MESSAGE_HELD("message.held"),
  MESSAGE_FAILED("message.failed"),
  MESSAGE_EXPIRED("message.expired"),
  MESSAGE_REJECTED("message.rejected"),
  RECEIPT_RECEIVED("receipt.received"),
  MESSAGE_OPENED("message.opened"),
  MESSAGE_READ("message.read"),
  /** The recipient of a request declined to answer it; the entry names the request. */
  MESSAGE_DECLINED("message.declined"),
  SIGNATURE_REJECTED("signature.rejected"),
  /** A message from an agency's system not decrypted, or not encrypted where it must be. */
  DECRYPTION_REJECTED("decryption.rejected"),
  REQUEST_REFUSED("request.refused"),
  AUDIT_SEARCHED("audit.searched"),
  AUDIT_EXPORTED("audit.exported"),
  /** Someone took out everything the hub holds about a person (their right of access). */
  PERSON_EXPORTED("person.exported"),
  /** Someone read a person's access log: who got or looked at their data. */
  ACCESS_LOG_READ("access-log.read"),
  /** A certificate was registered for an agency's signatures, by an administrator or at start. */
  CERTIFICATE_REGISTERED("certificate.registered"),
  /** A certificate offered for an agency was refused; the entry says why. */
  CERTIFICATE_REFUSED("certificate.refused"),
  /** An administrator took an agency's certificate out of use. */
  CERTIFICATE_WITHDRAWN("certificate.withdrawn"),
  /** An OCSP responder or a CRL told the hub that an agency's certificate is revoked. */
  CERTIFICATE_REVOKED("certificate.revoked");

  private final String code;

  AuditAction(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
