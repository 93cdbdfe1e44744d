package no.bindeledd.core.consent;

import java.util.Optional;

/**
 * The answer to "may this flow happen now?": allowed on a named consent, or refused for a reason
 * that the caller can show and the audit log records.
 */
public record ConsentDecision(Flow flow, Consent basis, Refusal refusal, String explanation) {

  /** Why a flow was refused. The codes appear in problem details and audit entries. */
  public enum Refusal {
    NO_CONSENT("no-consent"),
    CONSENT_WITHDRAWN("consent-withdrawn"),
    CONSENT_EXPIRED("consent-expired"),
    CONSENT_NOT_YET_VALID("consent-not-yet-valid"),
    HEALTH_DATA_NOT_ALLOWED("health-data-not-allowed"),
    /** A guardian's health consent waits for the young person, now old enough, to confirm it. */
    AWAITING_CONFIRMATION("awaiting-confirmation"),
    /** The consent needs every guardian, and one has not consented yet. */
    AWAITING_GUARDIANS("awaiting-guardians");

    private final String code;

    Refusal(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  static ConsentDecision allowed(Flow flow, Consent basis) {
    return new ConsentDecision(flow, basis, null, "covered by consent " + basis.id());
  }

  static ConsentDecision refused(Flow flow, Refusal refusal, String explanation) {
    return new ConsentDecision(flow, null, refusal, explanation);
  }

  public boolean isAllowed() {
    return basis != null;
  }

  public Optional<Consent> consent() {
    return Optional.ofNullable(basis);
  }

  public Optional<Refusal> refusalReason() {
    return Optional.ofNullable(refusal);
  }
}
