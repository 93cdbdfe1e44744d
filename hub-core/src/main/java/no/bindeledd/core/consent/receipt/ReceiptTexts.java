package no.bindeledd.core.consent.receipt;

import java.util.List;
import java.util.Locale;
import no.bindeledd.core.text.Texts;

/**
 * Where the receipt's texts are: the {@code receipt} resource bundles. A language without a bundle
 * gets English.
 */
final class ReceiptTexts {

  static final String BUNDLE = "no.bindeledd.core.consent.receipt.receipt";

  /** The languages the receipt is written in. A new bundle must be added here. */
  static final List<Locale> LANGUAGES =
      List.of(
          Texts.ENGLISH, Texts.NORWEGIAN, Locale.forLanguageTag("ar"), Locale.forLanguageTag("uk"));

  private ReceiptTexts() {}

  /** The person's language (or English) and Norwegian, or Norwegian alone. */
  static List<Texts> forPerson(Locale language) {
    return Texts.forPerson(BUNDLE, language);
  }
}
