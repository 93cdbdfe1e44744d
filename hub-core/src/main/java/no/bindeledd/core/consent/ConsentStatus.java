package no.bindeledd.core.consent;

/** The FHIR Consent states the hub uses. Only ACTIVE lets information flow. */
public enum ConsentStatus {
  ACTIVE("active"),
  WITHDRAWN("inactive"),
  EXPIRED("inactive"),
  ENTERED_IN_ERROR("entered-in-error");

  private final String fhirCode;

  ConsentStatus(String fhirCode) {
    this.fhirCode = fhirCode;
  }

  /** FHIR R4 has no "withdrawn" or "expired": both are "inactive" there. */
  public String fhirCode() {
    return fhirCode;
  }
}
