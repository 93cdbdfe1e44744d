package no.bindeledd.core.audit.verify;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import no.bindeledd.core.canonical.CanonicalJson;

/**
 * Reads bytes that must be one canonical JSON object of strings and integers, as the audit entries
 * and the manifest are: strictly valid UTF-8, one object, and bytes that re-encoding gives back
 * exactly. Not thread-safe; one per verification.
 */
final class CanonicalObjects {

  private final JsonReaderFactory readers = Json.createReaderFactory(Map.of());
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /**
   * The object the bytes hold.
   *
   * @throws IllegalArgumentException saying what is wrong, for anything but a canonical object
   */
  JsonObject read(byte[] bytes) {
    String text = utf8(bytes);
    JsonObject object;
    try (JsonReader reader = readers.createReader(new StringReader(text))) {
      object = reader.readObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("it is not a JSON object");
    }
    byte[] canonical;
    try {
      canonical = CanonicalJson.reencode(object);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "it holds a value that is neither a string nor an integer within ±2^53");
    }
    if (!Arrays.equals(canonical, bytes)) {
      throw new IllegalArgumentException(
          "it is not in canonical form (members sorted, no white space, RFC 8785 escapes)");
    }
    return object;
  }

  /** Strictly valid UTF-8 text, or an exception saying it is not. */
  String utf8(byte[] bytes) {
    try {
      return utf8.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("it is not valid UTF-8");
    }
  }
}
