package no.bindeledd.core.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import no.bindeledd.core.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganisationNumberTest {

  @Test
  void acceptsNumbersWithTheRightCheckDigit() {
    // The Brønnøysund Register Centre's own organisation number, a published example.
    assertThat(OrganisationNumber.of("974760673").value()).isEqualTo("974760673");
    assertThat(OrganisationNumber.of(" 974760673 ").value()).isEqualTo("974760673");
  }

  @ParameterizedTest
  @ValueSource(strings = {"974760674", "97476067", "9747606730", "97476067a", "", "974 760 673"})
  void rejectsMalformedNumbersAndWrongCheckDigits(String value) {
    assertThatThrownBy(() -> OrganisationNumber.of(value)).isInstanceOf(InvalidInput.class);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> OrganisationNumber.of(null)).isInstanceOf(InvalidInput.class);
  }

  @Test
  void everyDigitChangeIsCaught() {
    String valid = "974760673";
    for (int i = 0; i < valid.length(); i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d == valid.charAt(i)) {
          continue;
        }
        String changed = valid.substring(0, i) + d + valid.substring(i + 1);
        assertThatThrownBy(() -> OrganisationNumber.of(changed))
            .as(changed)
            .isInstanceOf(InvalidInput.class);
      }
    }
  }
}
