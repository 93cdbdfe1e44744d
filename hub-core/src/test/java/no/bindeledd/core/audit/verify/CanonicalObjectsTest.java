package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.bindeledd.core.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reading of canonical entries gives what parsing and re-encoding give: the same
 * members for every canonical object, and the same refusal, word for word, for everything else.
 */
class CanonicalObjectsTest {

  private static final byte[] REPLACEMENTS = {
    0,
    '\t',
    ' ',
    '"',
    ',',
    '-',
    '0',
    '1',
    '9',
    ':',
    'A',
    '\\',
    'a',
    'u',
    '{',
    '}',
    0x7f,
    (byte) 0x80,
    (byte) 0xbf,
    (byte) 0xc0,
    (byte) 0xc2,
    (byte) 0xe0,
    (byte) 0xed,
    (byte) 0xf4,
    (byte) 0xf5,
    (byte) 0xff
  };

  private final CanonicalObjects objects = new CanonicalObjects();

  @Test
  void readsEveryCanonicalObjectAsParsingAndReencodingDo() {
    for (byte[] canonical : canonicalSamples()) {
      assertThat(objects.canonicalMembers(canonical))
          .as("read without the parser")
          .isEqualTo(reference(canonical));
      assertThat(objects.members(canonical)).isEqualTo(reference(canonical));
      assertThat(objects.members(canonical).size()).isEqualTo(objects.read(canonical).size());
    }
  }

  @Test
  void refusesEveryAlteredObjectAsParsingAndReencodingDo() {
    Random random = new Random(20261203);
    int checked = 0;
    for (byte[] canonical : canonicalSamples()) {
      for (int at = 0; at < canonical.length; at++) {
        for (byte replacement : REPLACEMENTS) {
          byte[] changed = canonical.clone();
          changed[at] = replacement;
          assertSameVerdict(changed);
          checked++;
        }
        assertSameVerdict(without(canonical, at));
        assertSameVerdict(
            inserted(canonical, at, REPLACEMENTS[random.nextInt(REPLACEMENTS.length)]));
        checked += 2;
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }

  @Test
  void refusesTheFormsCanonicalEncodingNeverWrites() {
    for (String text :
        List.of(
            "",
            "{",
            "}",
            "[]",
            "{ }",
            "{\"a\":1,}",
            "{\"a\":01}",
            "{\"a\":-0}",
            "{\"a\":+1}",
            "{\"a\":1.0}",
            "{\"a\":1e3}",
            "{\"a\":9007199254740993}",
            "{\"a\":-9007199254740993}",
            "{\"a\":12345678901234567890}",
            "{\"a\":null}",
            "{\"a\":true}",
            "{\"a\":{}}",
            "{\"a\":[]}",
            "{\"b\":1,\"a\":2}",
            "{\"a\":1,\"a\":2}",
            "{\"a\":\"\\/\"}",
            "{\"a\":\"\\u0041\"}",
            "{\"a\":\"\\u000a\"}",
            "{\"a\":\"\\u001F\"}",
            "{\"a\":\"\\ud83d\\ude00\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"x\"}x",
            "{\"a\":\"x\"}\n")) {
      assertSameVerdict(text.getBytes(UTF_8));
    }
    // Overlong, surrogate, beyond U+10FFFF and cut-off UTF-8, and a raw control character.
    for (byte[] value :
        List.of(
            new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xe2, (byte) 0x82},
            new byte[] {0x01})) {
      byte[] object = new byte[value.length + 8];
      System.arraycopy("{\"a\":\"".getBytes(UTF_8), 0, object, 0, 6);
      System.arraycopy(value, 0, object, 6, value.length);
      object[object.length - 2] = '"';
      object[object.length - 1] = '}';
      assertSameVerdict(object);
    }
  }

  @Test
  void takesNoNameForAnotherWhoseCharactersAreItsEscapedBytes() {
    // The first object's name is a backslash and an n; the second's is a line feed, written as the
    // same two characters.
    byte[] backslashAndN = "{\"\\\\n\":1}".getBytes(UTF_8);
    byte[] lineFeed = "{\"\\n\":1}".getBytes(UTF_8);
    assertThat(objects.members(backslashAndN).name(0)).isEqualTo("\\n");
    assertThat(objects.members(lineFeed).name(0)).isEqualTo("\n");
    assertSameVerdict(backslashAndN);
    assertSameVerdict(lineFeed);
  }

  private void assertSameVerdict(byte[] bytes) {
    CanonicalMembers expected;
    try {
      expected = reference(bytes);
    } catch (IllegalArgumentException refused) {
      assertThat(objects.canonicalMembers(bytes)).as(new String(bytes, UTF_8)).isNull();
      assertThatThrownBy(() -> objects.members(bytes))
          .as(new String(bytes, UTF_8))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(refused.getMessage());
      return;
    }
    assertThat(objects.members(bytes)).as(new String(bytes, UTF_8)).isEqualTo(expected);
    CanonicalMembers withoutParser = objects.canonicalMembers(bytes);
    if (withoutParser != null) {
      assertThat(withoutParser).as(new String(bytes, UTF_8)).isEqualTo(expected);
    }
  }

  /** What parsing and re-encoding make of the bytes, in the members' form. */
  private CanonicalMembers reference(byte[] bytes) {
    JsonObject object = new CanonicalObjects().read(bytes);
    List<String> names = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (Map.Entry<String, JsonValue> member : object.entrySet()) {
      names.add(member.getKey());
      values.add(
          member.getValue() instanceof JsonString text
              ? text.getString()
              : ((JsonNumber) member.getValue()).longValueExact());
    }
    return new CanonicalMembers(names.toArray(String[]::new), values.toArray());
  }

  /** Canonical objects with every kind of character and integer canonical form treats apart. */
  private static List<byte[]> canonicalSamples() {
    List<byte[]> samples = new ArrayList<>();
    samples.add(CanonicalJson.encode(Map.of()));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("v", 2L);
    entry.put("seq", 9_007_199_254_740_992L);
    entry.put("time", "2026-11-25T10:15:00.000Z");
    entry.put("actor", "kari");
    entry.put("reason", "\"quoted\" \\ back/slash \b\f\n\r\t \u0000\u001f\u007f end");
    entry.put("to", "Åse Ødegård – ☺ \uD83D\uDE00 \u2028");
    entry.put("lone", "\uD800 becomes a replacement");
    entry.put("from", -9_007_199_254_740_992L);
    entry.put("zero", 0L);
    entry.put("négative", -17L);
    entry.put("Z", "");
    samples.add(CanonicalJson.encode(entry));
    samples.add(CanonicalJson.encode(Map.of("\u0001\"\\", "x", "é", 1L, "\uD83D\uDE00", "y")));
    samples.add(
        CanonicalJson.encode(
            Map.of("a", "\uFFFF", "b", "\u00e9\u0800\u07ff\uD7FF\uE000", "c", 123_456_789L)));
    return samples;
  }

  private static byte[] without(byte[] bytes, int at) {
    byte[] shorter = new byte[bytes.length - 1];
    System.arraycopy(bytes, 0, shorter, 0, at);
    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
    return shorter;
  }

  private static byte[] inserted(byte[] bytes, int at, byte extra) {
    byte[] longer = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, longer, 0, at);
    longer[at] = extra;
    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
    return longer;
  }
}
