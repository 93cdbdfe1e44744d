package no.bindeledd.core.audit.verify;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import no.bindeledd.core.canonical.CanonicalJson;

/**
 * The export's {@code manifest.json}: one canonical JSON object, like the entries, with exactly the
 * members {@code entries}, {@code exportedAt}, {@code format} and {@code origin}. Nothing signs it:
 * the verifier holds it against what it finds, and reports any difference.
 *
 * @param format {@value ExportLayout#FORMAT}
 * @param origin the log's origin, as its checkpoints name it
 * @param entries the number of entries in {@code entries.jsonl}
 * @param exportedAt when the export was written, to the second
 */
public record ExportManifest(String format, String origin, long entries, Instant exportedAt) {

  private static final Set<String> MEMBERS = Set.of("entries", "exportedAt", "format", "origin");
  private static final Pattern TIME =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");

  public ExportManifest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(exportedAt, "exportedAt");
    if (entries < 0) {
      throw new IllegalArgumentException("An export cannot hold " + entries + " entries");
    }
    exportedAt = exportedAt.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The manifest of the current format. */
  public static ExportManifest of(String origin, long entries, Instant exportedAt) {
    return new ExportManifest(ExportLayout.FORMAT, origin, entries, exportedAt);
  }

  /** The canonical bytes, as stored in the export. */
  public byte[] encode() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("entries", entries);
    members.put("exportedAt", exportedAt.toString());
    members.put("format", format);
    members.put("origin", origin);
    return CanonicalJson.encode(members);
  }

  /**
   * Reads a manifest strictly.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static ExportManifest parse(byte[] bytes, CanonicalObjects objects) {
    JsonObject json = objects.read(bytes);
    if (!json.keySet().equals(MEMBERS)) {
      throw new IllegalArgumentException(
          "it has the members " + json.keySet() + ", not exactly " + MEMBERS);
    }
    String format = text(json, "format");
    String origin = text(json, "origin");
    String time = text(json, "exportedAt");
    if (!(json.get("entries") instanceof JsonNumber count) || count.longValue() < 0) {
      throw new IllegalArgumentException("its entry count is not a number from 0");
    }
    Instant exportedAt;
    try {
      exportedAt = TIME.matcher(time).matches() ? Instant.parse(time) : null;
    } catch (DateTimeParseException e) {
      exportedAt = null;
    }
    if (exportedAt == null || !exportedAt.toString().equals(time)) {
      throw new IllegalArgumentException(
          "its export time is not a UTC time to the second, such as 2026-11-25T03:40:00Z");
    }
    return new ExportManifest(format, origin, count.longValue(), exportedAt);
  }

  private static String text(JsonObject json, String name) {
    JsonValue value = json.get(name);
    if (!(value instanceof JsonString string)) {
      throw new IllegalArgumentException("its member " + name + " is not a string");
    }
    return string.getString();
  }
}
