package no.bindeledd.core.canonical;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit entry's canonical byte form: a JSON object whose members are strings or integers,
 * serialised as RFC 8785 (JSON Canonicalization Scheme) prescribes for those types. Members are
 * sorted by name, there is no white space, strings are escaped exactly as ECMAScript's
 * JSON.stringify escapes them, and the result is UTF-8.
 *
 * <p>Restricting values to strings and integers keeps the scheme small enough that any verifier, in
 * any language, can reproduce the bytes exactly. Audit entries and signed message envelopes both
 * use it, so the same content always gives the same bytes.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  /** Members whose value is null are left out. Integers must be within ±2^53. */
  public static byte[] encode(Map<String, Object> members) {
    StringBuilder out = new StringBuilder(256).append('{');
    boolean first = true;
    for (Map.Entry<String, Object> member : new TreeMap<>(members).entrySet()) {
      Object value = member.getValue();
      if (value == null) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, member.getKey());
      out.append(':');
      if (value instanceof Long || value instanceof Integer) {
        long number = ((Number) value).longValue();
        if (number > (1L << 53) || number < -(1L << 53)) {
          throw new IllegalArgumentException("integer outside the exactly representable range");
        }
        out.append(number);
      } else if (value instanceof String text) {
        string(out, text);
      } else {
        throw new IllegalArgumentException("canonical members are strings or integers");
      }
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Encodes a parsed entry again. An entry is canonical exactly when this gives back its bytes. */
  public static byte[] reencode(JsonObject json) {
    Map<String, Object> members = new TreeMap<>();
    for (Map.Entry<String, JsonValue> member : json.entrySet()) {
      JsonValue value = member.getValue();
      switch (value.getValueType()) {
        case STRING -> members.put(member.getKey(), ((JsonString) value).getString());
        case NUMBER -> members.put(member.getKey(), ((JsonNumber) value).longValueExact());
        default -> throw new IllegalArgumentException("canonical members are strings or integers");
      }
    }
    return encode(members);
  }

  private static void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isSurrogate(c)) {
            boolean pair =
                Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
              out.append(c).append(value.charAt(++i));
            } else {
              // A lone surrogate has no UTF-8 form; RFC 8785 rejects it. Text from users is
              // recorded with the replacement character instead of failing the audit write.
              out.append('\uFFFD');
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
