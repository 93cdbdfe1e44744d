package no.bindeledd.web.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

  private static JsonObject read(String json) throws IOException {
    return read(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject read(byte[] json) throws IOException {
    return StrictJson.readObject(new ByteArrayInputStream(json));
  }

  private static void assertRefused(String json, String kind) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(MalformedBody.class)
        .satisfies(e -> assertThat(((MalformedBody) e).kind()).isEqualTo(kind));
  }

  @Test
  void oneObjectIsRead() throws IOException {
    JsonObject object = read(" {\"a\":\"b\",\"n\":[1,{\"c\":null}],\"t\":true}\n");

    assertThat(object.getString("a")).isEqualTo("b");
    assertThat(object.getJsonArray("n").getJsonObject(1).isNull("c")).isTrue();
    assertThat(object.getBoolean("t")).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1} x|trailing-content",
        "{\"a\":1}{\"a\":1}|trailing-content",
        "{\"a\":1} 5|trailing-content",
        "{\"a\":1}]|trailing-content",
        "[{\"a\":1}]|not-an-object",
        "\"text\"|not-an-object",
        "12|not-an-object",
        "null|not-an-object",
        "{\"a\":1,\"a\":2}|duplicate-field",
        "{\"a\":{\"b\":1,\"b\":1}}|duplicate-field",
        "{\"a\":[{\"b\":1,\"b\":1}]}|duplicate-field",
        "{|not-json",
        "{\"a\":1,}|not-json",
        "{'a':1}|not-json",
        "\ufeff{\"a\":1}|not-json"
      })
  void anythingButExactlyOneObjectIsRefused(String json, String kind) {
    assertRefused(json, kind);
  }

  @Test
  void aDuplicateNamesItsField() {
    assertThatThrownBy(() -> read("{\"a\":[{\"b\":1,\"b\":1}]}"))
        .isInstanceOfSatisfying(MalformedBody.class, e -> assertThat(e.field()).contains("a[0].b"));
  }

  @Test
  void trailingContentSaysWhereItStarts() {
    assertThatThrownBy(() -> read("{\"a\":1}\n  {}")).hasMessageContaining("line 2, column");
  }

  @Test
  void theParsersOwnGuardsAreRefusalsToo() {
    assertRefused("{\"a\":" + "[".repeat(5000) + "}", "not-json");
    assertRefused("{\"a\":1" + "0".repeat(5000) + "}", "not-json");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c328", // a lead byte followed by no continuation
        "80", // a lone continuation byte
        "c080", // an overlong encoding of NUL
        "eda080", // a surrogate encoded as UTF-8
        "f4908080", // beyond U+10FFFF
        "e282" // cut short at the end of the string
      })
  void bytesThatAreNotUtf8AreRefused(String hex) {
    byte[] bad = java.util.HexFormat.of().parseHex(hex);
    byte[] before = "{\"a\":\"x".getBytes(StandardCharsets.UTF_8);
    byte[] after = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] json = new byte[before.length + bad.length + after.length];
    System.arraycopy(before, 0, json, 0, before.length);
    System.arraycopy(bad, 0, json, before.length, bad.length);
    System.arraycopy(after, 0, json, before.length + bad.length, after.length);

    assertThatThrownBy(() -> read(json))
        .isInstanceOfSatisfying(
            MalformedBody.class, e -> assertThat(e.kind()).isEqualTo("not-utf-8"));
    assertThatThrownBy(() -> StrictJson.utf8(json))
        .isInstanceOfSatisfying(
            MalformedBody.class, e -> assertThat(e.kind()).isEqualTo("not-utf-8"));
  }

  @Test
  void textInAnyScriptIsRead() throws IOException {
    assertThat(read("{\"a\":\"أمل Ærlig 😀\"}").getString("a")).isEqualTo("أمل Ærlig 😀");
  }

  @Test
  void aFailingStreamFailsAsItself() {
    IOException broken = new IOException("the body went over its limit");
    InputStream failing =
        new InputStream() {
          private int sent;

          @Override
          public int read() throws IOException {
            if (sent < 7) {
              return "{\"a\":\"x".charAt(sent++);
            }
            throw broken;
          }
        };

    assertThatThrownBy(() -> StrictJson.readObject(failing)).isSameAs(broken);
  }
}
