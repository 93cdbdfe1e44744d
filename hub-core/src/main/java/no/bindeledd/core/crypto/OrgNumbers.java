package no.bindeledd.core.crypto;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks the shape of a Norwegian organisation number. Only the nine digits are checked, not the
 * modulus 11 control digit, so that development and test data can use made-up numbers.
 */
final class OrgNumbers {

  private static final Pattern NINE_DIGITS = Pattern.compile("[0-9]{9}");

  private OrgNumbers() {}

  static boolean isValid(String orgNumber) {
    return orgNumber != null && NINE_DIGITS.matcher(orgNumber).matches();
  }

  static String requireValid(String orgNumber) {
    Objects.requireNonNull(orgNumber, "orgNumber");
    if (!isValid(orgNumber)) {
      throw new IllegalArgumentException(
          "An organisation number has nine digits, got \"" + orgNumber + "\"");
    }
    return orgNumber;
  }
}
