package no.bindeledd.core.person;

import java.time.DateTimeException;
import java.time.LocalDate;
import no.bindeledd.core.InvalidInput;

/**
 * A Norwegian national identity number (fødselsnummer) or D number: eleven digits, a birth date, an
 * individual number and two modulus-11 check digits.
 *
 * <p>A D number adds 4 to the first digit of the day. Synthetic numbers, the kind Norway's test
 * environments issue, add 80 (Skatteetaten's Tenor) or 40 (NAV) to the month; the hub accepts them
 * so that demo data and tests never need a real person's number.
 */
public record NationalId(String value) {

  private static final int[] FIRST_WEIGHTS = {3, 7, 6, 1, 8, 9, 4, 5, 2};
  private static final int[] SECOND_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

  public NationalId {
    if (value == null || !value.matches("\\d{11}")) {
      throw new InvalidInput("national identity number must be eleven digits");
    }
    if (checkDigit(value, FIRST_WEIGHTS) != value.charAt(9) - '0'
        || checkDigit(value, SECOND_WEIGHTS) != value.charAt(10) - '0') {
      throw new InvalidInput("national identity number has wrong check digits");
    }
    birthDateOf(value);
  }

  public static NationalId of(String value) {
    return new NationalId(value == null ? null : value.strip());
  }

  public boolean isDNumber() {
    return value.charAt(0) >= '4';
  }

  public boolean isSynthetic() {
    return month(value) > 12;
  }

  public LocalDate birthDate() {
    return birthDateOf(value);
  }

  /**
   * A synthetic number (month + 80) for someone born on {@code birthDate}; {@code sequence} picks
   * among the individual numbers of that day that have valid check digits.
   */
  public static NationalId synthetic(LocalDate birthDate, int sequence) {
    int year = birthDate.getYear();
    int first;
    int last;
    if (year >= 2000 && year <= 2039) {
      first = 500;
      last = 999;
    } else if (year >= 1900 && year <= 1999) {
      first = 0;
      last = 499;
    } else {
      throw new InvalidInput("synthetic numbers are made for births 1900-2039");
    }
    String date =
        String.format(
            "%02d%02d%02d", birthDate.getDayOfMonth(), birthDate.getMonthValue() + 80, year % 100);
    int found = 0;
    for (int individual = first; individual <= last; individual++) {
      String nine = date + String.format("%03d", individual);
      int k1 = checkDigit(nine, FIRST_WEIGHTS);
      if (k1 < 0) {
        continue;
      }
      int k2 = checkDigit(nine + k1, SECOND_WEIGHTS);
      if (k2 < 0) {
        continue;
      }
      if (found++ == sequence) {
        return new NationalId(nine + k1 + k2);
      }
    }
    throw new InvalidInput("no more synthetic numbers for " + birthDate);
  }

  private static int checkDigit(String digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    int remainder = sum % 11;
    if (remainder == 0) {
      return 0;
    }
    return remainder == 1 ? -1 : 11 - remainder;
  }

  private static int month(String value) {
    int month = Integer.parseInt(value.substring(2, 4));
    return month;
  }

  private static LocalDate birthDateOf(String value) {
    int day = Integer.parseInt(value.substring(0, 2));
    if (day > 40) {
      day -= 40;
    }
    int month = month(value);
    if (month > 80) {
      month -= 80;
    } else if (month > 40) {
      month -= 40;
    }
    int yy = Integer.parseInt(value.substring(4, 6));
    int individual = Integer.parseInt(value.substring(6, 9));
    int year;
    if (individual <= 499) {
      year = 1900 + yy;
    } else if (individual <= 749 && yy >= 54) {
      year = 1800 + yy;
    } else if (yy <= 39) {
      year = 2000 + yy;
    } else if (individual >= 900) {
      year = 1900 + yy;
    } else {
      throw new InvalidInput("national identity number has an impossible individual number");
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new InvalidInput("national identity number does not hold a valid birth date");
    }
  }

  /** Shows only the birth date part, so that logs and errors do not spread the whole number. */
  @Override
  public String toString() {
    return value.substring(0, 6) + "*****";
  }
}
