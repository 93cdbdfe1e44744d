package no.bindeledd.core.text;

import java.util.Optional;
import no.bindeledd.core.InvalidInput;

/**
 * The kinds of text the hub takes in, and the one place that decides which characters each may
 * hold. Every boundary asks here: the API through the core's value objects and services, the FHIR
 * import, and the GP offices' Dialogmelding.
 *
 * <p>No kind accepts a character that cannot travel everywhere the hub sends text: control
 * characters other than the line breaks and tab a free text may hold, a lone surrogate (it has no
 * UTF-8 form, so it would turn into "?" or U+FFFD on its way), or a noncharacter (U+FFFE and U+FFFF
 * are not XML characters; Unicode keeps all 66 for internal use). So every text a kind accepts is
 * also a string XML 1.0, JSON and UTF-8 can carry unchanged.
 *
 * <p>Names are one line, and refuse the bidirectional embeddings, overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069): a name is shown inside sentences and lists, isolated where the
 * text runs right to left, and one of these could reorder or close what surrounds it. The marks
 * U+200E, U+200F and U+061C are accepted: they open nothing that outlives the name, and a name that
 * mixes scripts may need one to show in its right order.
 */
public enum TextKind {

  /** A person's name, or a name that stands for one (a witness, an interpreter). */
  NAME("a name is one line without control characters or bidirectional embeddings"),

  /** A short text on one line: a reason, a title. */
  SINGLE_LINE("a single-line text holds no line breaks, tabs or control characters"),

  /**
   * Free text that may run over several lines: a question, an answer. It may hold tabs and line
   * breaks (LF, or CR LF), and nothing else of the control characters.
   */
  MULTI_LINE("a free text holds no control characters but tab and line breaks (LF or CR LF)"),

  /** An identifier or code: visible ASCII only, no spaces. */
  CODE("an identifier holds visible ASCII characters only");

  private final String rule;

  TextKind(String rule) {
    this.rule = rule;
  }

  /** The rule in plain words, as a refusal states it. */
  public String rule() {
    return rule;
  }

  /** The first character of {@code text} this kind does not accept; empty for null. */
  public Optional<TextViolation> firstViolation(String field, String text) {
    if (text == null) {
      return Optional.empty();
    }
    int position = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int width = Character.charCount(c);
      position++;
      boolean loneSurrogate = c >= 0xD800 && c <= 0xDFFF;
      boolean crLf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
      if (loneSurrogate || !accepts(c, crLf)) {
        return Optional.of(new TextViolation(field, this, c, position));
      }
      i += width;
    }
    return Optional.empty();
  }

  /**
   * Returns {@code text} if this kind accepts every character of it.
   *
   * @throws InvalidInput naming the field, the character and its position
   */
  public String require(String field, String text) {
    Optional<TextViolation> violation = firstViolation(field, text);
    if (violation.isPresent()) {
      throw new InvalidInput(violation.get().message());
    }
    return text;
  }

  /**
   * Whether this kind accepts the character. {@code partOfCrLf} says a carriage return is followed
   * by a line feed.
   */
  private boolean accepts(int c, boolean partOfCrLf) {
    if (isNoncharacter(c)) {
      return false;
    }
    return switch (this) {
      case CODE -> c >= 0x21 && c <= 0x7E;
      case MULTI_LINE -> !isControl(c) || c == '\t' || c == '\n' || (c == '\r' && partOfCrLf);
      case SINGLE_LINE -> !isControl(c) && !isLineSeparator(c);
      case NAME -> !isControl(c) && !isLineSeparator(c) && !isBidiEmbedding(c);
    };
  }

  /** C0, DEL and C1: Unicode's general category Cc. */
  private static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
  }

  /** LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks that are not control characters. */
  private static boolean isLineSeparator(int c) {
    return c == 0x2028 || c == 0x2029;
  }

  /** The bidirectional embeddings and overrides (LRE to RLO) and isolates (LRI to PDI). */
  private static boolean isBidiEmbedding(int c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }

  /** U+FDD0 to U+FDEF, and the last two code points of every plane. */
  private static boolean isNoncharacter(int c) {
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
  }
}
