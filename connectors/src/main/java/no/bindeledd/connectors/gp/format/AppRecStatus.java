package no.bindeledd.connectors.gp.format;

import java.util.Optional;

/** The status of an application receipt (code list 8220), with its official Norwegian name. */
public enum AppRecStatus {
  /** The message was received and processed. */
  OK("1", "OK"),
  /** The message was rejected: nothing of it was processed. */
  REJECTED("2", "Avvist"),
  /** The message was processed, but some of it was in error. */
  OK_WITH_ERRORS("3", "OK, feil i delmelding");

  private final String code;
  private final String displayName;

  AppRecStatus(String code, String displayName) {
    this.code = code;
    this.displayName = displayName;
  }

  /** The code written as Status V. */
  public String code() {
    return code;
  }

  /** The official name written as Status DN. */
  public String displayName() {
    return displayName;
  }

  public static Optional<AppRecStatus> fromCode(String code) {
    for (AppRecStatus status : values()) {
      if (status.code.equals(code)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
