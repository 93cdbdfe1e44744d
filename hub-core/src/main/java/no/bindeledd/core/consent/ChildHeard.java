package no.bindeledd.core.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;
import java.util.Optional;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.text.TextKind;

/**
 * That the child was heard before a guardian consented for them, by whom and on which day, and, if
 * the child wished it written down, what they said (the Children Act §31). The hub checks that it
 * is recorded; how much weight the child's views carried is for the caseworker and the guardian.
 */
@Embeddable
public class ChildHeard {

  /** Who heard the child: the caseworker, a teacher, a health nurse, by name and role. */
  @Column(name = "child_heard_by", length = 200)
  private String heardBy;

  @Column(name = "child_heard_on")
  private LocalDate heardOn;

  @Column(name = "child_views", length = 1000)
  private String views;

  protected ChildHeard() {}

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

  boolean isPresent() {
    return heardBy != null;
  }
}
