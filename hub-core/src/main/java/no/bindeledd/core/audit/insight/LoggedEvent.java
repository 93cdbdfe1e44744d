package no.bindeledd.core.audit.insight;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import no.bindeledd.core.audit.AuditEntry;

/**
 * The members of one audit entry that an access log needs, read from its canonical bytes (the
 * record of truth) rather than from the search columns, which hold only some of them.
 */
record LoggedEvent(
    long seq,
    Instant time,
    String action,
    String outcome,
    String actorUser,
    String actorAgency,
    String actorRole,
    String subject,
    String purpose,
    String category,
    String consent,
    String message,
    String from,
    String to,
    String reason) {

  static LoggedEvent of(AuditEntry entry) {
    JsonObject json;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(entry.canonicalBytes()))) {
      json = reader.readObject();
    }
    return new LoggedEvent(
        entry.seq(),
        entry.recordedAt(),
        text(json, "action"),
        text(json, "outcome"),
        text(json, "actor"),
        text(json, "actorAgency"),
        text(json, "actorRole"),
        text(json, "subject"),
        text(json, "purpose"),
        text(json, "category"),
        text(json, "consent"),
        text(json, "message"),
        text(json, "from"),
        text(json, "to"),
        text(json, "reason"));
  }

  /** The hub's id of the person who acted, when a citizen did ({@code person:<id>}); else null. */
  String actorPerson() {
    return "citizen".equals(actorRole) && actorUser != null && actorUser.startsWith("person:")
        ? actorUser.substring("person:".length())
        : null;
  }

  private static String text(JsonObject json, String name) {
    JsonValue value = json.get(name);
    return value instanceof JsonString s ? s.getString() : null;
  }
}
