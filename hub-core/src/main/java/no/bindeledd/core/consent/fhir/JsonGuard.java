package no.bindeledd.core.consent.fhir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import no.bindeledd.core.InvalidInput;

/**
 * Checks untrusted JSON before HAPI builds a tree of it. HAPI lifts Jackson's limit on string
 * length, leaves nesting to Jackson's generous default, accepts single-quoted strings and keeps the
 * last of two equal keys; so size, depth, quoting and duplicate keys are checked here, in one pass
 * over the text. Anything else that is malformed is left for the parser to report.
 */
final class JsonGuard {

  static final int MAX_BYTES = 64 * 1024;
  static final int MAX_DEPTH = 32;

  /** An open object (with the keys seen so far) or an open array (keys null). */
  private record Frame(Set<String> keys) {
    boolean isObject() {
      return keys != null;
    }
  }

  private JsonGuard() {}

  static void check(String json) {
    if (json == null || json.isBlank()) {
      throw new InvalidInput("the body is empty: expected a FHIR Consent resource in JSON");
    }
    if (json.length() > MAX_BYTES || json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new InvalidInput(
          "the FHIR resource is larger than "
              + MAX_BYTES / 1024
              + " KiB; a Consent is far smaller");
    }
    if (json.strip().charAt(0) != '{') {
      throw new InvalidInput(
          "the body is not a JSON object: a FHIR resource in JSON starts with {");
    }
    scan(json);
  }

  private static void scan(String json) {
    Deque<Frame> open = new ArrayDeque<>();
    boolean expectKey = false;
    int i = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      switch (c) {
        case '{', '[' -> {
          if (open.size() == MAX_DEPTH) {
            throw new InvalidInput(
                "the JSON is nested deeper than "
                    + MAX_DEPTH
                    + " levels; a Consent is far flatter");
          }
          open.push(new Frame(c == '{' ? new HashSet<>() : null));
          expectKey = c == '{';
        }
        case '}', ']' -> {
          if (open.isEmpty()) {
            return;
          }
          open.pop();
          expectKey = false;
        }
        case ',' -> expectKey = !open.isEmpty() && open.peek().isObject();
        case ':' -> expectKey = false;
        case '\'' -> throw new InvalidInput("not strict JSON: strings must be in double quotes");
        case '"' -> {
          int end = endOfString(json, i);
          if (expectKey && !open.isEmpty() && open.peek().isObject()) {
            String key = unescape(json.substring(i + 1, Math.min(end, json.length())));
            if (!open.peek().keys().add(key)) {
              throw new InvalidInput(
                  "not strict JSON: the key '"
                      + (key.length() > 40 ? key.substring(0, 40) + "…" : key)
                      + "' appears twice in one object");
            }
          }
          i = end;
        }
        default -> {
          // numbers, literals and whitespace carry no structure
        }
      }
      i++;
    }
  }

  /** The index of the quote that closes the string opened at {@code start}, or the text's end. */
  private static int endOfString(String json, int start) {
    for (int i = start + 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return json.length();
  }

  /** Decodes a key's escapes, so that "\u0073tatus" and "status" count as the same key. */
  private static String unescape(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder key = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 == raw.length()) {
        key.append(c);
        continue;
      }
      char escaped = raw.charAt(++i);
      if (escaped == 'u' && i + 4 < raw.length() && isHex(raw.substring(i + 1, i + 5))) {
        key.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
        i += 4;
      } else {
        key.append(
            switch (escaped) {
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              default -> escaped;
            });
      }
    }
    return key.toString();
  }

  private static boolean isHex(String four) {
    return four.chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
  }
}
