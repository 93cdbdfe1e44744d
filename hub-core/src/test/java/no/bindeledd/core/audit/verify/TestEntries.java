package no.bindeledd.core.audit.verify;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import no.bindeledd.core.canonical.CanonicalJson;

/**
 * Audit entries in the real canonical form, with the members {@code AuditEntry} writes, built
 * without a database; and the chain operations tampering tests need.
 */
final class TestEntries {

  static final String GENESIS = "0".repeat(64);

  private static final String[] ACTIONS = {
    "consent.decision",
    "consent.recorded",
    "message.sent",
    "message.delivered",
    "person.read",
    "message.opened"
  };
  private static final String[] OUTCOMES = {"allowed", "refused", "held", "success", "failure"};
  private static final String[] ROLES = {"caseworker", "gp", "teacher", "nav-advisor", "hub"};
  private static final String[] REASONS = {
    "Samtykket dekker ikke helseopplysninger til skolen",
    "Tilbaketrukket av verge – «mor»",
    "Tolk til stede (arabisk); skjema lest opp",
    "Quote \" and backslash \\ and tab \t kept",
    "Ærlig, øyeblikkelig, å"
  };

  private TestEntries() {}

  /** The entry {@code seq} of a log made from the seed, linked to {@code prev}. */
  static Map<String, Object> members(long seq, String prev, Instant time, SplittableRandom random) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("v", 1);
    members.put("seq", seq);
    members.put("time", formatTime(time));
    members.put("actor", "user-" + (100 + random.nextInt(900)));
    members.put("actorAgency", String.valueOf(910_000_000 + random.nextInt(1_000_000)));
    members.put("actorRole", ROLES[random.nextInt(ROLES.length)]);
    members.put("action", ACTIONS[random.nextInt(ACTIONS.length)]);
    members.put("outcome", OUTCOMES[random.nextInt(OUTCOMES.length)]);
    members.put("subject", uuid(random));
    if (random.nextBoolean()) {
      members.put("purpose", "follow-up");
      members.put("category", random.nextBoolean() ? "health" : "school");
      members.put("consent", uuid(random));
      members.put("from", "974760673");
      members.put("to", "987654325");
    }
    if (random.nextInt(3) == 0) {
      members.put("message", uuid(random));
      members.put("conversation", uuid(random));
    }
    if (random.nextInt(3) == 0) {
      members.put("reason", REASONS[random.nextInt(REASONS.length)]);
    }
    members.put("prev", prev);
    return members;
  }

  /** A log of {@code count} entries, from entry 1, the same for the same seed. */
  static List<byte[]> log(int count, long seed, Instant start) {
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> entries = new ArrayList<>(count);
    String prev = GENESIS;
    for (int seq = 1; seq <= count; seq++) {
      byte[] entry =
          CanonicalJson.encode(members(seq, prev, start.plusMillis(seq * 1_537L), random));
      entries.add(entry);
      prev = sha256Hex(entry);
    }
    return entries;
  }

  /** The members of canonical bytes, to change and encode again. */
  static Map<String, Object> parse(byte[] entry) {
    Map<String, Object> members = new LinkedHashMap<>();
    try (JsonReader reader =
        Json.createReader(new StringReader(new String(entry, StandardCharsets.UTF_8)))) {
      for (Map.Entry<String, JsonValue> member : reader.readObject().entrySet()) {
        members.put(
            member.getKey(),
            member.getValue() instanceof JsonNumber n
                ? (Object) n.longValueExact()
                : ((JsonString) member.getValue()).getString());
      }
    }
    return members;
  }

  /** The entry with one member set to another value, the chain left as it is. */
  static byte[] with(byte[] entry, String member, Object value) {
    Map<String, Object> members = parse(entry);
    members.put(member, value);
    return CanonicalJson.encode(members);
  }

  /**
   * The entries numbered from 1 by position and linked anew from {@code from} (an index) on, as
   * someone who rewrites the log and its chain would.
   */
  static List<byte[]> renumberAndRelink(List<byte[]> entries, int from) {
    List<byte[]> result = new ArrayList<>(entries);
    String prev = from == 0 ? GENESIS : sha256Hex(result.get(from - 1));
    for (int i = from; i < result.size(); i++) {
      Map<String, Object> members = parse(result.get(i));
      members.put("seq", (long) (i + 1));
      members.put("prev", prev);
      byte[] entry = CanonicalJson.encode(members);
      result.set(i, entry);
      prev = sha256Hex(entry);
    }
    return result;
  }

  /**
   * Whether the bytes are, on their own, a sound entry {@code seq} after an entry with hash {@code
   * prev}: what a verifier can tell from the line and the one before it. Written apart from the
   * verifier, from the form's description, to predict where it must report a change.
   */
  static boolean soundOnItsOwn(byte[] line, long seq, String prev) {
    for (byte b : line) {
      if (b == '\n') {
        return false;
      }
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString();
    } catch (CharacterCodingException e) {
      return false;
    }
    JsonObject json;
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      json = reader.readObject();
    } catch (RuntimeException e) {
      return false;
    }
    try {
      if (!Arrays.equals(CanonicalJson.reencode(json), line)) {
        return false;
      }
    } catch (RuntimeException e) {
      return false;
    }
    List<String> known =
        List.of(
            "v",
            "seq",
            "time",
            "actor",
            "actorAgency",
            "actorRole",
            "action",
            "outcome",
            "subject",
            "purpose",
            "category",
            "consent",
            "message",
            "conversation",
            "from",
            "to",
            "reason",
            "prev");
    if (!known.containsAll(json.keySet())
        || !json.keySet()
            .containsAll(
                List.of("v", "seq", "time", "actor", "actorRole", "action", "outcome", "prev"))) {
      return false;
    }
    for (String name : json.keySet()) {
      boolean number = name.equals("v") || name.equals("seq");
      if (number != (json.get(name) instanceof JsonNumber)) {
        return false;
      }
    }
    if (json.getJsonNumber("v").longValue() != 1 || json.getJsonNumber("seq").longValue() != seq) {
      return false;
    }
    String time = json.getString("time");
    try {
      if (!time.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z")
          || !formatTime(Instant.parse(time)).equals(time)) {
        return false;
      }
    } catch (RuntimeException e) {
      return false;
    }
    return json.getString("prev").equals(prev);
  }

  static String formatTime(Instant at) {
    return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC)
        .format(at.truncatedTo(ChronoUnit.MILLIS));
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String uuid(SplittableRandom random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
