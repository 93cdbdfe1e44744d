package no.bindeledd.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private static String encode(Map<String, Object> members) {
    return new String(CanonicalJson.encode(members), StandardCharsets.UTF_8);
  }

  @Test
  void sortsMembersAndLeavesOutNulls() {
    Map<String, Object> members = new HashMap<>();
    members.put("b", "2");
    members.put("a", 1L);
    members.put("c", null);
    assertThat(encode(members)).isEqualTo("{\"a\":1,\"b\":\"2\"}");
  }

  @Test
  void escapesAsRfc8785Prescribes() {
    // RFC 8785 section 3.2.2.2: only these are escaped; everything else is literal UTF-8.
    assertThat(encode(Map.of("s", "\"\\\b\f\n\r\t\u0001\u001f/€\u2028")))
        .isEqualTo("{\"s\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f/€\u2028\"}");
  }

  @Test
  void keepsSurrogatePairsAndReplacesLoneSurrogates() {
    assertThat(encode(Map.of("s", "😀"))).isEqualTo("{\"s\":\"😀\"}");
    assertThat(encode(Map.of("s", "a\uD800b"))).isEqualTo("{\"s\":\"a\uFFFDb\"}");
  }

  @Test
  void rejectsValuesOutsideTheProfile() {
    assertThatThrownBy(() -> CanonicalJson.encode(Map.of("x", 1.5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.encode(Map.of("x", (1L << 53) + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reencodingCanonicalBytesGivesThemBackAndOtherFormsDoNot() {
    String canonical = "{\"a\":1,\"b\":\"x\\ny\"}";
    assertThat(
            new String(
                CanonicalJson.reencode(Json.createReader(new StringReader(canonical)).readObject()),
                StandardCharsets.UTF_8))
        .isEqualTo(canonical);
    String spaced = "{ \"b\":\"x\\ny\", \"a\":1 }";
    assertThat(
            new String(
                CanonicalJson.reencode(Json.createReader(new StringReader(spaced)).readObject()),
                StandardCharsets.UTF_8))
        .isEqualTo(canonical)
        .isNotEqualTo(spaced);
  }
}
