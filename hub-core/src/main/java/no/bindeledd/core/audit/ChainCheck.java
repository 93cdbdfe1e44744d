package no.bindeledd.core.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.canonical.CanonicalJson;

/**
 * Walks entries in sequence order and finds the first one that breaks the chain. Feed it every
 * entry from the first; {@link #end(long, String)} then compares the last link with the head.
 *
 * <p>It detects an entry whose bytes were edited (its hash no longer matches, or the next entry's
 * link does not), a deleted, inserted or reordered entry (the sequence or the link breaks), and a
 * search column edited apart from the bytes. A tail cut off together with the head row is not
 * detected here: signed checkpoints anchor the head outside the database.
 */
public final class ChainCheck {

  /** The first break: the entry's sequence number and what is wrong with it. */
  public record Break(long seq, String problem) {}

  private long expectedSeq = 1;
  private String expectedPrev = AuditEntry.GENESIS_HASH;
  private Break firstBreak;

  /** Checks the next entry; returns false once a break has been found. */
  public boolean accept(AuditEntry entry) {
    if (firstBreak != null) {
      return false;
    }
    String problem = problemWith(entry);
    if (problem != null) {
      firstBreak = new Break(entry.seq(), problem);
      return false;
    }
    expectedSeq = entry.seq() + 1;
    expectedPrev = entry.entryHash();
    return true;
  }

  private String problemWith(AuditEntry entry) {
    if (entry.seq() != expectedSeq) {
      return "expected entry " + expectedSeq + " but found " + entry.seq();
    }
    byte[] bytes = entry.canonicalBytes();
    String hash = AuditEntry.sha256Hex(bytes);
    if (!hash.equals(entry.entryHash())) {
      return "the entry's bytes do not match its recorded hash";
    }
    if (!expectedPrev.equals(entry.prevHash())) {
      return "the link to the previous entry is broken";
    }
    JsonObject json;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      json = reader.readObject();
    } catch (RuntimeException e) {
      return "the entry's bytes are not a JSON object";
    }
    try {
      if (!Arrays.equals(bytes, CanonicalJson.reencode(json))) {
        return "the entry's bytes are not in canonical form";
      }
    } catch (RuntimeException e) {
      return "the entry holds a value that is neither a string nor an integer";
    }
    if (json.getJsonNumber("seq") == null || json.getJsonNumber("seq").longValue() != entry.seq()) {
      return "the sequence number inside the entry differs";
    }
    if (!expectedPrev.equals(text(json, "prev"))) {
      return "the link inside the entry is broken";
    }
    if (!AuditEntry.formatTime(entry.recordedAt()).equals(text(json, "time"))
        || !Objects.equals(entry.actorUser(), text(json, "actor"))
        || !Objects.equals(entry.actorAgency(), text(json, "actorAgency"))
        || !Objects.equals(entry.action(), text(json, "action"))
        || !Objects.equals(entry.outcome(), text(json, "outcome"))
        || !Objects.equals(entry.subjectId(), text(json, "subject"))
        || !Objects.equals(entry.consentId(), text(json, "consent"))
        || !Objects.equals(entry.messageId(), text(json, "message"))) {
      return "a stored column differs from the entry's bytes";
    }
    return null;
  }

  private static String text(JsonObject json, String name) {
    JsonValue value = json.get(name);
    return value instanceof JsonString s ? s.getString() : null;
  }

  /** Finishes the walk: the last entry seen must be the head. Returns the first break, if any. */
  public Optional<Break> end(long headSeq, String headHash) {
    if (firstBreak == null && (expectedSeq - 1 != headSeq || !expectedPrev.equals(headHash))) {
      firstBreak =
          new Break(
              expectedSeq - 1,
              "the chain ends at entry " + (expectedSeq - 1) + " but the head says " + headSeq);
    }
    return Optional.ofNullable(firstBreak);
  }

  public Optional<Break> firstBreak() {
    return Optional.ofNullable(firstBreak);
  }
}
