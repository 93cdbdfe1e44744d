package no.bindeledd.core.text;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a language's texts have been checked by a qualified translator. A reader who relies on a
 * draft should know it is one, and the Norwegian text beside it is the one that counts.
 */
public enum ReviewStatus {
  /** Written without a qualified translator's review. */
  DRAFT("draft"),
  /** Written or checked by a qualified translator (or the project's own language). */
  REVIEWED("reviewed");

  private final String code;

  ReviewStatus(String code) {
    this.code = code;
  }

  /** The code in the bundles and the JSON: draft or reviewed. */
  public String code() {
    return code;
  }

  public static Optional<ReviewStatus> fromCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
  }
}
