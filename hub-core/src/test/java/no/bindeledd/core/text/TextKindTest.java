package no.bindeledd.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import no.bindeledd.core.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which characters each kind of text accepts: every class of character, on both sides of each of
 * its boundaries, and what a refusal says.
 */
class TextKindTest {

  /**
   * One character between "a" and "b", and whether each kind accepts it: a name, a single line, a
   * multi-line text, a code.
   */
  @ParameterizedTest(name = "U+{0}: {5}")
  @CsvSource({
    // C0 controls, and the first character after them
    "0000, false, false, false, false, NUL",
    "0001, false, false, false, false, SOH",
    "0008, false, false, false, false, BS",
    "0009, false, false, true,  false, TAB: free text only",
    "000A, false, false, true,  false, LF: free text only",
    "000B, false, false, false, false, VT",
    "000C, false, false, false, false, FF",
    "000D, false, false, false, false, a CR alone",
    "001B, false, false, false, false, ESC",
    "001F, false, false, false, false, US",
    "0020, true,  true,  true,  false, SPACE: no code holds one",
    "0021, true,  true,  true,  true,  the first visible ASCII character",
    "007E, true,  true,  true,  true,  the last visible ASCII character",
    // DEL and the C1 controls, and the characters around them
    "007F, false, false, false, false, DEL",
    "0080, false, false, false, false, the first C1 control",
    "0085, false, false, false, false, NEL",
    "009B, false, false, false, false, CSI",
    "009F, false, false, false, false, the last C1 control",
    "00A0, true,  true,  true,  false, NO-BREAK SPACE",
    "00E9, true,  true,  true,  false, a letter beyond ASCII",
    // the marks that only set direction are accepted, in names too
    "061C, true,  true,  true,  false, ARABIC LETTER MARK",
    "200D, true,  true,  true,  false, ZERO WIDTH JOINER",
    "200E, true,  true,  true,  false, LEFT-TO-RIGHT MARK",
    "200F, true,  true,  true,  false, RIGHT-TO-LEFT MARK",
    // line breaks that are no control characters
    "2027, true,  true,  true,  false, HYPHENATION POINT",
    "2028, false, false, true,  false, LINE SEPARATOR",
    "2029, false, false, true,  false, PARAGRAPH SEPARATOR",
    // bidirectional embeddings and overrides: never in a name
    "202A, false, true,  true,  false, LEFT-TO-RIGHT EMBEDDING",
    "202B, false, true,  true,  false, RIGHT-TO-LEFT EMBEDDING",
    "202C, false, true,  true,  false, POP DIRECTIONAL FORMATTING",
    "202D, false, true,  true,  false, LEFT-TO-RIGHT OVERRIDE",
    "202E, false, true,  true,  false, RIGHT-TO-LEFT OVERRIDE",
    "202F, true,  true,  true,  false, NARROW NO-BREAK SPACE",
    // bidirectional isolates: never in a name
    "2065, true,  true,  true,  false, the code point before the isolates",
    "2066, false, true,  true,  false, LEFT-TO-RIGHT ISOLATE",
    "2067, false, true,  true,  false, RIGHT-TO-LEFT ISOLATE",
    "2068, false, true,  true,  false, FIRST STRONG ISOLATE",
    "2069, false, true,  true,  false, POP DIRECTIONAL ISOLATE",
    "206A, true,  true,  true,  false, INHIBIT SYMMETRIC SWAPPING",
    // around the surrogates
    "D7FF, true,  true,  true,  false, the last character before the surrogates",
    "E000, true,  true,  true,  false, the first private-use character",
    // noncharacters
    "FDCF, true,  true,  true,  false, the character before the noncharacter block",
    "FDD0, false, false, false, false, the first of the noncharacter block",
    "FDEF, false, false, false, false, the last of the noncharacter block",
    "FDF0, true,  true,  true,  false, the character after the noncharacter block",
    "FFFD, true,  true,  true,  false, REPLACEMENT CHARACTER",
    "FFFE, false, false, false, false, a noncharacter XML cannot carry",
    "FFFF, false, false, false, false, a noncharacter XML cannot carry",
    // beyond the basic plane, written as a surrogate pair
    "10000, true, true,  true,  false, the first supplementary character",
    "1F600, true, true,  true,  false, an emoji",
    "1FFFD, true, true,  true,  false, the character before a plane's noncharacters",
    "1FFFE, false, false, false, false, a plane's noncharacter",
    "10FFFF, false, false, false, false, the last code point",
  })
  void eachKindAcceptsOnlyItsCharacters(
      String hex, boolean name, boolean singleLine, boolean multiLine, boolean code, String what) {
    String text = "a" + Character.toString(Integer.parseInt(hex, 16)) + "b";

    assertThat(accepts(TextKind.NAME, text)).as("a name").isEqualTo(name);
    assertThat(accepts(TextKind.SINGLE_LINE, text)).as("a single line").isEqualTo(singleLine);
    assertThat(accepts(TextKind.MULTI_LINE, text)).as("a multi-line text").isEqualTo(multiLine);
    assertThat(accepts(TextKind.CODE, text)).as("a code").isEqualTo(code);
  }

  private static boolean accepts(TextKind kind, String text) {
    return kind.firstViolation("field", text).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TextKind.class)
  void aLoneSurrogateIsNoCharacterAnywhere(TextKind kind) {
    assertThat(kind.firstViolation("f", "Am\ud800al")).isPresent();
    assertThat(kind.firstViolation("f", "Am\udfffal")).isPresent();
    assertThat(kind.firstViolation("f", "Amal\ud83d"))
        .as("a high surrogate at the end")
        .isPresent();
    assertThat(kind.firstViolation("f", "\ude00\ud83d"))
        .as("a pair in the wrong order")
        .isPresent();
  }

  @Test
  void freeTextTakesItsLineBreaksAsLfOrCrLf() {
    assertThat(accepts(TextKind.MULTI_LINE, "first\nsecond")).isTrue();
    assertThat(accepts(TextKind.MULTI_LINE, "first\r\nsecond\r\n")).isTrue();
    assertThat(accepts(TextKind.MULTI_LINE, "first\rsecond")).isFalse();
    assertThat(accepts(TextKind.MULTI_LINE, "ends in a carriage return\r")).isFalse();
    assertThat(accepts(TextKind.MULTI_LINE, "\r\r\n")).isFalse();
    assertThat(accepts(TextKind.SINGLE_LINE, "first\r\nsecond")).isFalse();
  }

  @Test
  void theTextsOfPeopleInTheirOwnScriptsAreAccepted() {
    for (String name :
        new String[] {
          "Amal",
          "Ærlig Øvrebø-Åsen",
          "أمل",
          "Юлія",
          "ትግርኛ",
          "Nguyễn Thị Minh Khai",
          "O'Brien",
          "\u0645\u0631\u064a\u0645\u200f",
          "zwnj: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
        }) {
      assertThat(TextKind.NAME.firstViolation("givenName", name)).as(name).isEmpty();
    }
    assertThat(TextKind.MULTI_LINE.firstViolation("question", "Hvor?\n\tلماذا؟ \u202bRTL\u202c"))
        .isEmpty();
  }

  @Test
  void nothingIsRefusedOfNoTextAtAll() {
    for (TextKind kind : TextKind.values()) {
      assertThat(kind.firstViolation("f", null)).isEmpty();
      assertThat(kind.firstViolation("f", "")).isEmpty();
      assertThat(kind.require("f", null)).isNull();
    }
  }

  @Test
  void aRefusalNamesTheFieldTheCharacterAndWhereItIs() {
    assertThatThrownBy(() -> TextKind.NAME.require("givenName", "Am\u0000al"))
        .isInstanceOf(InvalidInput.class)
        .hasMessage(
            "givenName holds U+0000 (NUL) at position 3; a name is one line without control"
                + " characters or bidirectional embeddings");
    assertThat(TextKind.NAME.firstViolation("familyName", "Testesen\u001b[2J"))
        .hasValueSatisfying(
            v -> {
              assertThat(v.codePoint()).isEqualTo(0x1B);
              assertThat(v.position()).isEqualTo(9);
              assertThat(v.message()).startsWith("familyName holds U+001B (ESC) at position 9;");
            });
    // Positions count characters, so one beyond the basic plane counts once.
    assertThat(TextKind.NAME.firstViolation("givenName", "\ud83d\ude00\n").orElseThrow().message())
        .startsWith("givenName holds U+000A (LF) at position 2;");
    assertThat(TextKind.NAME.firstViolation("givenName", "Am\ud800al").orElseThrow().message())
        .startsWith("givenName holds a lone surrogate U+D800")
        .contains("at position 3");
    assertThat(TextKind.NAME.firstViolation("givenName", "Amal\u202e").orElseThrow().message())
        .startsWith("givenName holds U+202E (RIGHT-TO-LEFT OVERRIDE) at position 5;");
    assertThat(TextKind.MULTI_LINE.firstViolation("text", "a\u0085b").orElseThrow().message())
        .isEqualTo(
            "text holds U+0085 (a C1 control character) at position 2; a free text holds no"
                + " control characters but tab and line breaks (LF or CR LF)");
    assertThat(TextKind.SINGLE_LINE.firstViolation("reason", "a\uffffb").orElseThrow().message())
        .startsWith("reason holds U+FFFF (a noncharacter) at position 2;");
    assertThat(TextViolation.describe(0x7F)).isEqualTo("U+007F (DEL)");
    assertThat(TextViolation.describe(0x9)).isEqualTo("U+0009 (TAB)");
  }

  @Test
  void aRefusalNeverRepeatsTheCharacterItRefuses() {
    String refused = TextKind.NAME.firstViolation("givenName", "x\u202ey").orElseThrow().message();
    assertThat(refused).doesNotContain("\u202e");
  }

  /**
   * Whatever any kind accepts, XML 1.0, JSON and UTF-8 carry unchanged: every accepted code point
   * is an XML Char, none is a surrogate.
   */
  @ParameterizedTest
  @EnumSource(TextKind.class)
  void everyCharacterAKindAcceptsIsOneXmlCanCarry(TextKind kind) {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      String text = c == '\r' ? "\r\n" : Character.toString(c);
      if (kind.firstViolation("f", text).isEmpty()) {
        boolean xmlChar =
            c == 0x9
                || c == 0xA
                || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
        assertThat(xmlChar).as("U+%04X, accepted in a %s", c, kind).isTrue();
      }
    }
  }
}
