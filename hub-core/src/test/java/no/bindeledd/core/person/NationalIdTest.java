package no.bindeledd.core.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
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
