package no.bindeledd.core.text;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * One resource bundle's texts in one language. A language without a bundle gets English, the base
 * bundle, whatever the server's default locale is. Each bundle has a {@code direction} key, ltr or
 * rtl.
 */
public final class Texts {

  public static final Locale NORWEGIAN = Locale.forLanguageTag("nb");
  public static final Locale ENGLISH = Locale.ENGLISH;

  private static final char FSI = '\u2068';
  private static final char PDI = '\u2069';

  private static final ResourceBundle.Control NO_DEFAULT_LOCALE_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final ResourceBundle bundle;
  private final Locale locale;

  private Texts(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  /**
   * The texts of {@code bundle} (a base name such as {@code no.bindeledd.core.x.texts}) for {@code
   * language}, or English when there is no bundle in that language.
   */
  public static Texts in(String bundle, Locale language) {
    Objects.requireNonNull(language, "language");
    ResourceBundle found =
        ResourceBundle.getBundle(
            bundle,
            isNorwegian(language) ? NORWEGIAN : language,
            Texts.class.getClassLoader(),
            NO_DEFAULT_LOCALE_FALLBACK);
    Locale locale = found.getLocale();
    return new Texts(found, locale.getLanguage().isEmpty() ? ENGLISH : locale);
  }

  /**
   * What a person reads: their own language (or English, when the hub has no texts in it) and then
   * Norwegian, or Norwegian alone when that is their language.
   */
  public static List<Texts> forPerson(String bundle, Locale language) {
    List<Texts> languages = new ArrayList<>(2);
    if (!isNorwegian(language)) {
      languages.add(in(bundle, language));
    }
    languages.add(in(bundle, NORWEGIAN));
    return List.copyOf(languages);
  }

  /** Bokmål, nynorsk and plain "no" are all Norwegian; the hub writes bokmål. */
  public static boolean isNorwegian(Locale language) {
    return switch (language.getLanguage()) {
      case "nb", "nn", "no" -> true;
      default -> false;
    };
  }

  /** The language the texts are in: the one asked for, or English. */
  public Locale locale() {
    return locale;
  }

  /** The writing direction: ltr or rtl. */
  public String direction() {
    return bundle.getString("direction");
  }

  public boolean isRightToLeft() {
    return "rtl".equals(direction());
  }

  /** Whether the bundle has a text for {@code key}. */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  public String text(String key) {
    return bundle.getString(key);
  }

  /**
   * Fills a pattern. In a right-to-left language each argument is wrapped in Unicode directional
   * isolates (FSI, PDI), so that a Latin name or a number inside Arabic text keeps its own order.
   */
  public String format(String key, String... arguments) {
    Object[] filled = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      filled[i] = isRightToLeft() ? FSI + arguments[i] + PDI : arguments[i];
    }
    return new MessageFormat(bundle.getString(key), locale).format(filled);
  }
}
