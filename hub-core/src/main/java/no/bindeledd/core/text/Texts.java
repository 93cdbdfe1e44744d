package no.bindeledd.core.text;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * One resource bundle's texts in one of the hub's eight languages ({@link #LANGUAGES}). A language
 * the hub has no texts in gets English, the base bundle, whatever the server's default locale is;
 * one of the eight always gets its own bundle, never another's (a missing bundle is an error, not a
 * fallback).
 *
 * <p>The writing direction comes from the locale's data (its likely script, through ICU), not from
 * the bundle. Patterns are ICU MessageFormat patterns, so that a count takes the plural form its
 * language needs. Each bundle says in its {@code review-status} key whether a qualified translator
 * has checked it.
 *
 * <p>In a right-to-left language every value put into a pattern is wrapped in Unicode isolates: a
 * name or a phrase in a first-strong isolate (FSI ... PDI), a number or an identifier marked with
 * {@link #ltr} in a left-to-right isolate (LRI ... PDI), so that "Interpreter 4711" or an
 * organisation number keeps its own order inside Arabic text. {@link Html#isolated} turns the same
 * isolates into {@code bdi} and {@code dir="ltr"} markup.
 */
public final class Texts {

  public static final Locale NORWEGIAN = Locale.forLanguageTag("nb");
  public static final Locale ENGLISH = Locale.ENGLISH;
  public static final Locale ARABIC = Locale.forLanguageTag("ar");
  public static final Locale UKRAINIAN = Locale.forLanguageTag("uk");
  public static final Locale TIGRINYA = Locale.forLanguageTag("ti");
  public static final Locale DARI = Locale.forLanguageTag("fa-AF");
  public static final Locale SOMALI = Locale.forLanguageTag("so");
  public static final Locale KURMANJI = Locale.forLanguageTag("ku");

  /** The languages the hub writes the person's texts in: each has a bundle of its own. */
  public static final List<Locale> LANGUAGES =
      List.of(NORWEGIAN, ENGLISH, ARABIC, UKRAINIAN, TIGRINYA, DARI, SOMALI, KURMANJI);

  /** Times in the texts are Norwegian time, with the zone shown. */
  public static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

  static final char FSI = '\u2068';
  static final char LRI = '\u2066';
  static final char RLI = '\u2067';
  static final char PDI = '\u2069';

  private static final ResourceBundle.Control NO_DEFAULT_LOCALE_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final ResourceBundle bundle;
  private final Locale locale;
  private final ULocale formatting;
  private final boolean rightToLeft;

  private Texts(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
    this.formatting = formattingLocale(locale);
    this.rightToLeft = isRightToLeft(locale);
  }

  /**
   * The texts of {@code bundle} (a base name such as {@code no.bindeledd.core.x.texts}) in the
   * hub's language for {@code language} ({@link #supported}), or English when it has none.
   *
   * @throws IllegalStateException when one of the eight languages has no bundle of its own
   */
  public static Texts in(String bundle, Locale language) {
    Objects.requireNonNull(language, "language");
    Locale wanted = supported(language).orElse(ENGLISH);
    ResourceBundle found =
        ResourceBundle.getBundle(
            bundle,
            wanted.equals(ENGLISH) ? Locale.ROOT : wanted,
            Texts.class.getClassLoader(),
            NO_DEFAULT_LOCALE_FALLBACK);
    Locale foundIn = found.getLocale().getLanguage().isEmpty() ? ENGLISH : found.getLocale();
    if (!foundIn.equals(wanted)) {
      throw new IllegalStateException(
          bundle + " has no texts in " + wanted.toLanguageTag() + ", only in " + foundIn);
    }
    return new Texts(found, wanted);
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

  /**
   * Which of the hub's languages a person who asks for {@code language} reads. Bokmål, nynorsk and
   * "no" read bokmål; Persian in any region reads Dari, the Persian the hub writes; Kurmanji may be
   * asked for as {@code ku} or {@code kmr}, but not in Arabic script (Sorani, {@code ckb}, is
   * another language). Empty for a language the hub has no texts in.
   */
  public static Optional<Locale> supported(Locale language) {
    String script = language.getScript();
    return Optional.ofNullable(
        switch (language.getLanguage()) {
          case "nb", "nn", "no" -> NORWEGIAN;
          case "en" -> ENGLISH;
          case "ar" -> ARABIC;
          case "uk" -> UKRAINIAN;
          case "ti" -> TIGRINYA;
          case "fa", "prs" -> DARI;
          case "so" -> SOMALI;
          case "ku", "kmr" -> script.isEmpty() || script.equals("Latn") ? KURMANJI : null;
          default -> null;
        });
  }

  /** Bokmål, nynorsk and plain "no" are all Norwegian; the hub writes bokmål. */
  public static boolean isNorwegian(Locale language) {
    return switch (language.getLanguage()) {
      case "nb", "nn", "no" -> true;
      default -> false;
    };
  }

  /**
   * Whether the language is written right to left, from the locale's data: the script it names, or
   * its likely script (Arabic for {@code ar} and {@code fa-AF}, Latin for {@code ku}).
   */
  public static boolean isRightToLeft(Locale language) {
    return ULocale.forLocale(language).isRightToLeft();
  }

  /**
   * The locale dates are formatted in. English reads as in Britain (day before month, a 24-hour
   * clock, as on the Norwegian papers beside it), and Dari in the Gregorian calendar, the calendar
   * of every Norwegian letter and consent (its default is the Solar Hijri calendar).
   */
  private static ULocale formattingLocale(Locale language) {
    if (language.equals(ENGLISH)) {
      return ULocale.forLanguageTag("en-GB");
    }
    if (language.equals(DARI)) {
      return ULocale.forLanguageTag("fa-AF-u-ca-gregory");
    }
    return ULocale.forLocale(language);
  }

  /** The language the texts are in: one of {@link #LANGUAGES}. */
  public Locale locale() {
    return locale;
  }

  /** The writing direction: ltr or rtl. */
  public String direction() {
    return rightToLeft ? "rtl" : "ltr";
  }

  public boolean isRightToLeft() {
    return rightToLeft;
  }

  /**
   * Whether a qualified translator has checked these texts, from the bundle's {@code
   * review-status}.
   */
  public ReviewStatus reviewStatus() {
    String code = bundle.getString("review-status");
    return ReviewStatus.fromCode(code)
        .orElseThrow(() -> new IllegalStateException("unknown review-status " + code));
  }

  /** Whether the bundle has a text for {@code key}. */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  /**
   * @throws MissingResourceException when the bundle has no such text
   */
  public String text(String key) {
    return bundle.getString(key);
  }

  /**
   * Fills an ICU MessageFormat pattern. Numbers stay numbers, for plural forms. In a right-to-left
   * language every other argument is isolated: in an FSI, unless it is isolated already (see {@link
   * #ltr}).
   */
  public String format(String key, Object... arguments) {
    Object[] filled = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      Object argument = arguments[i];
      filled[i] = argument instanceof Number ? argument : isolate(String.valueOf(argument));
    }
    return new MessageFormat(bundle.getString(key), formatting).format(filled);
  }

  /**
   * A value that reads left to right wherever it stands (an identity or organisation number, an
   * id): in a right-to-left language, wrapped in an LRI.
   */
  public String ltr(String value) {
    return rightToLeft && !isIsolated(value) ? LRI + value + PDI : value;
  }

  /** A name or other value in its own direction: in a right-to-left language, in an FSI. */
  public String isolate(String value) {
    return rightToLeft && !isIsolated(value) ? FSI + value + PDI : value;
  }

  /**
   * When something happened, in this language, in Norwegian time with the zone: "1 December 2026 at
   * 18:45 CET", "1. desember 2026 kl. 18:45 CET", "1 ديسمبر 2026 في 6:45 م غرينتش+1".
   */
  public String when(Instant at) {
    return format(at, "yMMMMdjmz");
  }

  /** The Norwegian calendar day of {@code at}, in this language: "1 June 2027". */
  public String day(Instant at) {
    return format(at, "yMMMMd");
  }

  /**
   * The name of a language in this language: "Arabic", "arabisk", "العربية". A language with a name
   * of its own for a region's variety is called by it: Dari, not "Persian (Afghanistan)".
   */
  public String languageName(Locale language) {
    return ULocale.forLocale(language).getDisplayNameWithDialect(formatting);
  }

  /** Several values joined as this language lists them: "A, B and C". */
  public String list(List<String> values) {
    return ListFormatter.getInstance(formatting).format(values);
  }

  private String format(Instant at, String skeleton) {
    DateFormat format = DateFormat.getInstanceForSkeleton(skeleton, formatting);
    format.setTimeZone(TimeZone.getTimeZone(NORWAY.getId()));
    return format.format(Date.from(at));
  }

  /** Whether the whole value is one isolate, opened at its start and closed at its end. */
  private static boolean isIsolated(String value) {
    if (value.isEmpty() || !opensIsolate(value.charAt(0))) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (opensIsolate(c)) {
        depth++;
      } else if (c == PDI && --depth == 0) {
        return i == value.length() - 1;
      }
    }
    return false;
  }

  static boolean opensIsolate(char c) {
    return c == FSI || c == LRI || c == RLI;
  }
}
