package no.bindeledd.core.audit.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import no.bindeledd.core.text.Texts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of line the access log has, in each of the hub's languages: the agencies' lines, the
 * looks by the person themselves and by a guardian, and a repeated stop with its count.
 */
class AccessLogLinesInEveryLanguageTest {

  private static final AccessLog.Party GP_OFFICE =
      new AccessLog.Party("Fjordvik GP Office", "311000012");
  private static final AccessLog.Party REFUGEE_SERVICE =
      new AccessLog.Party("Fjordvik Refugee Service", "311000004");
  private static final Instant AT = Instant.parse("2026-12-01T17:45:00Z");
  private static final String CONSENT = "0f5c2b9e-3a43-4f7e-9d1a-6b7e1c2d3e4f";

  static Stream<Locale> languages() {
    return Texts.LANGUAGES.stream();
  }

  static Stream<Arguments> everyKindInEveryLanguage() {
    return languages().flatMap(l -> Stream.of(AccessKind.values()).map(k -> Arguments.of(l, k)));
  }

  private static AccessLog.Entry entry(AccessKind kind, AccessLog.Reader reader, int count) {
    boolean flow = kind.isAboutAFlow();
    return new AccessLog.Entry(
        7,
        AT,
        kind.code(),
        reader == null ? REFUGEE_SERVICE : null,
        flow ? GP_OFFICE : null,
        flow ? "referral-status" : null,
        flow ? "introduction-programme-follow-up" : null,
        CONSENT,
        kind.isStopped() ? "consent-withdrawn" : null,
        reader,
        count,
        count > 1 ? AT.plusSeconds(3600) : null);
  }

  private static String line(Locale language, AccessLog.Entry entry) {
    return AccessLogTexts.in(language).entry(entry).text();
  }

  private static void isInItsLanguagesScript(Locale language, String text) {
    Character.UnicodeScript script =
        switch (language.getLanguage()) {
          case "ar", "fa" -> Character.UnicodeScript.ARABIC;
          case "uk" -> Character.UnicodeScript.CYRILLIC;
          case "ti" -> Character.UnicodeScript.ETHIOPIC;
          default -> Character.UnicodeScript.LATIN;
        };
    assertThat(text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == script))
        .as(text)
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("everyKindInEveryLanguage")
  void anAgencysLineNamesTheAgenciesIsolatedInItsLanguage(Locale language, AccessKind kind) {
    String text = line(language, entry(kind, null, 1));

    assertThat(text).isNotBlank().doesNotContain("{", "}");
    isInItsLanguagesScript(language, text);
    String agency =
        Texts.isRightToLeft(language)
            ? "\u2068Fjordvik Refugee Service\u2069"
            : "Fjordvik Refugee Service";
    // The hub's own erasures, when a period ended, name no agency: none asked for them.
    boolean byTheHub =
        kind == AccessKind.ERASED_AFTER_RETENTION || kind == AccessKind.MESSAGE_ERASED;
    if (byTheHub) {
      assertThat(text).doesNotContain("Fjordvik");
    } else {
      assertThat(text).contains(agency);
    }
    if (kind.isAboutAFlow() && kind != AccessKind.OPENED) {
      assertThat(text)
          .contains(
              Texts.isRightToLeft(language)
                  ? "\u2068Fjordvik GP Office\u2069"
                  : "Fjordvik GP Office");
    }
    if (!Texts.isRightToLeft(language)) {
      assertThat(text).doesNotContain("\u2068", "\u2069");
    }
  }

  @ParameterizedTest
  @MethodSource("languages")
  void everyKindOfLineSaysSomethingOfItsOwn(Locale language) {
    List<String> texts = new ArrayList<>();
    for (AccessKind kind : AccessKind.values()) {
      texts.add(line(language, entry(kind, null, 1)));
      if (kind.isALook()) {
        texts.add(line(language, entry(kind, new AccessLog.Reader("self", "Amal Testesen"), 1)));
        texts.add(
            line(language, entry(kind, new AccessLog.Reader("guardian", "Amal Testesen"), 1)));
      }
    }

    assertThat(texts).doesNotHaveDuplicates();
    if (!language.equals(Texts.ENGLISH)) {
      Set<String> english = new HashSet<>();
      for (AccessKind kind : AccessKind.values()) {
        english.add(line(Texts.ENGLISH, entry(kind, null, 1)));
      }
      assertThat(texts).doesNotContainAnyElementsOf(english);
    }
  }

  @ParameterizedTest
  @MethodSource("everyKindInEveryLanguage")
  void aPersonsOwnLookSaysYouAndAGuardiansNamesThem(Locale language, AccessKind kind) {
    if (!kind.isALook()) {
      return;
    }
    String self = line(language, entry(kind, new AccessLog.Reader("self", "Amal Testesen"), 1));
    String guardian =
        line(language, entry(kind, new AccessLog.Reader("guardian", "Amal Testesen"), 1));
    String someone = line(language, entry(kind, new AccessLog.Reader("person", null), 1));

    assertThat(self).doesNotContain("Amal Testesen", "Fjordvik", "{");
    isInItsLanguagesScript(language, self);
    assertThat(guardian).contains("Amal Testesen").doesNotContain("Fjordvik", "{");
    assertThat(guardian)
        .isNotEqualTo(
            line(language, entry(kind, new AccessLog.Reader("person", "Amal Testesen"), 1)));
    assertThat(someone).doesNotContain("{", "Fjordvik").isNotEqualTo(self);
  }

  @ParameterizedTest
  @MethodSource("languages")
  void aRepeatedStopIsOneLineWithItsCount(Locale language) {
    String once = line(language, entry(AccessKind.HELD_AFTER_READ, null, 1));
    String thrice = line(language, entry(AccessKind.HELD_AFTER_READ, null, 3));

    assertThat(thrice).startsWith(once).isNotEqualTo(once).doesNotContain("{");
    assertThat(thrice)
        .as("the count, in the language's digits")
        .containsAnyOf("3", "٣", "۳")
        .contains(AccessLogTexts.in(language).texts().when(AT.plusSeconds(3600)));
  }

  /** The forms a count takes, with the digits left out, for counts of each plural category. */
  private static Set<String> forms(String tag, int... counts) {
    Texts texts = AccessLogTexts.in(Locale.forLanguageTag(tag)).texts();
    Set<String> forms = new HashSet<>();
    for (int count : counts) {
      forms.add(texts.format("repeated", count, "X").replaceAll("[0-9٠-٩۰-۹]", ""));
    }
    return forms;
  }

  @ParameterizedTest
  @CsvSource({
    // Arabic: zero, one, two, few (3-10), many (11-99), other (100)
    "ar, 6, 0 1 2 3 11 100",
    // Ukrainian: one (1, 21), few (2-4), many (5-20), other (fractions; whole counts never)
    "uk, 3, 1 2 5 21 22 25",
    // Tigrinya and Dari: 0 and 1 are both one
    "ti, 1, 0 1",
    "fa-AF, 1, 0 1",
    "ti, 2, 1 2",
    "fa-AF, 2, 1 2",
    "nb, 2, 1 2",
    "so, 2, 1 2",
    "ku, 2, 1 2"
  })
  void countsTakeTheirLanguagesPluralForms(String tag, int expectedForms, String counts) {
    int[] numbers = Stream.of(counts.split(" ")).mapToInt(Integer::parseInt).toArray();

    assertThat(forms(tag, numbers)).hasSize(expectedForms);
  }
}
