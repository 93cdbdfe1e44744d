package no.bindeledd.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every bundle of the person's texts must be, in each of the hub's eight languages: its own
 * file, complete, read as itself (never another language's texts), marked for review, its direction
 * the one its script runs in, and its patterns whole. A bundle's test extends this.
 */
public abstract class LanguageBundleContract {

  /** The bundle's base name, as {@link Texts#in} takes it. */
  protected abstract String bundle();

  /** The bundle's files. */
  protected abstract BundleFiles files();

  /** Keys the code builds from its codes (kinds, categories, purposes), each needing a text. */
  protected abstract List<String> codeKeys();

  protected static Stream<Locale> languages() {
    return Texts.LANGUAGES.stream();
  }

  @ParameterizedTest
  @MethodSource("languages")
  void everyBundleHasExactlyTheKeysOfTheEnglishOne(Locale language) throws IOException {
    assertThat(files().load(language).stringPropertyNames())
        .as(files().file(language))
        .containsExactlyInAnyOrderElementsOf(files().load(Locale.ENGLISH).stringPropertyNames());
  }

  @ParameterizedTest
  @MethodSource("languages")
  void everyCodeTheTextsShowHasAText(Locale language) throws IOException {
    Properties texts = files().load(language);

    for (String key : codeKeys()) {
      assertThat(texts.getProperty(key)).as(files().file(language) + " " + key).isNotBlank();
    }
  }

  /**
   * The texts the hub reads for a language are that language's own file: no key falls back to
   * another language, and the language is the one asked for ({@code fa-AF}, not {@code fa}).
   */
  @ParameterizedTest
  @MethodSource("languages")
  void eachLanguageReadsItsOwnTextsAndNoOthers(Locale language) throws IOException {
    Properties file = files().load(language);

    Texts texts = Texts.in(bundle(), language);

    assertThat(texts.locale()).isEqualTo(language);
    assertThat(texts.locale().toLanguageTag()).isEqualTo(language.toLanguageTag());
    for (String key : file.stringPropertyNames()) {
      assertThat(texts.text(key))
          .as(files().file(language) + " " + key)
          .isEqualTo(file.getProperty(key));
    }
  }

  @ParameterizedTest
  @MethodSource("languages")
  void aRegionOrCalendarInTheTagReadsTheSameLanguage(Locale language) {
    Locale withExtension =
        new Locale.Builder().setLocale(language).setUnicodeLocaleKeyword("ca", "gregory").build();

    assertThat(Texts.in(bundle(), withExtension).locale()).isEqualTo(language);
  }

  @ParameterizedTest
  @MethodSource("languages")
  void onlyTheProjectsOwnLanguagesAreReviewedAndEveryDraftSaysSo(Locale language)
      throws IOException {
    Texts texts = Texts.in(bundle(), language);
    boolean own = language.equals(Texts.NORWEGIAN) || language.equals(Texts.ENGLISH);

    assertThat(texts.reviewStatus()).isEqualTo(own ? ReviewStatus.REVIEWED : ReviewStatus.DRAFT);
    if (!own) {
      String head = files().raw(language).lines().limit(3).reduce("", String::concat);
      assertThat(head).as(files().file(language)).contains("qualified translator should review");
      assertThat(texts.text("review.draft"))
          .isNotEqualTo(Texts.in(bundle(), Texts.ENGLISH).text("review.draft"));
    }
  }

  @ParameterizedTest
  @MethodSource("languages")
  void theDirectionFromTheLocaleIsTheDirectionOfTheTitlesScript(Locale language) {
    Texts texts = Texts.in(bundle(), language);

    assertThat(texts.isRightToLeft())
        .as(language.toLanguageTag())
        .isEqualTo(BundleFiles.startsRightToLeft(texts.text("title")));
  }

  @ParameterizedTest
  @MethodSource("languages")
  void patternsParseKeepTheirArgumentsAndHaveEveryPluralForm(Locale language) throws IOException {
    files().checkPatterns(language);
  }

  @ParameterizedTest
  @MethodSource("languages")
  void noBundleSaysItsOwnDirection(Locale language) throws IOException {
    assertThat(files().load(language).stringPropertyNames()).doesNotContain("direction");
  }

  @Test
  void everyBundleInTheFolderIsOneOfTheEightLanguages() throws IOException, URISyntaxException {
    assertThat(files().filesInFolder())
        .containsExactlyInAnyOrderElementsOf(languages().map(files()::file).toList());
  }
}
