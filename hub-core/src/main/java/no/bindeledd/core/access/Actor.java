package no.bindeledd.core.access;

import java.util.Objects;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * Who is acting: a signed-in user at an agency in a role, a person signed in as themselves (a
 * citizen), the hub's operator or auditor (at no agency), or the hub itself. Every service call
 * that reads or changes personal data takes one, so that access can be checked and audited.
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
          && role != Role.AUDITOR
          && agency == null) {
        throw new IllegalArgumentException("a user acts for an agency");
      }
    }
  }

  /**
   * A signed-in member of staff at {@code agency} in {@code role}, if the role belongs there: a
   * role tied to a kind of agency only at that kind, and an auditor only at a municipality's own
   * agency (a refugee service, school or kindergarten), whose municipality's log they read. An
   * auditor at a GP office or NAV office, which may serve several municipalities, would belong to
   * none of them, and is refused.
   *
   * @throws AccessDenied if the role does not belong at the agency
   */
  public static Actor staff(String userId, Agency agency, Role role) {
    if (role.agencyKind().isPresent() && role.agencyKind().get() != agency.kind()) {
      throw new AccessDenied("the role " + role.code() + " does not belong at " + agency.name());
    }
    if (role == Role.AUDITOR && agency.municipality().isEmpty()) {
      throw new AccessDenied(
          "an auditor works at a municipality's own agency or at none, not at " + agency.name());
    }
    if (role.agencyKind().isEmpty() && role != Role.AUDITOR) {
      throw new AccessDenied("the role " + role.code() + " acts for no agency");
    }
    return new Actor(userId, agency.orgNumber(), role);
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

  /**
   * The hub's auditor, at no agency: reads the hub's own audit log (what belongs to no
   * municipality, such as agency certificates and refusals of unknown callers) and no
   * municipality's.
   */
  public static Actor hubAuditor(String userId) {
    return new Actor(userId, null, Role.AUDITOR);
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

  /** Whether this is the hub's auditor, who works at no agency and for no municipality. */
  public boolean isHubAuditor() {
    return role == Role.AUDITOR && agency == null;
  }

  public boolean is(Role other) {
    return role == other;
  }

  /** Whether this is a citizen signed in as the person {@code personId}. */
  public boolean isPerson(String personId) {
    return role == Role.CITIZEN && person.equals(personId);
  }
}
