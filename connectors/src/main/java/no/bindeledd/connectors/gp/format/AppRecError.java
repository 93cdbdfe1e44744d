package no.bindeledd.connectors.gp.format;

import java.util.Objects;
import java.util.Optional;

/**
 * One error in an application receipt (AppRec Error, a KITH CV): a code from a code list, usually
 * 8221, its display name, and details such as which part of the message was wrong.
 *
 * @param codeSystem the code list's OID (S); receipts from others may leave it out
 * @param code the error code (V)
 * @param description the code's display name (DN)
 * @param details free text or a reference to the part in error (OT)
 */
public record AppRecError(
    Optional<String> codeSystem,
    String code,
    Optional<String> description,
    Optional<String> details) {

  public AppRecError {
    Objects.requireNonNull(codeSystem, "codeSystem");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(details, "details");
    if (code == null || !code.matches("\\S{1,100}")) {
      throw new IllegalArgumentException("an error needs a code without spaces");
    }
    XmlText.require(code, "code");
    if (codeSystem.isPresent() && !codeSystem.get().matches("[0-9]+(\\.[0-9]+)*")) {
      throw new IllegalArgumentException("a code system is named by its OID");
    }
    description.ifPresent(text -> XmlText.require(text, "description"));
    details.ifPresent(text -> XmlText.require(text, "details"));
  }

  /** An error of code list 8221 with its official name; {@code details} may be null. */
  public static AppRecError of(AppRecErrorCode code, String details) {
    return new AppRecError(
        Optional.of(AppRecErrorCode.CODE_SYSTEM),
        code.name(),
        Optional.of(code.displayName()),
        Optional.ofNullable(details));
  }

  /** The 8221 code this error names, if it is one. */
  public Optional<AppRecErrorCode> knownCode() {
    if (!codeSystem.equals(Optional.of(AppRecErrorCode.CODE_SYSTEM))) {
      return Optional.empty();
    }
    return AppRecErrorCode.fromCode(code);
  }
}
