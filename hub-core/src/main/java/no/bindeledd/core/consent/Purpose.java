package no.bindeledd.core.consent;

import java.util.Arrays;
import no.bindeledd.core.InvalidInput;

/** Why information may flow. A consent covers exactly one purpose. */
public enum Purpose {
  INTRODUCTION_PROGRAMME_FOLLOW_UP("introduction-programme-follow-up"),
  SCHOOL_START_FOLLOW_UP("school-start-follow-up"),
  KINDERGARTEN_START_FOLLOW_UP("kindergarten-start-follow-up"),
  PARTICIPANT_PLAN_SHARING("participant-plan-sharing");

  private final String code;

  Purpose(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Purpose fromCode(String code) {
    return Arrays.stream(values())
        .filter(p -> p.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new InvalidInput("unknown purpose: " + code));
  }
}
