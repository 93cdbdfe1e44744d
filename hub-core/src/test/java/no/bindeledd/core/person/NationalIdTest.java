package no.bindeledd.core.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import no.bindeledd.core.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NationalIdTest {

  @Test
  void syntheticNumbersAreValidAndKeepTheirBirthDate() {
    LocalDate born = LocalDate.of(1988, 3, 14);
    for (int i = 0; i < 20; i++) {
      NationalId id = NationalId.synthetic(born, i);
      assertThat(NationalId.of(id.value())).isEqualTo(id);
      assertThat(id.birthDate()).isEqualTo(born);
      assertThat(id.isSynthetic()).isTrue();
      assertThat(id.isDNumber()).isFalse();
    }
  }

  @Test
  void childrenBornThisCenturyGetTheirCentury() {
    LocalDate born = LocalDate.of(2018, 6, 2);
    assertThat(NationalId.synthetic(born, 0).birthDate()).isEqualTo(born);
  }

  @Test
  void dNumbersAddFourToTheDay() {
    NationalId ordinary = NationalId.synthetic(LocalDate.of(1990, 1, 5), 0);
    String asD = (char) (ordinary.value().charAt(0) + 4) + ordinary.value().substring(1, 9);
    NationalId dNumber = withCheckDigits(asD);
    assertThat(dNumber.isDNumber()).isTrue();
    assertThat(dNumber.birthDate()).isEqualTo(LocalDate.of(1990, 1, 5));
  }

  @Test
  void everySingleDigitChangeIsCaught() {
    String valid = NationalId.synthetic(LocalDate.of(1979, 11, 30), 3).value();
    for (int i = 0; i < 11; i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d == valid.charAt(i)) {
          continue;
        }
        String changed = valid.substring(0, i) + d + valid.substring(i + 1);
        assertThatThrownBy(() -> NationalId.of(changed))
            .as(changed)
            .isInstanceOf(InvalidInput.class);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1234567890", "123456789012", "1234567890a", "12345 67890"})
  void rejectsMalformedNumbers(String value) {
    assertThatThrownBy(() -> NationalId.of(value)).isInstanceOf(InvalidInput.class);
  }

  @Test
  void rejectsAnImpossibleBirthDateEvenWithValidCheckDigits() {
    assertThatThrownBy(() -> withCheckDigits("310288000")).isInstanceOf(InvalidInput.class);
  }

  @Test
  void printsOnlyTheBirthDatePart() {
    NationalId id = NationalId.synthetic(LocalDate.of(1988, 3, 14), 0);
    assertThat(id.toString()).startsWith(id.value().substring(0, 6)).doesNotContain(id.value());
  }

  @Test
  void aSyntheticDNumberAddsFortyToTheDayAndEightyToTheMonth() {
    NationalId id = NationalId.of(eleven("4592" + "10", 500, 999));

    assertThat(id.isDNumber()).isTrue();
    assertThat(id.isSynthetic()).isTrue();
    assertThat(id.birthDate()).isEqualTo(LocalDate.of(2010, 12, 5));
  }

  @Test
  void navsSyntheticNumbersAddFortyToTheMonth() {
    NationalId id = NationalId.of(eleven("1546" + "10", 500, 999));

    assertThat(id.isSynthetic()).isTrue();
    assertThat(id.isDNumber()).isFalse();
    assertThat(id.birthDate()).isEqualTo(LocalDate.of(2010, 6, 15));
  }

  @Test
  void aNavSyntheticDNumberAddsFortyToBoth() {
    NationalId id = NationalId.of(eleven("5546" + "10", 500, 999));

    assertThat(id.isDNumber()).isTrue();
    assertThat(id.birthDate()).isEqualTo(LocalDate.of(2010, 6, 15));
  }

  @Test
  void aMonthThatIsNeitherRealNorSyntheticIsRefused() {
    for (String month : List.of("13", "21", "40", "53", "80", "93")) {
      String number = eleven("15" + month + "10", 500, 999);
      assertThatThrownBy(() -> NationalId.of(number)).as(month).isInstanceOf(InvalidInput.class);
    }
  }

  @Test
  void theIndividualNumberDecidesTheCentury() {
    assertThat(NationalId.of(eleven("150699", 0, 499)).birthDate())
        .isEqualTo(LocalDate.of(1999, 6, 15));
    assertThat(NationalId.of(eleven("150600", 0, 499)).birthDate())
        .isEqualTo(LocalDate.of(1900, 6, 15));
    assertThat(NationalId.of(eleven("150654", 500, 749)).birthDate())
        .isEqualTo(LocalDate.of(1854, 6, 15));
    assertThat(NationalId.of(eleven("150699", 500, 749)).birthDate())
        .isEqualTo(LocalDate.of(1899, 6, 15));
    assertThat(NationalId.of(eleven("150600", 500, 999)).birthDate())
        .isEqualTo(LocalDate.of(2000, 6, 15));
    assertThat(NationalId.of(eleven("150639", 500, 999)).birthDate())
        .isEqualTo(LocalDate.of(2039, 6, 15));
    assertThat(NationalId.of(eleven("150640", 900, 999)).birthDate())
        .isEqualTo(LocalDate.of(1940, 6, 15));
    assertThat(NationalId.of(eleven("150699", 900, 999)).birthDate())
        .isEqualTo(LocalDate.of(1999, 6, 15));
  }

  @Test
  void anIndividualNumberNoCenturyHasIsRefused() {
    String forties = eleven("150640", 750, 899);
    String earlyFifties = eleven("150653", 500, 749);

    assertThatThrownBy(() -> NationalId.of(forties))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("individual number");
    assertThatThrownBy(() -> NationalId.of(earlyFifties))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("individual number");
  }

  @Test
  void theTwentyNinthOfFebruaryIsABirthDateOnlyInALeapYear() {
    assertThat(NationalId.of(eleven("290208", 500, 999)).birthDate())
        .isEqualTo(LocalDate.of(2008, 2, 29));
    String notLeap = eleven("290209", 500, 999);
    assertThatThrownBy(() -> NationalId.of(notLeap)).isInstanceOf(InvalidInput.class);
    assertThat(NationalId.synthetic(LocalDate.of(2008, 2, 29), 0).birthDate())
        .isEqualTo(LocalDate.of(2008, 2, 29));
  }

  /**
   * Eleven digits for the six of {@code date}, with the first individual number between {@code
   * from} and {@code to} whose check digits exist; not checked further, so that a refusal can be
   * tested.
   */
  private static String eleven(String date, int from, int to) {
    int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    for (int individual = from; individual <= to; individual++) {
      String candidate = date + String.format("%03d", individual);
      int k1 = check(candidate, w1);
      if (k1 < 0) {
        continue;
      }
      int k2 = check(candidate + k1, w2);
      if (k2 < 0) {
        continue;
      }
      return candidate + k1 + k2;
    }
    throw new AssertionError("no check digits for " + date);
  }

  /** Completes nine digits with check digits, trying individual numbers until both exist. */
  private static NationalId withCheckDigits(String nine) {
    int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    for (int individual = Integer.parseInt(nine.substring(6)); individual < 500; individual++) {
      String candidate = nine.substring(0, 6) + String.format("%03d", individual);
      int k1 = check(candidate, w1);
      if (k1 < 0) {
        continue;
      }
      int k2 = check(candidate + k1, w2);
      if (k2 < 0) {
        continue;
      }
      return NationalId.of(candidate + k1 + k2);
    }
    throw new AssertionError("no check digits for " + nine);
  }

  private static int check(String digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    int r = sum % 11;
    return r == 0 ? 0 : r == 1 ? -1 : 11 - r;
  }
}
