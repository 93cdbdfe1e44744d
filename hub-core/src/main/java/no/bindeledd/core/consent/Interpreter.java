package no.bindeledd.core.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Locale;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.text.TextKind;

/**
 * The interpreter through whom the consent was explained and given. FHIR has no element for this;
 * the hub carries it as an extension.
 */
@Embeddable
public class Interpreter {

  /** The interpreter's name or their id in the national interpreter register. */
  @Column(name = "interpreter_id", length = 200)
  private String identity;

  @Column(name = "interpreter_language", length = 35)
  private String language;

  protected Interpreter() {}

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

  boolean isPresent() {
    return identity != null;
  }
}
