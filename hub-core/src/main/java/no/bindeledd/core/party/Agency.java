package no.bindeledd.core.party;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import no.bindeledd.core.InvalidInput;

/**
 * An agency the hub links: the refugee service, a GP office, a school, a kindergarten, NAV. A
 * refugee service, school or kindergarten belongs to one municipality; a GP office or NAV office
 * serves one or more, as GP lists and NAV offices cross municipal borders.
 */
@Entity
@Table(name = "agency")
public class Agency {

  private static final Comparator<MunicipalityNumber> BY_NUMBER =
      Comparator.comparing(MunicipalityNumber::value);

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

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "agency_municipality", joinColumns = @JoinColumn(name = "org_number"))
  @Column(name = "municipality", length = 4, nullable = false)
  private Set<String> municipalities = new HashSet<>();

  protected Agency() {}

  public Agency(
      OrganisationNumber orgNumber,
      String name,
      AgencyKind kind,
      String herId,
      Set<MunicipalityNumber> municipalities) {
    this.orgNumber = orgNumber.value();
    this.name = Objects.requireNonNull(name);
    this.kind = Objects.requireNonNull(kind);
    this.herId = herId;
    serve(municipalities);
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

  /** Records a renamed agency, a new HER-id or the municipalities it serves from configuration. */
  public void describe(
      String name, AgencyKind kind, String herId, Set<MunicipalityNumber> municipalities) {
    this.name = Objects.requireNonNull(name);
    this.kind = Objects.requireNonNull(kind);
    this.herId = herId;
    serve(municipalities);
  }

  private void serve(Set<MunicipalityNumber> serving) {
    if (serving.isEmpty()) {
      throw new InvalidInput("agency " + orgNumber + " serves no municipality");
    }
    if (kind.belongsToOneMunicipality() && serving.size() != 1) {
      throw new InvalidInput(
          "agency "
              + orgNumber
              + " is a municipality's own and belongs to exactly one municipality");
    }
    municipalities.clear();
    serving.forEach(number -> municipalities.add(number.value()));
  }

  /** The municipalities whose people this agency serves, in number order. */
  public Set<MunicipalityNumber> municipalities() {
    return municipalities.stream()
        .map(MunicipalityNumber::new)
        .collect(Collectors.toCollection(() -> new TreeSet<>(BY_NUMBER)));
  }

  public boolean serves(MunicipalityNumber municipality) {
    return municipalities.contains(municipality.value());
  }

  /**
   * The municipality this agency is part of: present for a refugee service, school or kindergarten,
   * empty for an agency that may serve several.
   */
  public Optional<MunicipalityNumber> municipality() {
    if (!kind.belongsToOneMunicipality()) {
      return Optional.empty();
    }
    return municipalities.stream().findFirst().map(MunicipalityNumber::new);
  }

  public boolean is(OrganisationNumber other) {
    return orgNumber.equals(other.value());
  }
}
