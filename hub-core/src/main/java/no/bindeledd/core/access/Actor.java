package no.bindeledd.core.access;

import java.util.Objects;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * Who is acting: a signed-in user at an agency in a role, or the hub itself. Every service call
 * that reads or changes personal data takes one, so that access can be checked and audited.
 */
public record Actor(String userId, OrganisationNumber agency, Role role) {

  public static final String HUB_USER = "bindeledd-hub";

  public Actor {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    if (role != Role.HUB && role != Role.UNIDENTIFIED && agency == null) {
      throw new IllegalArgumentException("a user acts for an agency");
    }
  }

  public static Actor hub() {
    return new Actor(HUB_USER, null, Role.HUB);
  }

  /** An agency's own system, as it identified itself by its signature on what it sent. */
  public static Actor agencySystem(OrganisationNumber agency) {
    return new Actor("system@" + agency.value(), agency, Role.AGENCY_SYSTEM);
  }

  /** A caller known only by the name in their token, for recording a refusal. */
  public static Actor unidentified(String name) {
    return new Actor(name, null, Role.UNIDENTIFIED);
  }

  public boolean isAt(OrganisationNumber other) {
    return agency != null && agency.equals(other);
  }

  public boolean is(Role other) {
    return role == other;
  }
}
