package no.bindeledd.core.exchange;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.canonical.CanonicalJson;
import no.bindeledd.core.text.TextKind;

/**
 * The content an agency signs: who sends what about whom to whom, in reply to what, and why. It is
 * encoded as canonical JSON, so that the signed bytes are reproducible and readable by anyone who
 * verifies the signature with standard tools.
 */
public record MessageEnvelope(
    String messageId,
    String conversationId,
    String inReplyTo,
    MessageKind kind,
    String sender,
    String recipient,
    String subjectId,
    String subjectNationalId,
    String category,
    String purpose,
    String consentId,
    Instant createdAt,
    String body) {

  public static final String FORMAT = "bindeledd-message/1";
  public static final int MAX_BODY_LENGTH = 16000;

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  public MessageEnvelope {
    requireUuid(messageId, "messageId");
    requireUuid(conversationId, "conversationId");
    if (inReplyTo != null) {
      requireUuid(inReplyTo, "inReplyTo");
    }
    if (kind == null || sender == null || recipient == null || subjectId == null) {
      throw new InvalidInput("kind, sender, recipient and subject are required");
    }
    if (category == null || purpose == null || createdAt == null) {
      throw new InvalidInput("category, purpose and creation time are required");
    }
    if (body == null || body.isBlank()) {
      throw new InvalidInput("the message body is empty");
    }
    if (body.length() > MAX_BODY_LENGTH) {
      throw new InvalidInput("the message body is longer than " + MAX_BODY_LENGTH + " characters");
    }
    TextKind.MULTI_LINE.require("body", body);
  }

  private static void requireUuid(String value, String name) {
    if (value == null || !UUID.matcher(value).matches()) {
      throw new InvalidInput(name + " must be a lower-case UUID");
    }
  }

  public byte[] toCanonicalBytes() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("format", FORMAT);
    members.put("messageId", messageId);
    members.put("conversationId", conversationId);
    members.put("inReplyTo", inReplyTo);
    members.put("kind", kind.name().toLowerCase());
    members.put("sender", sender);
    members.put("recipient", recipient);
    members.put("subjectId", subjectId);
    members.put("subjectNationalId", subjectNationalId);
    members.put("category", category);
    members.put("purpose", purpose);
    members.put("consentId", consentId);
    members.put("createdAt", createdAt.toString());
    members.put("body", body);
    return CanonicalJson.encode(members);
  }

  /** Reads signed content back. Anything but a canonical envelope is refused. */
  public static MessageEnvelope fromCanonicalBytes(byte[] bytes) {
    JsonObject json;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      json = reader.readObject();
    } catch (RuntimeException e) {
      throw new InvalidInput("the signed content is not a JSON object");
    }
    if (!FORMAT.equals(text(json, "format"))) {
      throw new InvalidInput("the signed content is not a " + FORMAT + " envelope");
    }
    MessageKind kind;
    Instant createdAt;
    try {
      kind = MessageKind.valueOf(String.valueOf(text(json, "kind")).toUpperCase());
      createdAt = Instant.parse(String.valueOf(text(json, "createdAt")));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidInput("the envelope's kind or creation time is malformed");
    }
    MessageEnvelope envelope =
        new MessageEnvelope(
            text(json, "messageId"),
            text(json, "conversationId"),
            text(json, "inReplyTo"),
            kind,
            text(json, "sender"),
            text(json, "recipient"),
            text(json, "subjectId"),
            text(json, "subjectNationalId"),
            text(json, "category"),
            text(json, "purpose"),
            text(json, "consentId"),
            createdAt,
            text(json, "body"));
    try {
      if (!Arrays.equals(bytes, CanonicalJson.reencode(json))) {
        throw new InvalidInput("the signed content is not in canonical form");
      }
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new InvalidInput("the signed content holds values other than strings");
    }
    return envelope;
  }

  private static String text(JsonObject json, String name) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value instanceof JsonString s) {
      return s.getString();
    }
    throw new InvalidInput("envelope member " + name + " must be a string");
  }
}
