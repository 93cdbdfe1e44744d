package no.bindeledd.core.consent.receipt;

import java.util.List;
import java.util.Locale;
import no.bindeledd.core.text.Texts;

/**
 * Where the receipt's texts are: the {@code receipt} resource bundles, one for each of the hub's
 * languages. Any other language gets English.
 */
final class ReceiptTexts {

  static final String BUNDLE = "no.bindeledd.core.consent.receipt.receipt";

  /** The languages the receipt is written in: each of the hub's languages has a bundle. */
  static final List<Locale> LANGUAGES = Texts.LANGUAGES;

  private ReceiptTexts() {}

  /** The person's language (or English) and Norwegian, or Norwegian alone. */
  static List<Texts> forPerson(Locale language) {
    return Texts.forPerson(BUNDLE, language);
  }

  static Texts in(Locale language) {
    return Texts.in(BUNDLE, language);
  }
}
