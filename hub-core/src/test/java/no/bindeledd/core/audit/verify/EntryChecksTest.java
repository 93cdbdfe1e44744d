package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.bindeledd.core.canonical.CanonicalJson;
import org.junit.jupiter.api.Test;

/**
 * Looking at an entry's bytes gives the verdict reading its members gives: every valid entry of a
 * log after the first is accepted at sight, and every changed one gets the message reading words,
 * word for word, with the last valid day remembered the same way.
 */
class EntryChecksTest {

  private static final byte[] REPLACEMENTS = {
    0,
    ' ',
    '"',
    ',',
    '-',
    '0',
    '1',
    '2',
    '9',
    ':',
    'A',
    'Z',
    '\\',
    'a',
    'f',
    'g',
    'u',
    '{',
    '}',
    (byte) 0x80,
    (byte) 0xc3,
    (byte) 0xff
  };

  private static final Instant START = Instant.parse("2026-11-25T23:58:00Z");

  @Test
  void acceptsAtSightEveryValidEntryAfterTheFirstOfItsDay() {
    // 1,537 ms apart from two minutes before midnight, so the log crosses into the next day.
    List<byte[]> log = TestEntries.log(200, 14, START);
    EntryChecks checks = new EntryChecks();
    String previousDay = null;
    for (int i = 0; i < log.size(); i++) {
      byte[] entry = log.get(i);
      String day = (String) TestEntries.parse(entry).get("time");
      day = day.substring(0, 10);
      byte[] prev = prevOf(log, i);
      assertThat(checks.acceptedAtSight(entry, i + 1, prev))
          .as("entry %d", i + 1)
          .isEqualTo(day.equals(previousDay));
      assertThat(checks.problemWith(entry, i + 1, prev)).as("entry %d", i + 1).isNull();
      previousDay = day;
    }
  }

  @Test
  void acceptsAtSightEntriesOfForm2WithANote() {
    List<byte[]> log = formTwoLog();
    EntryChecks checks = new EntryChecks();
    assertThat(checks.problemWith(log.get(0), 1, prevOf(log, 0))).isNull();
    assertThat(checks.acceptedAtSight(log.get(1), 2, prevOf(log, 1))).isTrue();
  }

  @Test
  void givesEveryChangedEntryTheVerdictReadingGives() {
    List<byte[]> log = TestEntries.log(40, 15, START);
    List<byte[]> formTwo = formTwoLog();
    EntryChecks sight = new EntryChecks();
    EntryChecks reading = new EntryChecks();
    int checked = 0;
    for (List<byte[]> entries : List.of(log, formTwo)) {
      for (int i : new int[] {0, 1, 2, entries.size() - 1}) {
        byte[] entry = entries.get(i);
        long seq = i + 1;
        byte[] prev = prevOf(entries, i);
        for (int at = 0; at < entry.length; at++) {
          for (byte replacement : REPLACEMENTS) {
            byte[] changed = entry.clone();
            changed[at] = replacement;
            assertSameVerdict(sight, reading, changed, seq, prev);
            checked++;
          }
          assertSameVerdict(sight, reading, without(entry, at), seq, prev);
          assertSameVerdict(sight, reading, inserted(entry, at, (byte) '0'), seq, prev);
          checked += 2;
        }
        // The same bytes as another line of the file, or after another link.
        assertSameVerdict(sight, reading, entry, seq + 1, prev);
        assertSameVerdict(sight, reading, entry, seq, prevOf(entries, i + 1));
        assertSameVerdict(sight, reading, entry, seq, prev);
      }
    }
    assertThat(checked).isGreaterThan(50_000);
  }

  @Test
  void givesEntriesWithChangedMembersTheVerdictReadingGives() {
    List<byte[]> log = formTwoLog();
    byte[] entry = log.get(3);
    byte[] prev = prevOf(log, 3);
    List<byte[]> changed = new ArrayList<>();
    for (Object version : List.<Object>of(0L, 1L, 3L, -1L, "2")) {
      changed.add(TestEntries.with(entry, "v", version));
    }
    for (Object note :
        List.<Object>of("A".repeat(64), "0".repeat(63), "0".repeat(65), "g".repeat(64), 5L)) {
      changed.add(TestEntries.with(entry, "note", note));
    }
    for (Object time :
        List.<Object>of(
            "2026-11-26T24:00:00.000Z",
            "2026-11-26T23:60:00.000Z",
            "2026-11-26T23:59:60.000Z",
            "2026-11-26T00:00:00.000",
            "2026-11-26 00:00:00.000Z",
            "2026-11-27T00:00:00.000Z",
            "2026-02-30T00:00:00.000Z",
            "2026-11-26T00:00:00.00Z",
            1L)) {
      changed.add(TestEntries.with(entry, "time", time));
    }
    changed.add(TestEntries.with(entry, "seq", "4"));
    changed.add(TestEntries.with(entry, "seq", 5L));
    changed.add(TestEntries.with(entry, "actor", 7L));
    changed.add(TestEntries.with(entry, "prev", "0".repeat(64)));
    changed.add(TestEntries.with(entry, "prev", new String(prev, ISO_8859_1).toUpperCase()));
    changed.add(TestEntries.with(entry, "unknown", "x"));
    changed.add(TestEntries.with(entry, "actoR", "x"));
    changed.add(TestEntries.with(entry, "reason", "line\nbreak \"quoted\" é"));
    for (String member : List.of("v", "seq", "time", "actor", "actorRole", "action", "prev")) {
      Map<String, Object> members = TestEntries.parse(entry);
      members.remove(member);
      changed.add(CanonicalJson.encode(members));
    }
    EntryChecks sight = new EntryChecks();
    EntryChecks reading = new EntryChecks();
    assertSameVerdict(sight, reading, log.get(2), 3, prevOf(log, 2));
    for (byte[] bytes : changed) {
      assertSameVerdict(sight, reading, bytes, 4, prev);
    }
  }

  private static void assertSameVerdict(
      EntryChecks sight, EntryChecks reading, byte[] line, long seq, byte[] prev) {
    String expected = reading.problemFoundByReading(line, seq, new String(prev, ISO_8859_1));
    if (sight.acceptedAtSight(line, seq, prev)) {
      assertThat(expected).as("accepted at sight: %s", new String(line, UTF_8)).isNull();
    }
    assertThat(sight.problemWith(line, seq, prev)).as(new String(line, UTF_8)).isEqualTo(expected);
  }

  /** A log of form 2, each entry with a note's commitment. */
  private static List<byte[]> formTwoLog() {
    List<byte[]> entries = new ArrayList<>();
    String prev = TestEntries.GENESIS;
    for (byte[] entry : TestEntries.log(6, 16, START.plusSeconds(600))) {
      Map<String, Object> members = TestEntries.parse(entry);
      members.put("v", 2L);
      members.put("seq", (long) entries.size() + 1);
      members.put("note", TestEntries.sha256Hex(entry));
      members.put("prev", prev);
      byte[] encoded = CanonicalJson.encode(members);
      entries.add(encoded);
      prev = TestEntries.sha256Hex(encoded);
    }
    return entries;
  }

  /** The hex digits entry {@code index}'s prev must be. */
  private static byte[] prevOf(List<byte[]> entries, int index) {
    String prev = index == 0 ? TestEntries.GENESIS : TestEntries.sha256Hex(entries.get(index - 1));
    return prev.getBytes(ISO_8859_1);
  }

  private static byte[] without(byte[] bytes, int at) {
    byte[] shorter = new byte[bytes.length - 1];
    System.arraycopy(bytes, 0, shorter, 0, at);
    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
    return shorter;
  }

  private static byte[] inserted(byte[] bytes, int at, byte extra) {
    byte[] longer = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, longer, 0, at);
    longer[at] = extra;
    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
    return longer;
  }
}
