package no.bindeledd.web.platform;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.EnumMap;
import java.util.Map;
import no.bindeledd.core.retention.RetentionPeriods;
import no.bindeledd.core.retention.RetentionPeriods.Category;

/**
 * The deployment's retention table ({@code config/retention.json}): for each category of personal
 * data, how long it is kept, from which event, and why. Read strictly at start, like the consent
 * age table: erasing on a guessed period, or keeping for ever because a period was misspelt, would
 * be worse than not starting.
 */
final class RetentionTable {

  /** The table's name, beside the deployment file unless configuration names another. */
  static final String FILE_NAME = "retention.json";

  private RetentionTable() {}

  static RetentionPeriods read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonReader json = Json.createReader(reader)) {
      return from(json.readObject());
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "the retention table " + file + " is missing; the hub needs it to erase on time", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the retention table " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the retention table " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  static RetentionPeriods from(JsonObject table) {
    for (String key : table.keySet()) {
      if (!key.equals("about") && !key.equals("categories")) {
        throw new IllegalArgumentException("unknown entry \"" + key + "\"");
      }
    }
    JsonObject categories = table.getJsonObject("categories");
    if (categories == null) {
      throw new IllegalArgumentException("it has no \"categories\"");
    }
    Map<String, Category> byCode = new java.util.HashMap<>();
    for (Category category : Category.values()) {
      byCode.put(category.code(), category);
    }
    Map<Category, RetentionPeriods.Rule> rules = new EnumMap<>(Category.class);
    for (Map.Entry<String, JsonValue> entry : categories.entrySet()) {
      Category category = byCode.get(entry.getKey());
      if (category == null) {
        throw new IllegalArgumentException("unknown category \"" + entry.getKey() + "\"");
      }
      rules.put(category, rule(category, entry.getValue()));
    }
    return new RetentionPeriods(rules);
  }

  private static RetentionPeriods.Rule rule(Category category, JsonValue value) {
    String name = category.code();
    if (!(value instanceof JsonObject rule)) {
      throw new IllegalArgumentException("the category \"" + name + "\" is not an object");
    }
    String after = text(rule, name, "after");
    if (!after.equals(category.after().code())) {
      throw new IllegalArgumentException(
          "the category \""
              + name
              + "\" runs from \""
              + category.after().code()
              + "\", not \""
              + after
              + "\"");
    }
    TemporalAmount keep;
    String written = text(rule, name, "keep");
    try {
      keep = written.contains("T") ? Duration.parse(written) : Period.parse(written);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "the category \""
              + name
              + "\" needs \"keep\" as an ISO 8601 period such as \"P90D\" or \"P5Y\"");
    }
    try {
      return new RetentionPeriods.Rule(keep, text(rule, name, "basis"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the category \"" + name + "\": " + e.getMessage());
    }
  }

  private static String text(JsonObject rule, String category, String member) {
    if (!(rule.get(member) instanceof JsonString text) || text.getString().isBlank()) {
      throw new IllegalArgumentException(
          "the category \"" + category + "\" has no \"" + member + "\"");
    }
    return text.getString();
  }
}
