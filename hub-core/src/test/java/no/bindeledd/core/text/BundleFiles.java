package no.bindeledd.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a resource bundle's files as they are on disk, and checks what every bundle of the hub's
 * texts must be: complete, its own language's, marked for review, and with ICU patterns that keep
 * their arguments and have every plural form their language needs.
 */
public final class BundleFiles {

  private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

  private final String folder;
  private final String base;

  /**
   * @param folder where the files are, such as {@code /no/bindeledd/core/consent/receipt/}
   * @param base the base name of the files, such as {@code receipt}
   */
  public BundleFiles(String folder, String base) {
    this.folder = folder;
    this.base = base;
  }

  /** The file of a language: the base file for English, {@code base_fa_AF.properties} for Dari. */
  public String file(Locale language) {
    return language.equals(Locale.ENGLISH)
        ? base + ".properties"
        : base + "_" + language.toString() + ".properties";
  }

  public String raw(Locale language) throws IOException {
    try (InputStream in = BundleFiles.class.getResourceAsStream(folder + file(language))) {
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

  public Properties load(Locale language) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(raw(language)));
    return properties;
  }

  /** The names of the bundle's files in its folder. */
  public List<String> filesInFolder() throws IOException, URISyntaxException {
    Path path =
        Path.of(BundleFiles.class.getResource(folder + file(Locale.ENGLISH)).toURI()).getParent();
    try (Stream<Path> listing = Files.list(path)) {
      return listing
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".properties"))
          .toList();
    }
  }

  /** The argument numbers a pattern uses: {0}, {1, plural, ...}. */
  public static Set<Integer> arguments(String pattern) {
    Set<Integer> found = new LinkedHashSet<>();
    Matcher matcher = ARGUMENT.matcher(pattern);
    while (matcher.find()) {
      found.add(Integer.parseInt(matcher.group(1)));
    }
    return found;
  }

  /**
   * Every key of the English bundle has a pattern here that ICU can parse, with no ASCII apostrophe
   * (a quote in MessageFormat), with the English pattern's arguments, and with every plural
   * category of the language in each plural argument.
   */
  public void checkPatterns(Locale language) throws IOException {
    Properties english = load(Locale.ENGLISH);
    Properties texts = load(language);
    Set<String> categories = PluralRules.forLocale(ULocale.forLocale(language)).getKeywords();
    for (String key : english.stringPropertyNames()) {
      String pattern = texts.getProperty(key);
      String where = file(language) + " " + key;
      assertThat(pattern).as(where).isNotBlank().doesNotContain("'");
      assertThat(arguments(pattern)).as(where).isEqualTo(arguments(english.getProperty(key)));
      MessagePattern parsed = new MessagePattern(pattern);
      assertThat(pluralCases(parsed))
          .as(where)
          .allSatisfy(cases -> assertThat(cases).as(where).containsAll(categories));
    }
  }

  /** The case keywords of each plural argument in a pattern. */
  private static List<Set<String>> pluralCases(MessagePattern pattern) {
    List<Set<String>> plurals = new ArrayList<>();
    for (int i = 0; i < pattern.countParts(); i++) {
      MessagePattern.Part part = pattern.getPart(i);
      if (part.getType() == MessagePattern.Part.Type.ARG_START
          && part.getArgType() == MessagePattern.ArgType.PLURAL) {
        Set<String> cases = new LinkedHashSet<>();
        int limit = pattern.getLimitPartIndex(i);
        for (int j = i + 1; j < limit; j++) {
          MessagePattern.Part inner = pattern.getPart(j);
          if (inner.getType() == MessagePattern.Part.Type.ARG_SELECTOR) {
            cases.add(pattern.getSubstring(inner));
          } else if (inner.getType() == MessagePattern.Part.Type.MSG_START) {
            j = pattern.getLimitPartIndex(j);
          }
        }
        plurals.add(cases);
      }
    }
    return plurals;
  }

  /** Whether the title's first strong character reads right to left. */
  public static boolean startsRightToLeft(String text) {
    int firstStrong =
        text.codePoints()
            .map(Character::getDirectionality)
            .filter(
                d ->
                    d == Character.DIRECTIONALITY_LEFT_TO_RIGHT
                        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                        || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC)
            .findFirst()
            .orElseThrow();
    return firstStrong != Character.DIRECTIONALITY_LEFT_TO_RIGHT;
  }
}
