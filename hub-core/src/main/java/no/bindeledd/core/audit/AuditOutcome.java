package no.bindeledd.core.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * How it ended. ALLOWED, REFUSED and HELD are consent decisions, as in IHE BALP's consent decision
 * record; SUCCESS and FAILURE are everything else.
 */
public enum AuditOutcome {
  ALLOWED("allowed"),
  REFUSED("refused"),
  HELD("held"),
  SUCCESS("success"),
  FAILURE("failure");

  private final String code;

  AuditOutcome(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<AuditOutcome> fromCode(String code) {
    return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
  }
}
