package no.bindeledd.core.audit.verify;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
 *
 * <p>{@link #members} reads a million entries in a verification, so it first checks the bytes
 * themselves against the canonical form's grammar (below); only bytes that fail that check go
 * through the parser and the re-encoding of {@link #read}, which accepts exactly what the check
 * accepts and words what is wrong with the rest.
 */
final class CanonicalObjects {

  /** The names of the object {@link #canonicalMembers} read last. */
  private String[] recentNames = new String[0];

  private final Spans spans = new Spans();

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

  /**
   * The members of the canonical object the bytes hold: what {@link #read} accepts, with the same
   * messages for what it refuses.
   *
   * @throws IllegalArgumentException saying what is wrong, for anything but a canonical object
   */
  CanonicalMembers members(byte[] bytes) {
    CanonicalMembers members = canonicalMembers(bytes);
    return members != null ? members : membersOf(read(bytes));
  }

  /**
   * The members of an object that {@link #read} accepted: each value is a string or an integer
   * within ±2^53, and the members come in canonical order, since re-encoding gave the bytes back.
   */
  private static CanonicalMembers membersOf(JsonObject object) {
    String[] names = new String[object.size()];
    Object[] values = new Object[names.length];
    int i = 0;
    for (Map.Entry<String, JsonValue> member : object.entrySet()) {
      names[i] = member.getKey();
      values[i] =
          member.getValue() instanceof JsonString text
              ? text.getString()
              : ((JsonNumber) member.getValue()).longValueExact();
      i++;
    }
    return new CanonicalMembers(names, values);
  }

  /**
   * The members, if the bytes are exactly a canonical object of strings and integers as {@link
   * CanonicalJson} writes it; null if they are anything else, for {@link #read} to judge. The
   * grammar: an opening brace, no member or members separated by commas, a closing brace, with no
   * white space; a member is a string, {@code :} and a string or an integer; the names strictly
   * ascending in UTF-16 code units (so none twice); an integer is {@code 0} or an optional {@code
   * -} and a digit other than 0 followed by digits, at most 2^53 in magnitude, never {@code -0}; a
   * string holds well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF) with
   * no byte below 0x20, and as escapes only {@code \"}, {@code \\}, {@code \b}, {@code \f}, {@code
   * \n}, {@code \r}, {@code \t}, and a backslash, {@code u00} and two lower-case hex digits for the
   * other characters below 0x20. Re-encoding what such bytes hold gives them back exactly, so
   * {@link #read} accepts them.
   */
  CanonicalMembers canonicalMembers(byte[] b) {
    if (!spans.scan(b, b.length)) {
      return null;
    }
    int count = spans.count();
    String[] names = new String[count];
    Object[] values = new Object[count];
    for (int i = 0; i < count; i++) {
      String name = name(b, spans.nameFrom(i), spans.nameEnd(i), i);
      if (i > 0 && names[i - 1].compareTo(name) >= 0) {
        return null;
      }
      names[i] = name;
      values[i] =
          spans.isInteger(i)
              ? (Object) spans.integer(i)
              : text(b, spans.valueFrom(i), spans.valueEnd(i));
    }
    recentNames = names;
    return new CanonicalMembers(names, values);
  }

  /**
   * Where the members of a canonical object lie in its bytes, without a String made of any of them:
   * {@link #scan} checks the grammar {@link #canonicalMembers} reads, all but the order of the
   * names, which it leaves to the caller, since bytes compare as the names' UTF-16 code units do
   * only while the names are plain ASCII. Reused from object to object; not thread-safe.
   */
  static final class Spans {

    // For member i: the name's text from spans[4i] to spans[4i + 1], a string value's text from
    // spans[4i + 2] to spans[4i + 3], or -1 there and the integer in integers[i].
    private int[] spans = new int[4 * 24];
    private long[] integers = new long[24];
    private int count;

    /**
     * Whether the first {@code n} bytes are an object in canonical form as {@link
     * #canonicalMembers} describes it, names in any order; then the members' places are read.
     */
    boolean scan(byte[] b, int n) {
      count = 0;
      if (n < 2 || b[0] != '{' || b[n - 1] != '}') {
        return false;
      }
      int p = 1;
      while (p < n - 1) {
        if (count > 0) {
          if (b[p] != ',') {
            return false;
          }
          p++;
        }
        if (p >= n || b[p] != '"') {
          return false;
        }
        int nameFrom = p + 1;
        int nameEnd = stringEnd(b, nameFrom, n);
        if (nameEnd < 0) {
          return false;
        }
        p = nameEnd + 1;
        if (p >= n - 1 || b[p] != ':') {
          return false;
        }
        p++;
        int valueFrom;
        int valueEnd;
        long integer = 0;
        if (b[p] == '"') {
          valueFrom = p + 1;
          valueEnd = stringEnd(b, valueFrom, n);
          if (valueEnd < 0) {
            return false;
          }
          p = valueEnd + 1;
        } else {
          valueFrom = -1;
          valueEnd = -1;
          boolean negative = b[p] == '-';
          if (negative) {
            p++;
          }
          int digits = p;
          long magnitude = 0;
          while (p < n && b[p] >= '0' && b[p] <= '9') {
            if (p - digits == 16) {
              return false;
            }
            magnitude = magnitude * 10 + (b[p] - '0');
            p++;
          }
          if (p == digits
              || (p - digits > 1 && b[digits] == '0')
              || (negative && magnitude == 0)
              || magnitude > 1L << 53) {
            return false;
          }
          integer = negative ? -magnitude : magnitude;
        }
        if (count == integers.length) {
          spans = Arrays.copyOf(spans, 2 * spans.length);
          integers = Arrays.copyOf(integers, 2 * integers.length);
        }
        spans[4 * count] = nameFrom;
        spans[4 * count + 1] = nameEnd;
        spans[4 * count + 2] = valueFrom;
        spans[4 * count + 3] = valueEnd;
        integers[count] = integer;
        count++;
      }
      return p == n - 1;
    }

    /** The members the last {@link #scan} that succeeded found. */
    int count() {
      return count;
    }

    int nameFrom(int index) {
      return spans[4 * index];
    }

    /** The index of the quote that ends the name. */
    int nameEnd(int index) {
      return spans[4 * index + 1];
    }

    boolean isInteger(int index) {
      return spans[4 * index + 2] < 0;
    }

    /** Where a string value's text begins, after its opening quote. */
    int valueFrom(int index) {
      return spans[4 * index + 2];
    }

    /** The index of the quote that ends a string value. */
    int valueEnd(int index) {
      return spans[4 * index + 3];
    }

    long integer(int index) {
      return integers[index];
    }
  }

  /**
   * The name whose canonical string's text runs from {@code from} to {@code end}, the member at
   * {@code index}: the same String as the last object's member at that place when its bytes are
   * that name's characters, plain ASCII without an escape, as nearly every entry's are.
   */
  private String name(byte[] b, int from, int end, int index) {
    if (index < recentNames.length) {
      String recent = recentNames[index];
      if (recent.length() == end - from) {
        boolean same = true;
        for (int i = 0; same && i < recent.length(); i++) {
          byte c = b[from + i];
          same = c != '\\' && c == recent.charAt(i);
        }
        if (same) {
          return recent;
        }
      }
    }
    return text(b, from, end);
  }

  /**
   * The index of the quote that ends the canonical string whose text starts at {@code from}, or -1
   * if the bytes there are not a canonical string.
   */
  private static int stringEnd(byte[] b, int from, int n) {
    int p = from;
    while (p < n) {
      int c = b[p] & 0xff;
      if (c == '"') {
        return p;
      }
      if (c == '\\') {
        if (p + 1 >= n) {
          return -1;
        }
        switch (b[p + 1]) {
          case '"', '\\', 'b', 'f', 'n', 'r', 't' -> p += 2;
          case 'u' -> {
            if (p + 5 >= n || b[p + 2] != '0' || b[p + 3] != '0') {
              return -1;
            }
            int high = lowerHexDigit(b[p + 4]);
            int low = lowerHexDigit(b[p + 5]);
            int escaped = high * 16 + low;
            if (high < 0 || low < 0 || escaped >= 0x20 || hasShortEscape(escaped)) {
              return -1;
            }
            p += 6;
          }
          default -> {
            return -1;
          }
        }
      } else if (c < 0x20) {
        return -1;
      } else if (c < 0x80) {
        p++;
      } else {
        int length = wellFormedSequence(b, p, n);
        if (length < 0) {
          return -1;
        }
        p += length;
      }
    }
    return -1;
  }

  private static boolean hasShortEscape(int c) {
    return c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  private static int lowerHexDigit(byte digit) {
    if (digit >= '0' && digit <= '9') {
      return digit - '0';
    }
    if (digit >= 'a' && digit <= 'f') {
      return digit - 'a' + 10;
    }
    return -1;
  }

  /**
   * The length of the well-formed UTF-8 sequence of more than one byte at {@code p}, or -1 (the
   * Unicode Standard, table 3-7).
   */
  private static int wellFormedSequence(byte[] b, int p, int n) {
    int lead = b[p] & 0xff;
    int length;
    int secondLow = 0x80;
    int secondHigh = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead == 0xe0) {
        secondLow = 0xa0;
      } else if (lead == 0xed) {
        secondHigh = 0x9f;
      }
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead == 0xf0) {
        secondLow = 0x90;
      } else if (lead == 0xf4) {
        secondHigh = 0x8f;
      }
    } else {
      return -1;
    }
    if (p + length > n) {
      return -1;
    }
    int second = b[p + 1] & 0xff;
    if (second < secondLow || second > secondHigh) {
      return -1;
    }
    for (int i = 2; i < length; i++) {
      int next = b[p + i] & 0xff;
      if (next < 0x80 || next > 0xbf) {
        return -1;
      }
    }
    return length;
  }

  /** The text of a canonical string's bytes from {@code from} to {@code end}, escapes decoded. */
  private static String text(byte[] b, int from, int end) {
    boolean ascii = true;
    boolean escaped = false;
    for (int p = from; p < end; p++) {
      if (b[p] < 0) {
        ascii = false;
      } else if (b[p] == '\\') {
        escaped = true;
      }
    }
    if (!escaped) {
      return new String(
          b, from, end - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
    StringBuilder text = new StringBuilder(end - from);
    int run = from;
    int p = from;
    while (p < end) {
      if (b[p] != '\\') {
        p++;
        continue;
      }
      text.append(new String(b, run, p - run, StandardCharsets.UTF_8));
      switch (b[p + 1]) {
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> text.append((char) (lowerHexDigit(b[p + 4]) * 16 + lowerHexDigit(b[p + 5])));
        default -> text.append((char) b[p + 1]);
      }
      p += b[p + 1] == 'u' ? 6 : 2;
      run = p;
    }
    return text.append(new String(b, run, end - run, StandardCharsets.UTF_8)).toString();
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
