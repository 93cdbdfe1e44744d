package no.bindeledd.web.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import no.bindeledd.web.ApiEndpoints;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any body sent to a JSON endpoint, as the API reads it before Bean Validation: {@link
 * StrictJsonReader} (strict JSON, the request class's shape, then JSON-B binding) gives an instance
 * of the request class, or refuses with {@link MalformedBody}. Nothing else may escape, JSON-B's
 * and the parser's exceptions included, and no body may take it long. See docs/fuzzing.md.
 *
 * <p>The first byte of an input picks the request class, among every class an endpoint of the API
 * reads as JSON; the rest is the body.
 */
class StrictJsonReaderFuzzTest {

  private static final List<Class<?>> REQUESTS =
      ApiEndpoints.all().stream()
          .flatMap(endpoint -> endpoint.entityType().stream())
          .filter(JsonRequest.class::isAssignableFrom)
          .distinct()
          .sorted(Comparator.comparing(Class::getName))
          .toList();

  private static final StrictJsonReader READER = new StrictJsonReader();

  @MethodSource("bodiesOfEveryRequest")
  @FuzzTest(maxDuration = "5m")
  void anyBodyBindsToItsRequestOrIsRefused(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    Class<?> type = REQUESTS.get(Byte.toUnsignedInt(input[0]) % REQUESTS.size());
    JsonRequest request;
    try {
      request = read(type, new ByteArrayInputStream(input, 1, input.length - 1));
    } catch (MalformedBody refused) {
      assertThat(refused.kind()).isNotBlank();
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    if (input.length > 1) {
      assertThat(request).isInstanceOf(type);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static JsonRequest read(Class<?> type, ByteArrayInputStream body) throws IOException {
    return READER.readFrom(
        (Class) type,
        type,
        new Annotation[0],
        MediaType.APPLICATION_JSON_TYPE,
        new MultivaluedHashMap<>(),
        body);
  }

  /** For each request class, a body with every field it has, each of its type. */
  static Stream<byte[]> bodiesOfEveryRequest() {
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < REQUESTS.size(); i++) {
      byte[] body = sample(REQUESTS.get(i)).toString().getBytes(UTF_8);
      byte[] seed = new byte[body.length + 1];
      seed[0] = (byte) i;
      System.arraycopy(body, 0, seed, 1, body.length);
      seeds.add(seed);
    }
    return seeds.stream();
  }

  private static JsonValue sample(Class<?> type) {
    JsonObjectBuilder object = Json.createObjectBuilder();
    for (Field field : type.getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        object.add(field.getName(), sample(field.getGenericType()));
      }
    }
    return object.build();
  }

  private static JsonValue sample(Type type) {
    if (type instanceof ParameterizedType list) {
      JsonArrayBuilder array = Json.createArrayBuilder();
      array.add(sample(list.getActualTypeArguments()[0]));
      return array.build();
    }
    Class<?> raw = (Class<?>) type;
    if (raw == String.class) {
      return Json.createValue("x");
    }
    if (raw == Instant.class) {
      return Json.createValue("2026-11-20T09:00:00Z");
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return JsonValue.TRUE;
    }
    if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
      return Json.createValue(1);
    }
    return sample(raw);
  }
}
