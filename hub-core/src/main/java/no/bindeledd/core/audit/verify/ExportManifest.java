package no.bindeledd.core.audit.verify;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import no.bindeledd.core.canonical.CanonicalJson;

/**
 * The export's {@code manifest.json}: one canonical JSON object, like the entries, with exactly the
 * members {@code entries}, {@code exportedAt}, {@code finalCheckpointHash}, {@code
 * finalCheckpointSize}, {@code format} and {@code origin}. The log key signs it: {@code
 * manifest.note} is a signed note whose text is these bytes and a newline. A text of one line can
 * never be read as a checkpoint (three lines at least), nor a checkpoint as a manifest.
 *
 * @param format {@value ExportLayout#FORMAT}
 * @param origin the log's origin, as its checkpoints name it, and the signing key's name
 * @param entries the number of entries in {@code entries.jsonl}
 * @param exportedAt when the export was written, to the second
 * @param finalCheckpointSize the tree size of the export's newest checkpoint, which is {@code
 *     entries}: an export ends at a signed checkpoint
 * @param finalCheckpointHash the SHA-256 of that checkpoint's signed note, base64
 */
public record ExportManifest(
    String format,
    String origin,
    long entries,
    Instant exportedAt,
    long finalCheckpointSize,
    String finalCheckpointHash) {

  private static final Set<String> MEMBERS =
      Set.of(
          "entries",
          "exportedAt",
          "finalCheckpointHash",
          "finalCheckpointSize",
          "format",
          "origin");
  private static final String FORMAT_1 = "bindeledd-audit-export/1";
  private static final Pattern TIME =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");

  public ExportManifest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(exportedAt, "exportedAt");
    Objects.requireNonNull(finalCheckpointHash, "finalCheckpointHash");
    if (entries < 0) {
      throw new IllegalArgumentException("An export cannot hold " + entries + " entries");
    }
    exportedAt = exportedAt.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The manifest of the current format for an export that ends at this signed checkpoint. */
  public static ExportManifest of(
      String origin, long entries, Instant exportedAt, String finalSignedNote) {
    return new ExportManifest(
        ExportLayout.FORMAT,
        origin,
        entries,
        exportedAt,
        entries,
        Base64.getEncoder()
            .encodeToString(
                Checkpoint.Previous.hashOf(finalSignedNote.getBytes(StandardCharsets.UTF_8))));
  }

  /** The canonical bytes, as stored in {@code manifest.json}. */
  public byte[] encode() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("entries", entries);
    members.put("exportedAt", exportedAt.toString());
    members.put("finalCheckpointHash", finalCheckpointHash);
    members.put("finalCheckpointSize", finalCheckpointSize);
    members.put("format", format);
    members.put("origin", origin);
    return CanonicalJson.encode(members);
  }

  /** The text the log key signs in {@code manifest.note}: the canonical bytes and a newline. */
  public String signedText() {
    return new String(encode(), StandardCharsets.UTF_8) + "\n";
  }

  /** {@code manifest.note}: the signed text, signed by the log key under the origin's name. */
  public String sign(PrivateKey logKey) {
    return SignedNote.sign(signedText(), origin, logKey);
  }

  /** Whether the signed note's bytes are those of the named final checkpoint. */
  public boolean namesFinal(byte[] signedNoteBytes) {
    return Base64.getEncoder()
        .encodeToString(Checkpoint.Previous.hashOf(signedNoteBytes))
        .equals(finalCheckpointHash);
  }

  /**
   * Reads a manifest strictly.
   *
   * @throws IllegalArgumentException saying what is wrong, or that it is of another format
   */
  static ExportManifest parse(byte[] bytes, CanonicalObjects objects) {
    JsonObject json = objects.read(bytes);
    if (json.get("format") instanceof JsonString declared
        && !ExportLayout.FORMAT.equals(declared.getString())) {
      throw new IllegalArgumentException(
          FORMAT_1.equals(declared.getString())
              ? "the export is in the format "
                  + FORMAT_1
                  + ", made by an older hub: its manifest is not signed and its newest entries need"
                  + " not be covered by a checkpoint, so this verifier, which reads "
                  + ExportLayout.FORMAT
                  + ", does not accept it; export the log again from an up-to-date hub"
              : "the export is in the format "
                  + shorten(declared.getString())
                  + "; this verifier reads "
                  + ExportLayout.FORMAT);
    }
    if (!json.keySet().equals(MEMBERS)) {
      throw new IllegalArgumentException(
          "it has the members " + json.keySet() + ", not exactly " + MEMBERS);
    }
    String format = text(json, "format");
    String origin = text(json, "origin");
    String time = text(json, "exportedAt");
    String finalHash = text(json, "finalCheckpointHash");
    long count = count(json, "entries");
    long finalSize = count(json, "finalCheckpointSize");
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
    if (finalSize != count) {
      throw new IllegalArgumentException(
          "it announces "
              + count
              + " entries but a final checkpoint of "
              + finalSize
              + ": an export ends at its final checkpoint");
    }
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(finalHash);
    } catch (IllegalArgumentException e) {
      hash = null;
    }
    if (hash == null
        || hash.length != Checkpoint.HASH_LENGTH
        || !Base64.getEncoder().encodeToString(hash).equals(finalHash)) {
      throw new IllegalArgumentException(
          "its final checkpoint's hash is not a SHA-256 hash in canonical base64");
    }
    return new ExportManifest(format, origin, count, exportedAt, finalSize, finalHash);
  }

  private static long count(JsonObject json, String name) {
    if (!(json.get(name) instanceof JsonNumber number) || number.longValue() < 0) {
      throw new IllegalArgumentException("its member " + name + " is not a number from 0");
    }
    return number.longValue();
  }

  private static String text(JsonObject json, String name) {
    JsonValue value = json.get(name);
    if (!(value instanceof JsonString string)) {
      throw new IllegalArgumentException("its member " + name + " is not a string");
    }
    return string.getString();
  }

  private static String shorten(String text) {
    String visible = text.replaceAll("\\p{Cntrl}", "?");
    return "'" + (visible.length() <= 40 ? visible : visible.substring(0, 40) + "...") + "'";
  }
}
