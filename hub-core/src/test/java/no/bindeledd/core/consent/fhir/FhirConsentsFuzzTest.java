package no.bindeledd.core.consent.fhir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static no.bindeledd.core.consent.ConsentSamples.RECORDED_AT;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.consent.ConsentSamples;
import no.bindeledd.core.person.Person;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any text offered as a FHIR Consent to import: the import gives a consent the hub can record, or
 * refuses with {@link InvalidInput} naming what is wrong. Nothing else may escape, HAPI's own
 * exceptions included, and no input may take it long. See docs/fuzzing.md.
 */
class FhirConsentsFuzzTest {

  private static final FhirConsents FHIR = new FhirConsents();

  @MethodSource("exportedConsents")
  @FuzzTest(maxDuration = "5m")
  void anyTextImportsAsAConsentOrIsRefused(byte[] bytes) {
    ImportedConsent imported;
    try {
      imported = FHIR.parse(new String(bytes, UTF_8));
    } catch (InvalidInput refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(imported.subject()).isNotNull();
    assertThat(imported.grantor()).isNotNull();
    assertThat(imported.disclosing()).isNotNull();
    assertThat(imported.receiving()).isNotNull();
    assertThat(imported.direction()).isNotNull();
    assertThat(imported.categories()).isNotEmpty();
    assertThat(imported.purpose()).isNotNull();
    assertThat(imported.validFrom()).isNotNull();
    assertThat(imported.collectionMethod()).isNotNull();
    try {
      imported.toNewConsent("subject", "grantor");
    } catch (InvalidInput refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  /** The hub's own exports: an adult's consent and a guardian's for a child. */
  static Stream<byte[]> exportedConsents() {
    Person amal = ConsentSamples.adult("Amal", "Testesen");
    return Stream.of(
        FHIR.export(ConsentSamples.gpConsent(amal), RECORDED_AT).getBytes(UTF_8),
        FHIR.export(ConsentSamples.schoolConsent(ConsentSamples.child(amal), amal), RECORDED_AT)
            .getBytes(UTF_8));
  }
}
