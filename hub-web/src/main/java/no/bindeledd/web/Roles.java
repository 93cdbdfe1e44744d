package no.bindeledd.web;

/**
 * The role names as they appear in tokens' {@code groups} claim and in {@code @RolesAllowed}; the
 * same codes as {@link no.bindeledd.core.access.Role}.
 */
public final class Roles {

  public static final String CASEWORKER = "caseworker";
  public static final String GP_STAFF = "gp-staff";
  public static final String SCHOOL_LIAISON = "school-liaison";
  public static final String KINDERGARTEN_LIAISON = "kindergarten-liaison";
  public static final String NAV_ADVISER = "nav-adviser";
  public static final String AUDITOR = "auditor";

  /** The hub's operator: registers and withdraws agencies' certificates, for no agency. */
  public static final String ADMINISTRATOR = "administrator";

  /** A person signed in as themselves (ID-porten), for no agency. */
  public static final String CITIZEN = "citizen";

  private Roles() {}
}
