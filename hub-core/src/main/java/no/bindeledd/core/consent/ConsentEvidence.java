package no.bindeledd.core.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Transient;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.atrest.RowCipher;
import no.bindeledd.core.text.TextKind;

/**
 * How a consent was obtained. The scan of a signed form stays outside the hub; its SHA-256 hash
 * here lets anyone later prove which form the consent rests on.
 *
 * <p>The interpreter, the witness, who heard the child and what the child said are stored sealed
 * under the data key of the person the consent is about (ADR 0030), so that erasing the person
 * erases them too; the collection method, the form's hash, the text's language and the day the
 * child was heard stay in clear.
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

  @Transient private Interpreter interpreter;

  @Transient private String witness;

  @Transient private ChildHeard childHeard;

  @Column(name = "child_heard_on")
  private LocalDate childHeardOn;

  @Column(name = "sealed_interpreter_id")
  private byte[] sealedInterpreterId;

  @Column(name = "sealed_interpreter_language")
  private byte[] sealedInterpreterLanguage;

  @Column(name = "sealed_witness")
  private byte[] sealedWitness;

  @Column(name = "sealed_child_heard_by")
  private byte[] sealedChildHeardBy;

  @Column(name = "sealed_child_views")
  private byte[] sealedChildViews;

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
    this.childHeardOn = childHeard == null ? null : childHeard.heardOn();
  }

  /**
   * Seals the free text about the person under {@code row}, the consent's row cipher. The column
   * names bound into each value are those the clear text had (as {@code ClearTextSealing} uses).
   */
  void seal(RowCipher row) {
    sealedInterpreterId =
        row.seal("interpreter_id", interpreter == null ? null : interpreter.identity());
    sealedInterpreterLanguage =
        row.seal("interpreter_language", interpreter == null ? null : interpreter.languageTag());
    sealedWitness = row.seal("witness", witness);
    sealedChildHeardBy =
        row.seal("child_heard_by", childHeard == null ? null : childHeard.heardBy());
    sealedChildViews =
        row.seal("child_views", childHeard == null ? null : childHeard.views().orElse(null));
  }

  /** Empties what {@link #seal} sealed, for the erasure of the person it is about (ADR 0035). */
  void erase() {
    interpreter = null;
    witness = null;
    childHeard = null;
    sealedInterpreterId = null;
    sealedInterpreterLanguage = null;
    sealedWitness = null;
    sealedChildHeardBy = null;
    sealedChildViews = null;
  }

  /** Opens what {@link #seal} sealed; a value that does not open is {@code UnreadableAtRest}. */
  void open(RowCipher row) {
    String interpreterId = row.openText("interpreter_id", sealedInterpreterId);
    String interpreterLanguage = row.openText("interpreter_language", sealedInterpreterLanguage);
    witness = row.openText("witness", sealedWitness);
    String heardBy = row.openText("child_heard_by", sealedChildHeardBy);
    String views = row.openText("child_views", sealedChildViews);
    interpreter =
        interpreterId == null ? null : Interpreter.restored(interpreterId, interpreterLanguage);
    childHeard = heardBy == null ? null : ChildHeard.restored(heardBy, childHeardOn, views);
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
    return Optional.ofNullable(interpreter);
  }

  public Optional<String> witness() {
    return Optional.ofNullable(witness);
  }

  public Optional<ChildHeard> childHeard() {
    return Optional.ofNullable(childHeard);
  }
}
