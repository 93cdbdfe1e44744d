package no.bindeledd.core.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.text.TextKind;

/**
 * How a consent was obtained. The scan of a signed form stays outside the hub; its SHA-256 hash
 * here lets anyone later prove which form the consent rests on.
 */
@Embeddable
public class ConsentEvidence {

  @Enumerated(EnumType.STRING)
  @Column(name = "collection_method", length = 32, nullable = false)
  private CollectionMethod method;

  @Column(name = "form_sha256", length = 64)
  private String formSha256;

  /** The language the consent text was shown or read to the person in. */
  @Column(name = "text_language", length = 35, nullable = false)
  private String textLanguage;

  @Embedded private Interpreter interpreter;

  @Column(name = "witness", length = 200)
  private String witness;

  @Embedded private ChildHeard childHeard;

  protected ConsentEvidence() {}

  public ConsentEvidence(
      CollectionMethod method,
      String formSha256,
      Locale textLanguage,
      Interpreter interpreter,
      String witness) {
    this(method, formSha256, textLanguage, interpreter, witness, null);
  }

  /**
   * @param childHeard that the child was heard before the guardian consented; null when the person
   *     consents for themselves or no one heard a child too young to need it
   */
  public ConsentEvidence(
      CollectionMethod method,
      String formSha256,
      Locale textLanguage,
      Interpreter interpreter,
      String witness,
      ChildHeard childHeard) {
    if (method == null) {
      throw new InvalidInput("collection method is required");
    }
    if (method.hasSignedForm()) {
      if (formSha256 == null || !formSha256.matches("[0-9a-fA-F]{64}")) {
        throw new InvalidInput(
            "a " + method.code() + " consent needs the SHA-256 of the signed form (64 hex digits)");
      }
      HexFormat.of().parseHex(formSha256);
    } else if (formSha256 != null) {
      throw new InvalidInput("a " + method.code() + " consent has no signed form to hash");
    }
    if (method == CollectionMethod.VERBAL_WITH_WITNESS && (witness == null || witness.isBlank())) {
      throw new InvalidInput("a verbal consent needs a witness");
    }
    if (witness != null && witness.length() > 200) {
      throw new InvalidInput("witness is longer than 200 characters");
    }
    TextKind.NAME.require("witness", witness);
    if (textLanguage == null || textLanguage.getLanguage().isEmpty()) {
      throw new InvalidInput("the language the consent text was shown in is required");
    }
    this.method = method;
    this.formSha256 = formSha256 == null ? null : formSha256.toLowerCase(Locale.ROOT);
    this.textLanguage = textLanguage.toLanguageTag();
    this.interpreter = interpreter;
    this.witness = witness == null || witness.isBlank() ? null : witness.strip();
    this.childHeard = childHeard;
  }

  public CollectionMethod method() {
    return method;
  }

  public Optional<String> formSha256() {
    return Optional.ofNullable(formSha256);
  }

  public Locale textLanguage() {
    return Locale.forLanguageTag(textLanguage);
  }

  public Optional<Interpreter> interpreter() {
    return interpreter != null && interpreter.isPresent()
        ? Optional.of(interpreter)
        : Optional.empty();
  }

  public Optional<String> witness() {
    return Optional.ofNullable(witness);
  }

  public Optional<ChildHeard> childHeard() {
    return childHeard != null && childHeard.isPresent()
        ? Optional.of(childHeard)
        : Optional.empty();
  }
}
