package no.bindeledd.core.consent;

import java.time.LocalDate;
import java.util.Optional;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.text.TextKind;

/**
 * That the child was heard before a guardian consented for them, by whom and on which day, and, if
 * the child wished it written down, what they said (the Children Act §31). The hub checks that it
 * is recorded; how much weight the child's views carried is for the caseworker and the guardian.
 * Who heard the child and what they said are stored sealed with the rest of the consent's evidence
 * ({@link ConsentEvidence}).
 */
public class ChildHeard {

  /** Who heard the child: the caseworker, a teacher, a health nurse, by name and role. */
  private final String heardBy;

  private final LocalDate heardOn;

  private final String views;

  /** The day first, so that this unchecked constructor cannot be taken for the checked one. */
  private ChildHeard(LocalDate heardOn, String heardBy, String views) {
    this.heardBy = heardBy;
    this.heardOn = heardOn;
    this.views = views;
  }

  /** The hearing as the hub stored it: checked when recorded, not again. */
  static ChildHeard restored(String heardBy, LocalDate heardOn, String views) {
    return new ChildHeard(heardOn, heardBy, views);
  }

  public ChildHeard(String heardBy, LocalDate heardOn, String views) {
    if (heardBy == null || heardBy.isBlank()) {
      throw new InvalidInput("childHeard.heardBy: say who heard the child");
    }
    if (heardBy.length() > 200) {
      throw new InvalidInput("childHeard.heardBy is longer than 200 characters");
    }
    TextKind.NAME.require("childHeard.heardBy", heardBy);
    if (heardOn == null) {
      throw new InvalidInput("childHeard.heardOn: say on which day the child was heard");
    }
    if (views != null && views.length() > 1000) {
      throw new InvalidInput("childHeard.views is longer than 1000 characters");
    }
    TextKind.MULTI_LINE.require("childHeard.views", views);
    this.heardBy = heardBy.strip();
    this.heardOn = heardOn;
    this.views = views == null || views.isBlank() ? null : views.strip();
  }

  public String heardBy() {
    return heardBy;
  }

  public LocalDate heardOn() {
    return heardOn;
  }

  public Optional<String> views() {
    return Optional.ofNullable(views);
  }
}
