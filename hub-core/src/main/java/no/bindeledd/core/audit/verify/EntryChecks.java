package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks of each entry of an export, in the order of the file: its canonical form, its form
 * version and members, its number, its time and its link to the entry before. Not thread-safe; one
 * per verification, since it remembers the last valid day.
 *
 * <p>A verification checks a million entries, nearly all of them valid, so {@link #problemWith}
 * first looks at the bytes alone ({@link #acceptedAtSight}): an entry whose members are exactly the
 * form's names in canonical order, with values whose bytes plainly satisfy each check, is valid
 * without a String made of any of it. Anything else, valid or not, is read as members and checked
 * as before ({@link #problemFoundByReading}), which says what is wrong, so every entry gets the
 * verdict and the message it always got.
 */
final class EntryChecks {

  /** The newest entry form this verifier knows; it knows every one before it too. */
  private static final int FORM_VERSION = 2;

  private static final Pattern NOTE_COMMITMENT = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> MEMBERS_OF_FORM_1 =
      Set.of(
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

  /** Form 2 adds the commitment to an erasable note (ADR 0034). */
  private static final Set<String> MEMBERS_OF_FORM_2 =
      Stream.concat(MEMBERS_OF_FORM_1.stream(), Stream.of("note"))
          .collect(Collectors.toUnmodifiableSet());

  private static final List<String> REQUIRED =
      List.of("v", "seq", "time", "actor", "actorRole", "action", "outcome", "prev");

  /** An entry's time: UTC with milliseconds, {@code 2026-11-25T10:15:00.000Z}. */
  private static final String ENTRY_TIME_FORM = "dddd-dd-ddTdd:dd:dd.dddZ";

  /** The names of form 2, in canonical order; as ASCII, their bytes sort as their characters. */
  private static final byte[][] NAMES =
      MEMBERS_OF_FORM_2.stream()
          .sorted()
          .map(name -> name.getBytes(US_ASCII))
          .toArray(byte[][]::new);

  private static final int V = rank("v");
  private static final int SEQ = rank("seq");
  private static final int TIME = rank("time");
  private static final int NOTE = rank("note");
  private static final int PREV = rank("prev");
  private static final int NAMES_OF_FORM_1 = bits(MEMBERS_OF_FORM_1);
  private static final int NAMES_OF_FORM_2 = bits(MEMBERS_OF_FORM_2);
  private static final int REQUIRED_NAMES = bits(REQUIRED);

  private final CanonicalObjects objects = new CanonicalObjects();
  private final CanonicalObjects.Spans spans = new CanonicalObjects.Spans();

  /** The day, {@code yyyy-mm-dd}, on which an entry's time was last found valid. */
  private String validDay;

  /**
   * What is wrong with the entry on line {@code seq}, or null.
   *
   * @param expectedPrev the hash the entry's prev must be, as its 64 lower-case hex digits
   */
  String problemWith(byte[] line, long seq, byte[] expectedPrev) {
    return acceptedAtSight(line, seq, expectedPrev)
        ? null
        : problemFoundByReading(line, seq, new String(expectedPrev, ISO_8859_1));
  }

  /**
   * Whether the bytes alone show the entry valid, as {@link #problemFoundByReading} would find it:
   * a canonical object (the grammar {@link CanonicalObjects.Spans#scan} checks) whose names are
   * names of its form in strictly ascending order, so they are the names reading gives, with the
   * required ones among them; v of a known form and seq the line's number, both integers; every
   * other value a string, the note's 64 lower-case hex digits, the time in the entry form on the
   * day last found valid, and prev the expected hash's digits. The characters each of these is held
   * to have no escape in canonical form, so a value whose bytes are them is them. False for
   * anything else, which is left to reading.
   */
  boolean acceptedAtSight(byte[] line, long seq, byte[] expectedPrev) {
    if (!spans.scan(line, line.length)) {
      return false;
    }
    int present = 0;
    int rank = -1;
    long version = 0;
    for (int i = 0; i < spans.count(); i++) {
      rank = rankAfter(rank, line, spans.nameFrom(i), spans.nameEnd(i));
      if (rank < 0) {
        return false;
      }
      present |= 1 << rank;
      boolean number = rank == V || rank == SEQ;
      if (number != spans.isInteger(i)) {
        return false;
      }
      int from = spans.valueFrom(i);
      int end = spans.valueEnd(i);
      boolean plain;
      if (rank == V) {
        version = spans.integer(i);
        plain = true;
      } else if (rank == SEQ) {
        plain = spans.integer(i) == seq;
      } else if (rank == TIME) {
        plain = onValidDay(line, from, end);
      } else if (rank == NOTE) {
        plain = isCommitment(line, from, end);
      } else if (rank == PREV) {
        plain = Arrays.equals(line, from, end, expectedPrev, 0, expectedPrev.length);
      } else {
        plain = true;
      }
      if (!plain) {
        return false;
      }
    }
    int names = version == 1 ? NAMES_OF_FORM_1 : version == 2 ? NAMES_OF_FORM_2 : 0;
    return names != 0 && (present & ~names) == 0 && (present & REQUIRED_NAMES) == REQUIRED_NAMES;
  }

  /**
   * What is wrong with the entry, read as members: the reference {@link #problemWith} holds its
   * sight reading against, which words every message.
   */
  String problemFoundByReading(byte[] line, long seq, String expectedPrev) {
    CanonicalMembers json;
    try {
      json = objects.members(line);
    } catch (IllegalArgumentException e) {
      return "the line is not an entry: " + e.getMessage();
    }
    if (!(json.get("v") instanceof Long version)) {
      return "the entry has no form version v";
    }
    if (version < 1 || version > FORM_VERSION) {
      return "the entry is of form version "
          + version
          + ", which this verifier does not know (it knows 1 to "
          + FORM_VERSION
          + ")";
    }
    int form = version.intValue();
    Set<String> members = form == 1 ? MEMBERS_OF_FORM_1 : MEMBERS_OF_FORM_2;
    for (int i = 0; i < json.size(); i++) {
      if (!members.contains(json.name(i))) {
        return "the entry has a member "
            + shorten(json.name(i))
            + " that form version "
            + form
            + " does not have";
      }
    }
    for (String name : REQUIRED) {
      if (!json.has(name)) {
        return "the entry has no " + name + ", which every entry has";
      }
    }
    for (int i = 0; i < json.size(); i++) {
      String name = json.name(i);
      boolean number = name.equals("v") || name.equals("seq");
      if (number != (json.value(i) instanceof Long)) {
        return "the entry's " + name + " is not " + (number ? "an integer" : "a string");
      }
    }
    if (json.get("note") instanceof String note && !NOTE_COMMITMENT.matcher(note).matches()) {
      return "the entry's note is not a commitment, 64 lower-case hex digits of SHA-256";
    }
    long claimed = (Long) json.get("seq");
    if (claimed != seq) {
      return "the entry is numbered "
          + claimed
          + ", but it is entry "
          + seq
          + " of the file: "
          + (claimed > seq
              ? "entries before it are missing, or it was moved"
              : "an entry before it was inserted or repeated, or it was moved");
    }
    String time = (String) json.get("time");
    if (!validEntryTime(time)) {
      return "the entry's time "
          + shorten(time)
          + " is not a UTC time with milliseconds such as 2026-11-25T10:15:00.000Z";
    }
    if (!expectedPrev.equals(json.get("prev"))) {
      return seq == 1
          ? "the first entry's prev is not 64 zeros"
          : "its prev is not the hash of entry "
              + (seq - 1)
              + ": entry "
              + (seq - 1)
              + " was changed, or this link was";
    }
    return null;
  }

  /**
   * Whether {@code time} is an entry's time: {@link #ENTRY_TIME_FORM} and a real instant that
   * prints as itself ({@link #validInstant}). Entries come in time order, so most fall on the day
   * of the entry before: that day is remembered once {@link #validInstant} accepted a time on it,
   * and then the time of day is all there is left to check, which is valid exactly when its hour,
   * minute and second are in range (a 24th hour, a leap second or a 60th minute does not print as
   * itself).
   */
  private boolean validEntryTime(String time) {
    if (!hasEntryTimeForm(time)) {
      return false;
    }
    if (validDay != null && time.startsWith(validDay)) {
      return twoDigits(time, 11) <= 23 && twoDigits(time, 14) <= 59 && twoDigits(time, 17) <= 59;
    }
    if (!validInstant(time)) {
      return false;
    }
    validDay = time.substring(0, 10);
    return true;
  }

  /** Whether {@code time} has {@link #ENTRY_TIME_FORM}, each {@code d} an ASCII digit. */
  private static boolean hasEntryTimeForm(String time) {
    if (time.length() != ENTRY_TIME_FORM.length()) {
      return false;
    }
    for (int i = 0; i < time.length(); i++) {
      char c = time.charAt(i);
      char form = ENTRY_TIME_FORM.charAt(i);
      if (form == 'd' ? c < '0' || c > '9' : c != form) {
        return false;
      }
    }
    return true;
  }

  private static int twoDigits(String text, int at) {
    return (text.charAt(at) - '0') * 10 + text.charAt(at + 1) - '0';
  }

  private static boolean validInstant(String time) {
    try {
      Instant parsed = Instant.parse(time);
      String again = parsed.toString();
      return again.length() == 20
          ? (again.substring(0, 19) + ".000Z").equals(time)
          : again.equals(time);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * Whether the bytes from {@code from} to {@code end} are a time in {@link #ENTRY_TIME_FORM} on
   * the day last found valid, with its hour, minute and second in range: what {@link
   * #validEntryTime} accepts without parsing.
   */
  private boolean onValidDay(byte[] b, int from, int end) {
    if (validDay == null || end - from != ENTRY_TIME_FORM.length()) {
      return false;
    }
    for (int i = 0; i < ENTRY_TIME_FORM.length(); i++) {
      int c = b[from + i];
      char form = ENTRY_TIME_FORM.charAt(i);
      if (form == 'd' ? c < '0' || c > '9' : c != form) {
        return false;
      }
    }
    for (int i = 0; i < validDay.length(); i++) {
      if (b[from + i] != validDay.charAt(i)) {
        return false;
      }
    }
    return twoDigits(b, from + 11) <= 23
        && twoDigits(b, from + 14) <= 59
        && twoDigits(b, from + 17) <= 59;
  }

  private static int twoDigits(byte[] b, int at) {
    return (b[at] - '0') * 10 + b[at + 1] - '0';
  }

  /** Whether the bytes from {@code from} to {@code end} are 64 lower-case hex digits. */
  private static boolean isCommitment(byte[] b, int from, int end) {
    if (end - from != 64) {
      return false;
    }
    for (int p = from; p < end; p++) {
      byte c = b[p];
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rank of the name whose bytes run from {@code from} to {@code end} among those ranked after
   * {@code previous}, or -1 if it is none of them: an unknown name, or one out of order.
   */
  private static int rankAfter(int previous, byte[] b, int from, int end) {
    int length = end - from;
    for (int rank = previous + 1; rank < NAMES.length; rank++) {
      byte[] name = NAMES[rank];
      if (name.length == length && Arrays.equals(b, from, end, name, 0, length)) {
        return rank;
      }
    }
    return -1;
  }

  private static int rank(String name) {
    byte[] bytes = name.getBytes(US_ASCII);
    for (int rank = 0; rank < NAMES.length; rank++) {
      if (Arrays.equals(NAMES[rank], bytes)) {
        return rank;
      }
    }
    throw new IllegalArgumentException(name + " is not a member of an entry");
  }

  private static int bits(Iterable<String> names) {
    int bits = 0;
    for (String name : names) {
      bits |= 1 << rank(name);
    }
    return bits;
  }

  private static String shorten(String text) {
    String visible = text.replaceAll("\\p{Cntrl}", "?");
    return "'" + (visible.length() <= 40 ? visible : visible.substring(0, 40) + "...") + "'";
  }
}
