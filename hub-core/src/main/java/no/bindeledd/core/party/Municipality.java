package no.bindeledd.core.party;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * A municipality the deployment serves. Its refugee service, schools and kindergartens belong to it
 * alone; its people are registered in it; its audit entries go to a log of its own.
 */
@Entity
@Table(name = "municipality")
public class Municipality {

  @Id
  @Column(name = "number", length = 4)
  private String number;

  @Column(name = "name", nullable = false)
  private String name;

  protected Municipality() {}

  public Municipality(MunicipalityNumber number, String name) {
    this.number = number.value();
    this.name = Objects.requireNonNull(name);
  }

  public MunicipalityNumber number() {
    return new MunicipalityNumber(number);
  }

  public String name() {
    return name;
  }

  /** Records a renamed municipality from configuration. */
  public void rename(String name) {
    this.name = Objects.requireNonNull(name);
  }
}
