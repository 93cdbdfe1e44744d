package no.bindeledd.core.consent;

/**
 * One way in which a consent falls short of letting a flow happen: in the terms it grants, or in
 * its state at the time. A consent covers a flow exactly when it differs from it in none. The codes
 * appear in the API; never rename one.
 */
public enum ConsentDifference {
  /** The consent is about another person. */
  OTHER_SUBJECT("other-subject", true),
  /** The consent names another pair of agencies. */
  OTHER_AGENCIES("other-agencies", true),
  /** The consent names the same two agencies, but lets information flow only the other way. */
  OTHER_DIRECTION("other-direction", true),
  /** The consent does not include the flow's data category. */
  OTHER_CATEGORY("other-category", true),
  /** The consent is for another purpose. */
  OTHER_PURPOSE("other-purpose", true),
  /** The consent is active but its validity period has not begun. */
  NOT_YET_VALID("not-yet-valid", false),
  /** The consent's validity period has ended. */
  EXPIRED("expired", false),
  /** The person withdrew the consent. */
  WITHDRAWN("withdrawn", false),
  /** The consent was recorded in error and never counted. */
  ENTERED_IN_ERROR("entered-in-error", false),
  /**
   * A guardian gave the consent, the subject has since reached the age at which they consent to
   * health flows themselves, and has not confirmed it: it covers no new health flow until they do.
   */
  AWAITING_CONFIRMATION("awaiting-confirmation", false),
  /** Every guardian must consent, and a registered guardian of the child has not yet. */
  AWAITING_GUARDIANS("awaiting-guardians", false);

  private final String code;
  private final boolean aboutTerms;

  ConsentDifference(String code, boolean aboutTerms) {
    this.code = code;
    this.aboutTerms = aboutTerms;
  }

  public String code() {
    return code;
  }

  /** Whether it is about what the consent grants, rather than about its state now. */
  public boolean isAboutTerms() {
    return aboutTerms;
  }
}
