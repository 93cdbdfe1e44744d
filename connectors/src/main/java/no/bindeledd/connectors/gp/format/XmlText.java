package no.bindeledd.connectors.gp.format;

/** Which strings XML 1.0 can carry, so that every record the hub builds can also be written. */
final class XmlText {

  private XmlText() {}

  static void require(String value, String name) {
    if (value != null && !isWritable(value)) {
      throw new IllegalArgumentException(name + " holds characters XML cannot carry");
    }
  }

  private static boolean isWritable(String value) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      boolean allowed =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || c >= 0x10000;
      if (!allowed) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }
}
