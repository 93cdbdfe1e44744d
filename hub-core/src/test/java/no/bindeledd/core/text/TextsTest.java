package no.bindeledd.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub's languages, which language a reader gets, the direction from the locale's data, and
 * times in Norwegian time with the zone.
 */
class TextsTest {

  private static final String RECEIPT = "no.bindeledd.core.consent.receipt.receipt";
  private static final Instant WINTER_EVENING = Instant.parse("2026-12-01T17:45:00Z");
  private static final Instant SUMMER_DAY = Instant.parse("2027-06-01T10:00:00Z");

  @Test
  void theHubWritesInEightLanguages() {
    assertThat(Texts.LANGUAGES)
        .extracting(Locale::toLanguageTag)
        .containsExactly("nb", "en", "ar", "uk", "ti", "fa-AF", "so", "ku");
  }

  @ParameterizedTest
  @CsvSource({
    "ar, true",
    "fa-AF, true",
    "nb, false",
    "en, false",
    "uk, false",
    "ti, false",
    "so, false",
    "ku, false",
    // The same data decides for languages the hub does not write: Sorani and Kurmanji in Arabic
    // script run right to left, Kurmanji in Latin script does not.
    "ckb, true",
    "ku-Arab, true",
    "ku-Latn-TR, false"
  })
  void directionComesFromTheLocalesScript(String tag, boolean rightToLeft) {
    assertThat(Texts.isRightToLeft(Locale.forLanguageTag(tag))).as(tag).isEqualTo(rightToLeft);
  }

  @ParameterizedTest
  @CsvSource({
    "nb, nb",
    "nb-NO, nb",
    "nn, nb",
    "no, nb",
    "en-US, en",
    "ar-SY, ar",
    "uk-UA, uk",
    "ti-ER, ti",
    "fa-AF, fa-AF",
    "fa-AF-u-ca-persian, fa-AF",
    "fa, fa-AF",
    "fa-IR, fa-AF",
    "prs, fa-AF",
    "so-SO, so",
    "ku, ku",
    "ku-Latn, ku",
    "kmr, ku"
  })
  void aReaderGetsTheHubsLanguageForTheirs(String asked, String gets) {
    assertThat(Texts.supported(Locale.forLanguageTag(asked)))
        .hasValueSatisfying(l -> assertThat(l.toLanguageTag()).isEqualTo(gets));
    assertThat(Texts.in(RECEIPT, Locale.forLanguageTag(asked)).locale().toLanguageTag())
        .isEqualTo(gets);
  }

  @ParameterizedTest
  @ValueSource(strings = {"de-CH", "pl", "ckb", "ku-Arab", "tr"})
  void anyOtherLanguageGetsEnglishWhateverTheServersLocale(String asked) {
    Locale serverDefault = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("nb-NO"));
    try {
      assertThat(Texts.supported(Locale.forLanguageTag(asked))).isEmpty();
      assertThat(Texts.in(RECEIPT, Locale.forLanguageTag(asked)).locale())
          .isEqualTo(Locale.ENGLISH);
    } finally {
      Locale.setDefault(serverDefault);
    }
  }

  @Test
  void timesAreNorwegianTimeWithTheZoneShown() {
    assertThat(Texts.in(RECEIPT, Texts.ENGLISH).when(WINTER_EVENING))
        .isEqualTo("1 December 2026 at 18:45 CET");
    assertThat(Texts.in(RECEIPT, Texts.ENGLISH).when(SUMMER_DAY))
        .isEqualTo("1 June 2027 at 12:00 CEST");
    assertThat(Texts.in(RECEIPT, Texts.NORWEGIAN).when(WINTER_EVENING))
        .contains("1. desember 2026", "18:45", "CET");
    assertThat(Texts.in(RECEIPT, Texts.ARABIC).when(WINTER_EVENING))
        .contains("ديسمبر", "2026", "غرينتش+1");
    assertThat(Texts.in(RECEIPT, Texts.UKRAINIAN).when(WINTER_EVENING))
        .contains("грудня 2026", "18:45", "GMT+1");
  }

  @Test
  void dariDatesAreGregorian() {
    String when = Texts.in(RECEIPT, Texts.DARI).when(WINTER_EVENING);

    assertThat(when).as("the Gregorian year, in Persian digits").contains("۲۰۲۶");
    assertThat(when).as("not the Solar Hijri year 1405").doesNotContain("۱۴۰۵", "1405");
    assertThat(when).as("the Gregorian month December").contains("دسمبر");
    assertThat(Texts.in(RECEIPT, Texts.DARI).day(SUMMER_DAY)).contains("۲۰۲۷");
  }

  @Test
  void inRightToLeftTextNamesAndNumbersAreIsolated() {
    Texts arabic = Texts.in(RECEIPT, Texts.ARABIC);
    Texts english = Texts.in(RECEIPT, Texts.ENGLISH);

    assertThat(arabic.isolate("Interpreter 4711")).isEqualTo("\u2068Interpreter 4711\u2069");
    assertThat(arabic.ltr("311000012")).isEqualTo("\u2066311000012\u2069");
    assertThat(arabic.isolate(arabic.ltr("311000012")))
        .as("an isolated value is not isolated twice")
        .isEqualTo("\u2066311000012\u2069");
    assertThat(arabic.isolate("\u2068a\u2069 b \u2068c\u2069"))
        .as("two isolates side by side are not one")
        .isEqualTo("\u2068\u2068a\u2069 b \u2068c\u2069\u2069");
    assertThat(english.isolate("Interpreter 4711")).isEqualTo("Interpreter 4711");
    assertThat(english.ltr("311000012")).isEqualTo("311000012");
  }

  @Test
  void listsAreJoinedAsEachLanguageJoinsThem() {
    assertThat(Texts.in(RECEIPT, Texts.ENGLISH).list(java.util.List.of("A", "B", "C")))
        .isEqualTo("A, B and C");
    assertThat(Texts.in(RECEIPT, Texts.NORWEGIAN).list(java.util.List.of("A", "B", "C")))
        .isEqualTo("A, B og C");
  }
}
