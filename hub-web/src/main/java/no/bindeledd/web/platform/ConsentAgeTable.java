package no.bindeledd.web.platform;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
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
import java.util.Set;
import no.bindeledd.core.person.AgeRules;

/**
 * The municipality's table of the ages at which a child's say over their data grows ({@code
 * config/consent-age-rules.json}): each rule a value and its legal basis. Read strictly at start: a
 * missing file, an unknown or missing rule, or a value of the wrong kind stops the hub with a
 * message naming the file and the rule, since deciding consents under a guessed rule would be worse
 * than not starting.
 */
final class ConsentAgeTable {

  /** The table's name, beside the deployment file unless configuration names another. */
  static final String FILE_NAME = "consent-age-rules.json";

  private static final Set<String> RULES =
      Set.of("healthConsentAge", "heardFromAge", "guardiansNeeded");

  private ConsentAgeTable() {}

  static AgeRules read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonReader json = Json.createReader(reader)) {
      return from(json.readObject());
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "the consent age rules table "
              + file
              + " is missing; the hub needs it to decide consents",
          e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the consent age rules table " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the consent age rules table " + file + " is invalid: " + e.getMessage(), e);
    }
  }

  static AgeRules from(JsonObject table) {
    for (String key : table.keySet()) {
      if (!key.equals("about") && !key.equals("rules")) {
        throw new IllegalArgumentException("unknown entry \"" + key + "\"");
      }
    }
    JsonObject rules = table.getJsonObject("rules");
    if (rules == null) {
      throw new IllegalArgumentException("it has no \"rules\"");
    }
    for (String key : rules.keySet()) {
      if (!RULES.contains(key)) {
        throw new IllegalArgumentException("unknown rule \"" + key + "\"");
      }
    }
    return new AgeRules(
        age(rules, "healthConsentAge"),
        age(rules, "heardFromAge"),
        AgeRules.GuardiansNeeded.fromCode(text(rules, "guardiansNeeded")));
  }

  private static JsonValue value(JsonObject rules, String name) {
    JsonObject rule = rules.getJsonObject(name);
    if (rule == null) {
      throw new IllegalArgumentException("the rule \"" + name + "\" is missing");
    }
    JsonValue basis = rule.get("basis");
    if (!(basis instanceof JsonString b) || b.getString().isBlank()) {
      throw new IllegalArgumentException("the rule \"" + name + "\" has no \"basis\"");
    }
    JsonValue value = rule.get("value");
    if (value == null) {
      throw new IllegalArgumentException("the rule \"" + name + "\" has no \"value\"");
    }
    return value;
  }

  private static int age(JsonObject rules, String name) {
    if (!(value(rules, name) instanceof JsonNumber n) || !n.isIntegral()) {
      throw new IllegalArgumentException("the rule \"" + name + "\" needs a whole number of years");
    }
    return n.intValueExact();
  }

  private static String text(JsonObject rules, String name) {
    if (!(value(rules, name) instanceof JsonString s)) {
      throw new IllegalArgumentException("the rule \"" + name + "\" needs \"one\" or \"every\"");
    }
    return s.getString();
  }
}
