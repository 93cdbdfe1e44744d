package no.bindeledd.core.party;

/** The kinds of agency the hub links. The kind decides which connector reaches an agency. */
public enum AgencyKind {
  REFUGEE_SERVICE(true),
  GP_OFFICE(true),
  SCHOOL(false),
  KINDERGARTEN(false),
  NAV(false);

  private final boolean mayReceiveHealthData;

  AgencyKind(boolean mayReceiveHealthData) {
    this.mayReceiveHealthData = mayReceiveHealthData;
  }

  /**
   * Schools, kindergartens and NAV never receive health data, whatever a consent says: they have no
   * duty of confidentiality that matches the GP office's.
   */
  public boolean mayReceiveHealthData() {
    return mayReceiveHealthData;
  }
}
