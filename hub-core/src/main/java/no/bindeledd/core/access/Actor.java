package no.bindeledd.core.access;

import java.util.Objects;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * Who is acting: a signed-in user at an agency in a role, a person signed in as themselves (a
 * citizen), or the hub itself. Every service call that reads or changes personal data takes one, so
 * that access can be checked and audited.
 *
 * @param person for a citizen, the hub's id of the person they are; null for everyone else
 */
public record Actor(String userId, OrganisationNumber agency, Role role, String person) {

  public static final String HUB_USER = "bindeledd-hub";

  public Actor {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    if (role == Role.CITIZEN) {
      if (person == null || agency != null) {
        throw new IllegalArgumentException("a citizen acts as one person, for no agency");
      }
    } else {
      if (person != null) {
        throw new IllegalArgumentException("only a citizen acts as a person");
      }
      if (role == Role.ADMINISTRATOR && agency != null) {
        throw new IllegalArgumentException("an administrator acts for no agency");
      }
      if (role != Role.HUB
          && role != Role.UNIDENTIFIED
          && role != Role.ADMINISTRATOR
          && agency == null) {
        throw new IllegalArgumentException("a user acts for an agency");
      }
    }
  }

  /** A user at an agency in a role (or the hub, or an unidentified caller). */
  public Actor(String userId, OrganisationNumber agency, Role role) {
    this(userId, agency, role, null);
  }

  /**
   * A person signed in as themselves, known to the hub by {@code personId}. The user id names the
   * person by the hub's id, never by their national identity number, so that the audit log does not
   * spread it.
   */
  public static Actor citizen(String personId) {
    return new Actor("person:" + personId, null, Role.CITIZEN, personId);
  }

  /** The hub's operator, for no agency. */
  public static Actor administrator(String userId) {
    return new Actor(userId, null, Role.ADMINISTRATOR);
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

  /** Whether this is a citizen signed in as the person {@code personId}. */
  public boolean isPerson(String personId) {
    return role == Role.CITIZEN && person.equals(personId);
  }
}
