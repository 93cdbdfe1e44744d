package no.bindeledd.web.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.NoteReading;

/**
 * An audit entry as the auditor reads it, shaped as FHIR AuditEvent shapes a record: who (agent),
 * what (type, entities), when (recorded), why (purpose of event, the consent relied on) and the
 * outcome. A consent decision reads as IHE BALP's consent decision record: the consent as an entity
 * and the decision, permit or deny. Everything comes from the entry's canonical bytes, which are
 * what the log's hashes cover, never from the search columns. The note, free text that may be
 * personal, is stored sealed beside the entry, which holds only a commitment to it (ADR 0034): it
 * reads as its text, as erased and when, or as altered if it is not the text the entry committed
 * to.
 */
public record AuditEntryView(
    long seq,
    String recorded,
    String type,
    String outcome,
    String decision,
    Agent agent,
    String subject,
    Flow flow,
    Why why,
    List<Entity> entity,
    String reason,
    Note note,
    String entryHash) {

  public record Agent(String who, String agency, String role) {}

  public record Flow(String from, String to, String category) {}

  public record Why(String purposeOfEvent, String consent) {}

  public record Entity(String what, String role) {}

  /**
   * The entry's note: its text; or the time it was erased; or what is wrong with it. Exactly one is
   * set.
   */
  public record Note(String text, String erasedAt, String altered) {

    static Note of(NoteReading reading) {
      if (reading instanceof NoteReading.Text text) {
        return new Note(text.text(), null, null);
      }
      if (reading instanceof NoteReading.Erased erased) {
        return new Note(null, erased.at().toString(), null);
      }
      if (reading instanceof NoteReading.Altered altered) {
        return new Note(null, null, altered.problem());
      }
      return null;
    }
  }

  public static AuditEntryView of(AuditEntry entry, NoteReading note) {
    JsonObject json = parse(entry.canonicalBytes());
    String action = text(json, "action");
    String outcome = text(json, "outcome");
    List<Entity> entities = new ArrayList<>();
    if (text(json, "subject") != null) {
      entities.add(new Entity("Person/" + text(json, "subject"), "patient"));
    }
    if (text(json, "consent") != null) {
      entities.add(new Entity("Consent/" + text(json, "consent"), "consent"));
    }
    if (text(json, "message") != null) {
      entities.add(new Entity("Message/" + text(json, "message"), "message"));
    }
    String decision = null;
    if ("consent.decision".equals(action)) {
      decision = "allowed".equals(outcome) ? "permit" : "deny";
    }
    Flow flow =
        text(json, "from") == null && text(json, "to") == null && text(json, "category") == null
            ? null
            : new Flow(text(json, "from"), text(json, "to"), text(json, "category"));
    return new AuditEntryView(
        entry.seq(),
        text(json, "time"),
        action,
        outcome,
        decision,
        new Agent(text(json, "actor"), text(json, "actorAgency"), text(json, "actorRole")),
        text(json, "subject"),
        flow,
        new Why(text(json, "purpose"), text(json, "consent")),
        List.copyOf(entities),
        text(json, "reason"),
        Note.of(note),
        entry.entryHash());
  }

  private static JsonObject parse(byte[] canonical) {
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(canonical))) {
      return reader.readObject();
    }
  }

  private static String text(JsonObject json, String name) {
    JsonValue value = json.get(name);
    return value instanceof JsonString s ? s.getString() : null;
  }
}
