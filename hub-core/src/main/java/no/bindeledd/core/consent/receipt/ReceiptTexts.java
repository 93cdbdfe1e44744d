package no.bindeledd.core.consent.receipt;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The receipt's texts in one language, from the {@code receipt} resource bundles. A language
 * without a bundle gets English, the base bundle, whatever the server's default locale is.
 */
final class ReceiptTexts {

  static final String BUNDLE = "no.bindeledd.core.consent.receipt.receipt";
  static final Locale NORWEGIAN = Locale.forLanguageTag("nb");
  static final Locale ENGLISH = Locale.ENGLISH;

  /** The languages the receipt is written in. A new bundle must be added here. */
  static final List<Locale> LANGUAGES =
      List.of(ENGLISH, NORWEGIAN, Locale.forLanguageTag("ar"), Locale.forLanguageTag("uk"));

  private static final char FSI = '\u2068';
  private static final char PDI = '\u2069';

  private static final ResourceBundle.Control NO_DEFAULT_LOCALE_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final ResourceBundle bundle;
  private final Locale locale;

  private ReceiptTexts(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  /** The texts for {@code language}, or English when the hub has none in that language. */
  static ReceiptTexts in(Locale language) {
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            isNorwegian(language) ? NORWEGIAN : language,
            ReceiptTexts.class.getClassLoader(),
            NO_DEFAULT_LOCALE_FALLBACK);
    Locale found = bundle.getLocale();
    return new ReceiptTexts(bundle, found.getLanguage().isEmpty() ? ENGLISH : found);
  }

  /** Bokmål, nynorsk and plain "no" are all Norwegian; the hub writes bokmål. */
  static boolean isNorwegian(Locale language) {
    return switch (language.getLanguage()) {
      case "nb", "nn", "no" -> true;
      default -> false;
    };
  }

  Locale locale() {
    return locale;
  }

  String direction() {
    return bundle.getString("direction");
  }

  String text(String key) {
    return bundle.getString(key);
  }

  /**
   * Fills a pattern. In a right-to-left language each argument is wrapped in Unicode directional
   * isolates (FSI, PDI), so that a Latin name or a number inside Arabic text keeps its own order.
   */
  String format(String key, String... arguments) {
    Object[] filled = new Object[arguments.length];
    for (int i = 0; i < arguments.length; i++) {
      filled[i] = isRightToLeft() ? FSI + arguments[i] + PDI : arguments[i];
    }
    return new MessageFormat(bundle.getString(key), locale).format(filled);
  }

  boolean isRightToLeft() {
    return "rtl".equals(direction());
  }
}
