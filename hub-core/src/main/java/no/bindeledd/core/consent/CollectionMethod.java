package no.bindeledd.core.consent;

import java.util.Arrays;
import no.bindeledd.core.InvalidInput;

/** How the person's consent was collected: the evidence a receipt and an auditor rely on. */
public enum CollectionMethod {
  PAPER_FORM("paper-form", true),
  SIGNATURE_PAD("signature-pad", true),
  VERBAL_WITH_WITNESS("verbal-with-witness", false);

  private final String code;
  private final boolean hasSignedForm;

  CollectionMethod(String code, boolean hasSignedForm) {
    this.code = code;
    this.hasSignedForm = hasSignedForm;
  }

  public String code() {
    return code;
  }

  /** A signed form exists, so its hash must be recorded. */
  public boolean hasSignedForm() {
    return hasSignedForm;
  }

  public static CollectionMethod fromCode(String code) {
    return Arrays.stream(values())
        .filter(m -> m.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new InvalidInput("unknown collection method: " + code));
  }
}
