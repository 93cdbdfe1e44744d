package no.bindeledd.web;

import java.util.IllformedLocaleException;
import java.util.Locale;
import no.bindeledd.core.InvalidInput;

/** Reads BCP 47 language tags from requests, refusing what is not one. */
public final class Languages {

  private Languages() {}

  public static Locale parse(String tag, String field) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    try {
      Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
      if (locale.getLanguage().isEmpty()) {
        throw new InvalidInput(field + " must be a language tag such as ar, nb or uk");
      }
      return locale;
    } catch (IllformedLocaleException e) {
      throw new InvalidInput(field + " is not a language tag: " + tag);
    }
  }
}
