package no.bindeledd.core.party;

import no.bindeledd.core.InvalidInput;

/**
 * A Norwegian organisation number (organisasjonsnummer): nine digits, the last a modulus-11 check
 * digit over the first eight with weights 3, 2, 7, 6, 5, 4, 3, 2.
 */
public record OrganisationNumber(String value) {

  private static final int[] WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

  public OrganisationNumber {
    if (value == null || !value.matches("\\d{9}")) {
      throw new InvalidInput("organisation number must be nine digits");
    }
    if (checkDigit(value.substring(0, 8)) != value.charAt(8) - '0') {
      throw new InvalidInput("organisation number " + value + " has a wrong check digit");
    }
  }

  public static OrganisationNumber of(String value) {
    return new OrganisationNumber(value == null ? null : value.strip());
  }

  /** The check digit for eight digits, or -1 when no valid one exists (remainder 1). */
  static int checkDigit(String eightDigits) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (eightDigits.charAt(i) - '0') * WEIGHTS[i];
    }
    int remainder = sum % 11;
    if (remainder == 0) {
      return 0;
    }
    return remainder == 1 ? -1 : 11 - remainder;
  }

  @Override
  public String toString() {
    return value;
  }
}
