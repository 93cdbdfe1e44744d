package no.bindeledd.connectors.gp.format;

import java.util.regex.Pattern;

/** The shapes of the identifiers the hub relies on when it writes and reads GP messages. */
final class Identifiers {

  // MsgHead types message ids as plain strings; in practice they are GUIDs. Anything with spaces,
  // markup or unbounded length is refused, so an id can be logged and stored as it came.
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9{}._:-]{1,100}");
  private static final Pattern HER_ID = Pattern.compile("[1-9][0-9]{0,8}");
  // Only the shape: the public samples carry an organisation number with a wrong check digit.
  private static final Pattern ORGANISATION_NUMBER = Pattern.compile("[0-9]{9}");
  // A fødselsnummer starts with its day of birth, 01-31; a D number adds 4 to the first digit.
  private static final Pattern ELEVEN_DIGITS = Pattern.compile("[0-7][0-9]{10}");

  private static final int[] FIRST_WEIGHTS = {3, 7, 6, 1, 8, 9, 4, 5, 2};
  private static final int[] SECOND_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

  private Identifiers() {}

  static boolean isMessageId(String value) {
    return value != null && MESSAGE_ID.matcher(value).matches();
  }

  static void requireMessageId(String value, String name) {
    if (!isMessageId(value)) {
      throw new IllegalArgumentException(
          name + " must be 1 to 100 letters, digits or the characters {}._:-");
    }
  }

  static boolean isHerId(String value) {
    return value != null && HER_ID.matcher(value).matches();
  }

  static boolean isOrganisationNumber(String value) {
    return value != null && ORGANISATION_NUMBER.matcher(value).matches();
  }

  /**
   * Eleven digits starting with a day of birth, and both modulus-11 check digits right: a
   * fødselsnummer or a D number. Synthetic test numbers pass too.
   */
  static boolean isNationalId(String value) {
    return value != null
        && ELEVEN_DIGITS.matcher(value).matches()
        && checkDigit(value, FIRST_WEIGHTS) == value.charAt(9) - '0'
        && checkDigit(value, SECOND_WEIGHTS) == value.charAt(10) - '0';
  }

  private static int checkDigit(String digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    int remainder = sum % 11;
    return remainder == 0 ? 0 : 11 - remainder;
  }
}
