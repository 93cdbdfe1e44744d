package no.bindeledd.core.consent;

import java.util.Locale;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.text.TextKind;

/**
 * The interpreter through whom the consent was explained and given. FHIR has no element for this;
 * the hub carries it as an extension. Stored sealed with the rest of the consent's evidence ({@link
 * ConsentEvidence}).
 */
public class Interpreter {

  /** The interpreter's name or their id in the national interpreter register. */
  private final String identity;

  private final String language;

  private Interpreter(String identity, String language) {
    this.identity = identity;
    this.language = language;
  }

  /** The interpreter as the hub stored them: checked when recorded, not again. */
  static Interpreter restored(String identity, String language) {
    return new Interpreter(identity, language);
  }

  public Interpreter(String identity, Locale language) {
    if (identity == null || identity.isBlank()) {
      throw new InvalidInput("an interpreter needs a name or id");
    }
    if (identity.length() > 200) {
      throw new InvalidInput("interpreter identity is longer than 200 characters");
    }
    TextKind.NAME.require("interpreter.identity", identity);
    if (language == null || language.getLanguage().isEmpty()) {
      throw new InvalidInput("an interpreter needs a language");
    }
    this.identity = identity.strip();
    this.language = language.toLanguageTag();
  }

  public String identity() {
    return identity;
  }

  public Locale language() {
    return Locale.forLanguageTag(language);
  }

  /** The BCP 47 tag, as stored. */
  String languageTag() {
    return language;
  }
}
