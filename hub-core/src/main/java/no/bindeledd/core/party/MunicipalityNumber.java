package no.bindeledd.core.party;

import no.bindeledd.core.InvalidInput;

/**
 * A Norwegian municipality number (kommunenummer): four digits, the first two the county's. The hub
 * keeps each municipality's people, consents and audit log apart by it.
 */
public record MunicipalityNumber(String value) {

  public MunicipalityNumber {
    if (value == null || !value.matches("\\d{4}")) {
      throw new InvalidInput("a municipality number must be four digits");
    }
  }

  public static MunicipalityNumber of(String value) {
    return new MunicipalityNumber(value == null ? null : value.strip());
  }

  @Override
  public String toString() {
    return value;
  }
}
