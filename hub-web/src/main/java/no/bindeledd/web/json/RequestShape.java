package no.bindeledd.web.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shape of a request class, as JSON-B binds it: its public fields by name, each a string, a
 * whole number, a boolean, an instant, a list, or another such class. {@link #check} holds a JSON
 * object to it: no field it does not have, and every value of its field's JSON type, where JSON-B
 * alone would quietly turn a number into a string, or take a fraction for a whole number.
 */
public final class RequestShape {

  private static final Map<Class<?>, RequestShape> SHAPES = new ConcurrentHashMap<>();

  private final Class<?> type;
  private final Map<String, Type> fields;

  private RequestShape(Class<?> type, Map<String, Type> fields) {
    this.type = type;
    this.fields = fields;
  }

  /**
   * The shape of {@code type}. A field of a type this class cannot check is a mistake in the
   * request class, refused here with an {@link IllegalArgumentException}.
   */
  public static RequestShape of(Class<?> type) {
    RequestShape known = SHAPES.get(type);
    if (known != null) {
      return known;
    }
    Map<String, Type> fields = new LinkedHashMap<>();
    for (Field field : type.getFields()) {
      int modifiers = field.getModifiers();
      if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
        requireSupported(field.getGenericType(), type.getName() + "." + field.getName());
        fields.put(field.getName(), field.getGenericType());
      }
    }
    RequestShape shape = new RequestShape(type, Map.copyOf(fields));
    SHAPES.put(type, shape);
    return shape;
  }

  /** Refuses {@code object} unless it fits this shape; {@code path} is where it sits. */
  public void check(JsonObject object, String path) {
    for (Map.Entry<String, JsonValue> member : object.entrySet()) {
      String field = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
      Type expected = fields.get(member.getKey());
      if (expected == null) {
        throw new MalformedBody(
            "unknown-field",
            field,
            field
                + " is not a field of "
                + (path.isEmpty() ? "this request" : path)
                + "; its fields are "
                + String.join(", ", fields.keySet().stream().sorted().toList()));
      }
      checkValue(expected, member.getValue(), field);
    }
  }

  private static void checkValue(Type expected, JsonValue value, String field) {
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      if (expected instanceof Class<?> c && c.isPrimitive()) {
        throw wrongType(field, "a " + c.getName(), value);
      }
      return;
    }
    if (expected instanceof ParameterizedType list) {
      if (!(value instanceof JsonArray array)) {
        throw wrongType(field, "an array", value);
      }
      Type element = list.getActualTypeArguments()[0];
      for (int i = 0; i < array.size(); i++) {
        JsonValue item = array.get(i);
        String at = field + "[" + i + "]";
        if (item.getValueType() == JsonValue.ValueType.NULL) {
          throw new MalformedBody("wrong-type", at, at + " must not be null");
        }
        checkValue(element, item, at);
      }
      return;
    }
    Class<?> type = (Class<?>) expected;
    if (type == String.class) {
      if (!(value instanceof JsonString)) {
        throw wrongType(field, "a string", value);
      }
    } else if (type == Instant.class) {
      if (!(value instanceof JsonString text)) {
        throw wrongType(field, "an instant (a string)", value);
      }
      if (!isInstant(text.getString())) {
        throw new MalformedBody(
            "wrong-type", field, field + " must be an instant such as 2026-11-25T09:00:00Z");
      }
    } else if (type == Integer.class || type == int.class) {
      wholeNumber(value, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    } else if (type == Long.class || type == long.class) {
      wholeNumber(value, field, Long.MIN_VALUE, Long.MAX_VALUE);
    } else if (type == Boolean.class || type == boolean.class) {
      if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
        throw wrongType(field, "true or false", value);
      }
    } else {
      if (!(value instanceof JsonObject object)) {
        throw wrongType(field, "an object", value);
      }
      of(type).check(object, field);
    }
  }

  private static void wholeNumber(JsonValue value, String field, long min, long max) {
    if (!(value instanceof JsonNumber number)) {
      throw wrongType(field, "a number", value);
    }
    BigDecimal decimal = number.bigDecimalValue();
    if (decimal.scale() > 0 && decimal.stripTrailingZeros().scale() > 0) {
      throw new MalformedBody("wrong-type", field, field + " must be a whole number");
    }
    long whole;
    try {
      // Exact, and quick however large the exponent: 1e999999 is refused, never expanded.
      whole = decimal.longValueExact();
    } catch (ArithmeticException e) {
      throw outOfRange(field, min, max);
    }
    if (whole < min || whole > max) {
      throw outOfRange(field, min, max);
    }
  }

  private static MalformedBody outOfRange(String field, long min, long max) {
    return new MalformedBody(
        "out-of-range", field, field + " must be a whole number from " + min + " to " + max);
  }

  private static boolean isInstant(String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static MalformedBody wrongType(String field, String expected, JsonValue value) {
    return new MalformedBody(
        "wrong-type", field, field + " must be " + expected + ", not " + describe(value));
  }

  private static String describe(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case TRUE, FALSE -> "a boolean";
      case NULL -> "null";
    };
  }

  private static void requireSupported(Type type, String where) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() == List.class) {
      requireSupported(parameterized.getActualTypeArguments()[0], where + "[]");
      return;
    }
    if (type instanceof Class<?> c
        && (c == String.class
            || c == Instant.class
            || c == Integer.class
            || c == int.class
            || c == Long.class
            || c == long.class
            || c == Boolean.class
            || c == boolean.class)) {
      return;
    }
    if (type instanceof Class<?> c
        && !c.isPrimitive()
        && !c.isArray()
        && !c.isInterface()
        && !c.isEnum()
        && c.getName().startsWith("no.bindeledd.")) {
      of(c);
      return;
    }
    throw new IllegalArgumentException(
        where + " is of type " + type.getTypeName() + ", which a request cannot be checked for");
  }

  @Override
  public String toString() {
    return "RequestShape[" + type.getName() + " " + fields.keySet() + "]";
  }
}
