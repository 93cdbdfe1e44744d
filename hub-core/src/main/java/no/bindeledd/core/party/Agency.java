package no.bindeledd.core.party;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;

/** An agency the hub links: the refugee service, a GP office, a school, a kindergarten, NAV. */
@Entity
@Table(name = "agency")
public class Agency {

  @Id
  @Column(name = "org_number", length = 9)
  private String orgNumber;

  @Column(name = "name", nullable = false)
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", nullable = false, length = 32)
  private AgencyKind kind;

  @Column(name = "her_id", length = 20)
  private String herId;

  protected Agency() {}

  public Agency(OrganisationNumber orgNumber, String name, AgencyKind kind, String herId) {
    this.orgNumber = orgNumber.value();
    this.name = Objects.requireNonNull(name);
    this.kind = Objects.requireNonNull(kind);
    this.herId = herId;
  }

  public OrganisationNumber orgNumber() {
    return new OrganisationNumber(orgNumber);
  }

  public String name() {
    return name;
  }

  public AgencyKind kind() {
    return kind;
  }

  public String herId() {
    return herId;
  }

  /** Records a renamed agency or a new HER-id from configuration. */
  public void describe(String name, AgencyKind kind, String herId) {
    this.name = Objects.requireNonNull(name);
    this.kind = Objects.requireNonNull(kind);
    this.herId = herId;
  }

  public boolean is(OrganisationNumber other) {
    return orgNumber.equals(other.value());
  }
}
