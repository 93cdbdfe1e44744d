package no.bindeledd.web.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads exactly one JSON object, in UTF-8 as RFC 8259 requires between systems: no other value at
 * the top, nothing after it, no key twice in one object, no byte that is not UTF-8. JSON-P's reader
 * would keep the last of two equal keys and ignore what follows the object, and its parser from a
 * byte stream would replace bytes that are not UTF-8; so the parser's events are walked here, over
 * a decoder that reports such bytes.
 */
public final class StrictJson {

  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

  private StrictJson() {}

  /**
   * The object the body holds. An {@link IOException} from the stream itself (one that is not about
   * the encoding) is passed on as it is.
   */
  public static JsonObject readObject(InputStream body) throws IOException {
    try (JsonParser parser = PARSERS.createParser(utf8(body))) {
      Event first = parser.next();
      if (first != Event.START_OBJECT) {
        throw new MalformedBody(
            "not-an-object", "the body must be one JSON object, not " + describe(first));
      }
      JsonObject object = object(parser, "");
      refuseTrailingContent(parser);
      return object;
    } catch (MalformedBody e) {
      throw e;
    } catch (JsonParsingException e) {
      throw notJson(e.getMessage());
    } catch (JsonException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CharacterCodingException) {
        throw new MalformedBody("not-utf-8", "the body is not valid UTF-8");
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw notJson(e.getMessage());
    } catch (RuntimeException e) {
      // The parser's own guards (nesting depth, the length of a number) throw plain exceptions.
      throw notJson(e.getMessage());
    }
  }

  /** The bytes as text, refusing any byte sequence that is not UTF-8. */
  public static String utf8(byte[] bytes) {
    try {
      return decoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedBody("not-utf-8", "the body is not valid UTF-8");
    }
  }

  /** The body as text; closing the parser leaves the body open, which its owner closes. */
  private static Reader utf8(InputStream body) {
    InputStream unclosed =
        new FilterInputStream(body) {
          @Override
          public void close() {
            // The container owns the request body.
          }
        };
    return new InputStreamReader(unclosed, decoder());
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static void refuseTrailingContent(JsonParser parser) {
    JsonLocation at;
    try {
      if (!parser.hasNext()) {
        return;
      }
      at = parser.getLocation();
    } catch (JsonParsingException e) {
      at = e.getLocation();
    }
    throw new MalformedBody(
        "trailing-content",
        "the body must be one JSON object and nothing after it; more follows at line "
            + at.getLineNumber()
            + ", column "
            + at.getColumnNumber());
  }

  private static JsonObject object(JsonParser parser, String path) {
    JsonObjectBuilder builder = Json.createObjectBuilder();
    Set<String> keys = new HashSet<>();
    for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
      String key = parser.getString();
      String field = path.isEmpty() ? key : path + "." + key;
      if (!keys.add(key)) {
        throw new MalformedBody("duplicate-field", field, field + " appears more than once");
      }
      builder.add(key, value(parser, parser.next(), field));
    }
    return builder.build();
  }

  private static JsonArray array(JsonParser parser, String path) {
    JsonArrayBuilder builder = Json.createArrayBuilder();
    int index = 0;
    for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
      builder.add(value(parser, event, path + "[" + index++ + "]"));
    }
    return builder.build();
  }

  private static JsonValue value(JsonParser parser, Event event, String path) {
    return switch (event) {
      case START_OBJECT -> object(parser, path);
      case START_ARRAY -> array(parser, path);
      case VALUE_STRING -> Json.createValue(parser.getString());
      case VALUE_NUMBER -> Json.createValue(parser.getBigDecimal());
      case VALUE_TRUE -> JsonValue.TRUE;
      case VALUE_FALSE -> JsonValue.FALSE;
      case VALUE_NULL -> JsonValue.NULL;
      default -> throw notJson("unexpected " + event + " at " + path);
    };
  }

  private static String describe(Event event) {
    return switch (event) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> event.toString();
    };
  }

  private static MalformedBody notJson(String reason) {
    return new MalformedBody("not-json", "the body is not valid JSON: " + reason);
  }
}
