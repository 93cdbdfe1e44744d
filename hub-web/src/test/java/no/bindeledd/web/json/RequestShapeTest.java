package no.bindeledd.web.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.bindeledd.web.ApiEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestShapeTest {

  public static final class Sample implements JsonRequest {
    public String name;
    public Integer days;
    public int count;
    public Long big;
    public Boolean flag;
    public Instant at;
    public List<String> codes;
    public List<Part> parts;
    public Part main;
    public static String ignoredBecauseStatic;
  }

  public static final class Part {
    public String title;
  }

  public static final class Unsupported implements JsonRequest {
    public Map<String, String> free;
  }

  private static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static void check(String text) {
    RequestShape.of(Sample.class).check(json(text), "");
  }

  @Test
  void everyKindOfFieldIsTakenAsItsOwnJsonType() {
    check(
        "{\"name\":\"A\",\"days\":365,\"count\":3,\"big\":9007199254740993,\"flag\":false,"
            + "\"at\":\"2026-11-25T09:00:00Z\",\"codes\":[\"x\"],\"parts\":[{\"title\":\"t\"}],"
            + "\"main\":{\"title\":\"m\"}}");
    check("{\"name\":null,\"days\":null,\"codes\":[],\"main\":null}");
    check("{\"days\":365.0,\"big\":1e3}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\":12345}|wrong-type|name",
        "{\"name\":true}|wrong-type|name",
        "{\"name\":[\"A\"]}|wrong-type|name",
        "{\"name\":{\"first\":\"A\"}}|wrong-type|name",
        "{\"days\":\"365\"}|wrong-type|days",
        "{\"days\":36.5}|wrong-type|days",
        "{\"days\":1e999999}|out-of-range|days",
        "{\"days\":-1e999999}|out-of-range|days",
        "{\"days\":2147483648}|out-of-range|days",
        "{\"big\":99999999999999999999}|out-of-range|big",
        "{\"count\":null}|wrong-type|count",
        "{\"flag\":\"yes\"}|wrong-type|flag",
        "{\"at\":\"yesterday\"}|wrong-type|at",
        "{\"at\":1764061200}|wrong-type|at",
        "{\"codes\":\"x\"}|wrong-type|codes",
        "{\"codes\":[\"x\",null]}|wrong-type|codes[1]",
        "{\"codes\":[\"x\",7]}|wrong-type|codes[1]",
        "{\"parts\":[{\"title\":\"t\"},{\"title\":1}]}|wrong-type|parts[1].title",
        "{\"parts\":[{\"colour\":\"red\"}]}|unknown-field|parts[0].colour",
        "{\"main\":{\"title\":\"m\",\"extra\":[0,0]}}|unknown-field|main.extra",
        "{\"extra\":1e999999}|unknown-field|extra",
        "{\"ignoredBecauseStatic\":\"x\"}|unknown-field|ignoredBecauseStatic"
      })
  void aValueOfTheWrongShapeIsRefusedWithItsField(String text, String kind, String field) {
    assertThatThrownBy(() -> check(text))
        .isInstanceOfSatisfying(
            MalformedBody.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.field()).contains(field);
              assertThat(e.getMessage()).startsWith(field + " ");
            });
  }

  @Test
  void anUnknownFieldIsToldWhichFieldsThereAre() {
    assertThatThrownBy(() -> check("{\"nmae\":\"A\"}"))
        .hasMessageContaining(
            "its fields are at, big, codes, count, days, flag, main, name, parts");
  }

  @Test
  void aRequestClassWithAFieldItCannotCheckIsAMistakeFoundAtOnce() {
    assertThatThrownBy(() -> RequestShape.of(Unsupported.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("free");
  }

  @Test
  void everyJsonBodyOfTheApiIsARequestWhoseShapeCanBeChecked() {
    var endpoints =
        ApiEndpoints.all().stream()
            .filter(e -> e.entityType().isPresent())
            .filter(
                e ->
                    e.consumes().stream()
                        .anyMatch(t -> t.equals("application/json") || t.endsWith("+json")))
            .toList();

    assertThat(endpoints).isNotEmpty();
    for (var endpoint : endpoints) {
      Class<?> type = endpoint.entityType().orElseThrow();
      if (type == byte[].class) {
        // Read as bytes on purpose: the FHIR import parses its own format.
        continue;
      }
      assertThat(JsonRequest.class).as(endpoint.toString()).isAssignableFrom(type);
      assertThat(RequestShape.of(type)).isNotNull();
    }
  }
}
