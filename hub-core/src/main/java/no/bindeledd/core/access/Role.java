package no.bindeledd.core.access;

import java.util.Arrays;
import java.util.Optional;
import no.bindeledd.core.party.AgencyKind;

/**
 * What a signed-in user does, as carried in the token's {@code groups} claim. Each role belongs to
 * one kind of agency, except the auditor, who works for the municipality, the administrator, who
 * runs the hub, and the citizen, who is the person the data is about.
 */
public enum Role {
  CASEWORKER("caseworker", AgencyKind.REFUGEE_SERVICE),
  GP_STAFF("gp-staff", AgencyKind.GP_OFFICE),
  SCHOOL_LIAISON("school-liaison", AgencyKind.SCHOOL),
  KINDERGARTEN_LIAISON("kindergarten-liaison", AgencyKind.KINDERGARTEN),
  NAV_ADVISER("nav-adviser", AgencyKind.NAV),
  /**
   * A municipality's auditor (its data protection officer), at one of its own agencies (a refugee
   * service, school or kindergarten), who reads that municipality's audit log; or, at no agency,
   * the hub's auditor, who reads the hub's own log. Never at a GP office or NAV office, which may
   * serve several municipalities.
   */
  AUDITOR("auditor", null),
  /**
   * The hub's operator, who registers and withdraws agencies' certificates and sees nothing of the
   * people or messages. Works at no agency.
   */
  ADMINISTRATOR("administrator", null),
  /**
   * A person signed in as themselves, through the national electronic ID (ID-porten), acting for
   * themselves and for the children they may act for. Works at no agency.
   */
  CITIZEN("citizen", null),
  /**
   * An agency's own system (a GP office's record system, say) speaking through a connector. Known
   * by its signature, never by a token.
   */
  AGENCY_SYSTEM("agency-system", null),
  /** The hub itself, acting in its delivery routes. Never carried in a token. */
  HUB("hub", null),
  /** A caller whose token the hub could not map to a role and agency; only ever refused. */
  UNIDENTIFIED("unidentified", null);

  private final String code;
  private final AgencyKind agencyKind;

  Role(String code, AgencyKind agencyKind) {
    this.code = code;
    this.agencyKind = agencyKind;
  }

  public String code() {
    return code;
  }

  /** The kind of agency a holder of this role works at, if the role is tied to one. */
  public Optional<AgencyKind> agencyKind() {
    return Optional.ofNullable(agencyKind);
  }

  public static Optional<Role> fromCode(String code) {
    return Arrays.stream(values())
        .filter(r -> r != HUB && r != UNIDENTIFIED && r != AGENCY_SYSTEM && r.code.equals(code))
        .findFirst();
  }
}
