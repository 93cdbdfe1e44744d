package no.bindeledd.web.json;

import java.util.Optional;

/**
 * A JSON request body that is not exactly one object of the expected shape. {@code kind} names the
 * problem for programs ({@code not-json}, {@code unknown-field}, ...); {@code field} is the path of
 * the field at fault, as in {@code evidence.interpreter.language} or {@code phases[0].title}, when
 * there is one.
 */
public final class MalformedBody extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String field;

  MalformedBody(String kind, String detail) {
    this(kind, null, detail);
  }

  MalformedBody(String kind, String field, String detail) {
    super(detail);
    this.kind = kind;
    this.field = field;
  }

  public String kind() {
    return kind;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
