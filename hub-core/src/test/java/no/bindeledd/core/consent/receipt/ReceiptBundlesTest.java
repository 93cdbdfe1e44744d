package no.bindeledd.core.consent.receipt;

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
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The receipt bundles are complete, agree with each other and say what direction they run. */
class ReceiptBundlesTest {

  private static final String FOLDER = "/no/bindeledd/core/consent/receipt/";

  static Stream<Locale> languages() {
    return ConsentReceipts.languages().stream();
  }

  static String file(Locale language) {
    return language.equals(Locale.ENGLISH)
        ? "receipt.properties"
        : "receipt_" + language.toLanguageTag() + ".properties";
  }

  static Properties load(Locale language) throws IOException {
    try (InputStream in = ReceiptBundlesTest.class.getResourceAsStream(FOLDER + file(language))) {
      assertThat(in).as(file(language)).isNotNull();
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(in.readAllBytes()))
              .toString();
      Properties properties = new Properties();
      properties.load(new StringReader(text));
      return properties;
    } catch (CharacterCodingException e) {
      throw new AssertionError(file(language) + " is not UTF-8", e);
    }
  }

  static List<String> enumKeys() {
    List<String> keys = new ArrayList<>();
    Stream.of(DataCategory.values()).forEach(c -> keys.add("category." + c.code()));
    Stream.of(Purpose.values()).forEach(p -> keys.add("purpose." + p.code()));
    Stream.of(CollectionMethod.values()).forEach(m -> keys.add("method." + m.code()));
    Stream.of(ConsentStatus.values())
        .forEach(s -> keys.add("status." + s.name().toLowerCase(Locale.ROOT).replace('_', '-')));
    return keys;
  }

  @ParameterizedTest
  @MethodSource("languages")
  void everyCategoryPurposeMethodAndStatusHasALabel(Locale language) throws IOException {
    Properties texts = load(language);

    for (String key : enumKeys()) {
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
    String title = texts.getProperty("title");
    int firstStrong =
        title
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
  void patternsKeepEveryArgument(Locale language) throws IOException {
    Properties texts = load(language);

    for (String key : texts.stringPropertyNames()) {
      String pattern = texts.getProperty(key);
      if (pattern.contains("{0}")) {
        String filled =
            new MessageFormat(pattern, language).format(new Object[] {"A1", "B2", "C3"});
        assertThat(filled).as(file(language) + " " + key).contains("A1").doesNotContain("{");
        if (pattern.contains("{2}")) {
          assertThat(filled).as(file(language) + " " + key).contains("B2", "C3");
        }
      }
    }
  }

  @Test
  void everyBundleInTheFolderIsAReceiptLanguage() throws IOException, URISyntaxException {
    Path folder =
        Path.of(ReceiptBundlesTest.class.getResource(FOLDER + "receipt.properties").toURI())
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
            ConsentReceipts.languages().stream().map(ReceiptBundlesTest::file).toList());
  }
}
