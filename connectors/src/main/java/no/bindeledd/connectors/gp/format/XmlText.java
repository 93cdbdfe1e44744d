package no.bindeledd.connectors.gp.format;

import no.bindeledd.core.text.TextViolation;

/**
 * Which strings XML 1.0 can carry, so that every record the hub builds can also be written. Which
 * characters a field accepts is decided by the hub's text rules ({@link
 * no.bindeledd.core.text.TextKind}), and everything they accept passes here; this check is what the
 * format itself demands of text that arrived some other way.
 */
final class XmlText {

  private XmlText() {}

  static void require(String value, String name) {
    if (value == null) {
      return;
    }
    int position = 0;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      position++;
      if (!isXmlCharacter(c)) {
        throw new IllegalArgumentException(
            name
                + " holds "
                + TextViolation.describe(c)
                + " at position "
                + position
                + ", which XML cannot carry");
      }
      i += Character.charCount(c);
    }
  }

  /** The production Char of XML 1.0; a lone surrogate is not one. */
  private static boolean isXmlCharacter(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || c >= 0x10000;
  }
}
