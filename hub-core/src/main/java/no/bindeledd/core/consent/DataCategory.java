package no.bindeledd.core.consent;

import java.util.Arrays;
import no.bindeledd.core.InvalidInput;

/**
 * What kind of information a consent lets flow. Each category is either health data, which only
 * health services and the refugee service may ever receive, or not.
 */
public enum DataCategory {
  APPOINTMENT_OUTCOMES("appointment-outcomes", true),
  REFERRAL_STATUS("referral-status", true),
  LANGUAGE_SUPPORT_NEEDS("language-support-needs", false),
  INTERPRETER_NEEDS("interpreter-needs", false),
  PARTICIPANT_PLAN("participant-plan", false);

  private final String code;
  private final boolean health;

  DataCategory(String code, boolean health) {
    this.code = code;
    this.health = health;
  }

  public String code() {
    return code;
  }

  public boolean isHealthData() {
    return health;
  }

  public static DataCategory fromCode(String code) {
    return Arrays.stream(values())
        .filter(c -> c.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new InvalidInput("unknown data category: " + code));
  }
}
