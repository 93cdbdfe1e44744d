package no.bindeledd.core.text;

import java.util.Locale;
import java.util.Objects;

/**
 * The first character of a text that its kind does not accept: which field, which character, and
 * where, counted in characters from 1.
 *
 * @param codePoint the character, or the lone surrogate, that was refused
 */
public record TextViolation(String field, TextKind kind, int codePoint, int position) {

  private static final String[] C0_NAMES = {
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
    "FS", "GS", "RS", "US"
  };

  public TextViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(kind, "kind");
  }

  /** For example "givenName holds U+0000 (NUL) at position 3; a name is one line ...". */
  public String message() {
    return field
        + " holds "
        + describe(codePoint)
        + " at position "
        + position
        + "; "
        + kind.rule();
  }

  /**
   * A character as a person reads it in an error: its code point and its name, such as {@code
   * U+001B (ESC)} or {@code U+202E (RIGHT-TO-LEFT OVERRIDE)}. Never the character itself, which
   * could be invisible or disturb the text around it.
   */
  public static String describe(int codePoint) {
    String hex = String.format(Locale.ROOT, "U+%04X", codePoint);
    if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
      return "a lone surrogate " + hex + " (half of a character, with no UTF-8 form)";
    }
    if (codePoint < C0_NAMES.length) {
      return hex + " (" + C0_NAMES[codePoint] + ")";
    }
    if (codePoint == 0x7F) {
      return hex + " (DEL)";
    }
    if ((codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE) {
      return hex + " (a noncharacter)";
    }
    if (codePoint >= 0x80 && codePoint <= 0x9F) {
      return hex + " (a C1 control character)";
    }
    String name = Character.getName(codePoint);
    return name == null ? hex : hex + " (" + name + ")";
  }
}
