package no.bindeledd.core.party;

/** The kinds of agency the hub links. The kind decides which connector reaches an agency. */
public enum AgencyKind {
  REFUGEE_SERVICE(true, true),
  GP_OFFICE(true, false),
  SCHOOL(false, true),
  KINDERGARTEN(false, true),
  NAV(false, false);

  private final boolean mayReceiveHealthData;
  private final boolean belongsToOneMunicipality;

  AgencyKind(boolean mayReceiveHealthData, boolean belongsToOneMunicipality) {
    this.mayReceiveHealthData = mayReceiveHealthData;
    this.belongsToOneMunicipality = belongsToOneMunicipality;
  }

  /**
   * A refugee service, school or kindergarten is the municipality's own and belongs to exactly one;
   * a GP office or NAV office may serve people of several.
   */
  public boolean belongsToOneMunicipality() {
    return belongsToOneMunicipality;
  }

  /**
   * Schools, kindergartens and NAV never receive health data, whatever a consent says: they have no
   * duty of confidentiality that matches the GP office's.
   */
  public boolean mayReceiveHealthData() {
    return mayReceiveHealthData;
  }
}
