package no.bindeledd.core.audit.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The access log's bundles are complete, agree with each other and say what direction they run. */
class AccessLogBundlesTest {

  private static final String FOLDER = "/no/bindeledd/core/audit/insight/";

  static Stream<Locale> languages() {
    return AccessLogs.languages().stream();
  }

  static String file(Locale language) {
    return language.equals(Locale.ENGLISH)
        ? "accesslog.properties"
        : "accesslog_" + language.toLanguageTag() + ".properties";
  }

  static String raw(Locale language) throws IOException {
    try (InputStream in = AccessLogBundlesTest.class.getResourceAsStream(FOLDER + file(language))) {
      assertThat(in).as(file(language)).isNotNull();
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in.readAllBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError(file(language) + " is not UTF-8", e);
    }
  }

  static Properties load(Locale language) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(raw(language)));
    return properties;
  }

  /** A text for every code the log shows: each kind of line, category, purpose and refusal. */
  static List<String> codeKeys() {
    List<String> keys = new ArrayList<>();
    Stream.of(AccessKind.values()).forEach(k -> keys.add("line." + k.code()));
    Stream.of(DataCategory.values()).forEach(c -> keys.add("category." + c.code()));
    Stream.of(Purpose.values()).forEach(p -> keys.add("purpose." + p.code()));
    Stream.of(Refusal.values()).forEach(r -> keys.add("refusal." + r.code()));
    keys.add("refusal.unknown");
    return keys;
  }

  @ParameterizedTest
  @MethodSource("languages")
  void everyKindOfLineCategoryPurposeAndRefusalHasAText(Locale language) throws IOException {
    Properties texts = load(language);

    for (String key : codeKeys()) {
      assertThat(texts.getProperty(key)).as(file(language) + " " + key).isNotBlank();
    }
  }

  @ParameterizedTest
  @MethodSource("languages")
  void everyBundleHasExactlyTheKeysOfTheEnglishOne(Locale language) throws IOException {
    assertThat(load(language).stringPropertyNames())
        .as(file(language))
        .containsExactlyInAnyOrderElementsOf(load(Locale.ENGLISH).stringPropertyNames());
  }

  @ParameterizedTest
  @MethodSource("languages")
  void declaredDirectionMatchesTheScriptOfTheTitle(Locale language) throws IOException {
    Properties texts = load(language);
    int firstStrong =
        texts
            .getProperty("title")
            .codePoints()
            .map(Character::getDirectionality)
            .filter(
                d ->
                    d == Character.DIRECTIONALITY_LEFT_TO_RIGHT
                        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC)
            .findFirst()
            .orElseThrow();

    assertThat(texts.getProperty("direction"))
        .as(file(language))
        .isEqualTo(firstStrong == Character.DIRECTIONALITY_LEFT_TO_RIGHT ? "ltr" : "rtl");
  }

  @ParameterizedTest
  @MethodSource("languages")
  void patternsKeepEveryArgumentAndHaveNoAsciiApostrophe(Locale language) throws IOException {
    Properties english = load(Locale.ENGLISH);
    Properties texts = load(language);

    for (String key : texts.stringPropertyNames()) {
      String pattern = texts.getProperty(key);
      assertThat(pattern).as(file(language) + " " + key).doesNotContain("'");
      String filled = new MessageFormat(pattern, language).format(new Object[] {"A1", "B2"});
      assertThat(filled).as(file(language) + " " + key).doesNotContain("{");
      for (String argument : List.of("{0}", "{1}")) {
        if (english.getProperty(key).contains(argument)) {
          assertThat(pattern).as(file(language) + " " + key).contains(argument);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ar", "ti"})
  void translationsStillToBeReviewedSaySoAtTheTop(String tag) throws IOException {
    String head = raw(Locale.forLanguageTag(tag)).lines().limit(3).reduce("", String::concat);

    assertThat(head).contains("qualified translator should review");
  }

  @Test
  void everyBundleInTheFolderIsAnAccessLogLanguage() throws IOException, URISyntaxException {
    Path folder =
        Path.of(AccessLogBundlesTest.class.getResource(FOLDER + "accesslog.properties").toURI())
            .getParent();
    List<String> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files =
          listing
              .map(p -> p.getFileName().toString())
              .filter(name -> name.endsWith(".properties"))
              .toList();
    }

    assertThat(files)
        .containsExactlyInAnyOrderElementsOf(
            AccessLogs.languages().stream().map(AccessLogBundlesTest::file).toList());
  }
}
