package no.bindeledd.core.retention;

import no.bindeledd.core.InvalidInput;

/** Why a person's data is erased (GDPR Art. 17(1)); the code goes into the audit entry. */
public enum ErasureGround {
  /** The retention period of the person's data ended. */
  RETENTION_ENDED("retention-ended"),
  /** The data is no longer needed for the purpose it was collected for (Art. 17(1)(a)). */
  NO_LONGER_NEEDED("no-longer-needed"),
  /** The person withdrew the consent the processing rested on (Art. 17(1)(b)). */
  CONSENT_WITHDRAWN("consent-withdrawn"),
  /** The person objected, and no overriding legitimate grounds remain (Art. 17(1)(c)). */
  OBJECTION("objection"),
  /** The data was processed unlawfully (Art. 17(1)(d)). */
  UNLAWFUL("unlawful");

  private final String code;

  ErasureGround(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** A ground a caseworker may give; the end of a retention period is the hub's alone. */
  public static ErasureGround requested(String code) {
    for (ErasureGround ground : values()) {
      if (ground != RETENTION_ENDED && ground.code.equals(code)) {
        return ground;
      }
    }
    throw new InvalidInput(
        "ground is one of no-longer-needed, consent-withdrawn, objection, unlawful");
  }
}
