package no.bindeledd.connectors.nav;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import no.bindeledd.core.exchange.OutboundMessage;

/**
 * The participant plan as NAV receives it: a JSON document with the participant, the plan's start,
 * phases and measures, and the consent the sharing relies on, followed by the refugee service's CMS
 * signature over the document's exact bytes.
 *
 * <p>The request body is {@code {"encrypted": "<base64 CMS>"}}: AuthEnvelopedData or EnvelopedData
 * for NAV's encryption certificate, around the SignedData that encapsulates the document as it was
 * signed, so NAV reads the plan from what the signature covers, never from a re-serialised copy.
 * Where NAV has no encryption certificate and does not require encryption, the body is {@code
 * {"document": {...}, "signature": "<base64 CMS SignedData>"}} (ADR 0029).
 */
public final class NavPlanDocument {

  public static final String FORMAT = "bindeledd-participant-plan/1";

  private NavPlanDocument() {}

  /** The document to be signed, in the bytes that will be signed. */
  public static byte[] document(OutboundMessage plan) {
    JsonObject planBody;
    try (JsonReader reader = Json.createReader(new StringReader(plan.body()))) {
      planBody = reader.readObject();
    }
    return Json.createObjectBuilder()
        .add("format", FORMAT)
        .add("messageId", plan.messageId())
        .add("sentAt", plan.createdAt().toString())
        .add(
            "sender",
            Json.createObjectBuilder()
                .add("orgNumber", plan.sender().orgNumber())
                .add("name", plan.sender().name()))
        .add(
            "participant",
            Json.createObjectBuilder()
                .add("nationalId", plan.subject().nationalId())
                .add("givenName", plan.subject().givenName())
                .add("familyName", plan.subject().familyName()))
        .add(
            "consent",
            Json.createObjectBuilder()
                .add("id", plan.consentId())
                .add("category", plan.category())
                .add("purpose", plan.purpose()))
        .add("startDate", planBody.getString("startDate"))
        .add("phases", planBody.getJsonArray("phases"))
        .build()
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The request body: the encrypted signed document alone, or, for a signed one only, the document
   * beside the signature that covers it.
   */
  public static byte[] request(byte[] document, byte[] sealed, boolean encrypted) {
    if (encrypted) {
      return Json.createObjectBuilder()
          .add("encrypted", Base64.getEncoder().encodeToString(sealed))
          .build()
          .toString()
          .getBytes(StandardCharsets.UTF_8);
    }
    byte[] signature = sealed;
    JsonObject parsed = parse(document);
    return Json.createObjectBuilder()
        .add("document", parsed)
        .add("signature", Base64.getEncoder().encodeToString(signature))
        .build()
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * NAV's acknowledgement: its own reference for the plan it took in.
   *
   * @throws IllegalArgumentException if the answer is not an acknowledgement of this plan
   */
  public static String acknowledgementOf(String messageId, byte[] response) {
    JsonObject ack;
    try {
      ack = parse(response);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("NAV's answer is not a JSON acknowledgement", e);
    }
    if (!messageId.equals(ack.getString("messageId", null))
        || !"received".equals(ack.getString("status", null))
        || ack.getString("reference", "").isBlank()) {
      throw new IllegalArgumentException(
          "NAV's answer does not acknowledge plan " + messageId + ": " + ack);
    }
    return ack.getString("reference");
  }

  static JsonObject parse(byte[] json) {
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new IllegalArgumentException("not a JSON object", e);
    }
  }
}
