package no.bindeledd.core.audit.checkpoint;

import static no.bindeledd.core.audit.checkpoint.NoteRejected.Reason.NOT_A_CHECKPOINT;
import static no.bindeledd.core.audit.checkpoint.NoteRejected.Reason.WRONG_ORIGIN;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The head of the audit log's Merkle tree as the note text of a C2SP tlog-checkpoint:
 *
 * <pre>
 * bindeledd.example/fjordvik-audit
 * 1234
 * 3q1O3Vx1ARe8q1Oh9gmYMS6f0d5oQ3Ef7JwqkKy2bYU=
 * time 2026-11-25T03:40:00Z
 * </pre>
 *
 * Each line ends in a newline: the origin (the log's unique name), the tree size in decimal without
 * leading zeros, the RFC 9162 (RFC 6962) root hash in base64, then any extension lines.
 *
 * <p><b>The time extension.</b> The spec leaves extension lines opaque and optional, requires them
 * to be non-empty, and does not recommend them, because log monitors cannot audit them. The hub
 * still states when it signed, in exactly one extension line {@code time <instant>}, the instant in
 * UTC to the second as RFC 3339 writes it ({@code 2026-11-25T03:40:00Z}). It is the hub's own claim
 * and is covered by the hub's Ed25519 signature. A witness's Ed25519 cosignature (tlog-cosignature
 * {@code cosignature/v1}) signs the whole text, extension lines included, but vouches only for the
 * first three lines; independent evidence of time comes from the RFC 3161 timestamp of the signed
 * checkpoint and from the witnesses' own cosignature times. Other extension lines are carried as
 * they are; a line that begins with {@code "time "} must be a well-formed time line, and there may
 * be only one.
 *
 * <p><b>The chain.</b> Every checkpoint the hub signs after the log's first names the one it signed
 * before, in exactly one extension line {@code previous <size> <hash>}: that checkpoint's tree size
 * in decimal without leading zeros, from 1 and below this checkpoint's size, and the SHA-256 of its
 * signed note's exact UTF-8 bytes (text, blank line and signature lines) in canonical padded
 * base64. The first checkpoint of a log has no such line. So the checkpoints form a hash chain, and
 * one that is removed, replaced or moved breaks it, even where the Merkle roots would not show it.
 * A line that begins with {@code "previous "} must be a well-formed previous line, and there may be
 * only one. {@link Previous} is the line's value.
 *
 * <p>Parsing is strict: one canonical spelling per checkpoint, so that two different texts never
 * mean the same tree head. The root hash must be 32 bytes (SHA-256).
 *
 * @param origin the log's name, for instance {@code bindeledd.example/fjordvik-audit}
 * @param size the number of leaves in the tree
 * @param rootHash the 32-byte root hash
 * @param extensions the extension lines, without newlines
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

  /** Length of a SHA-256 root hash. */
  public static final int HASH_LENGTH = 32;

  /** How the time extension line begins. */
  public static final String TIME_PREFIX = "time ";

  /** How the extension line naming the previous checkpoint begins. */
  public static final String PREVIOUS_PREFIX = "previous ";

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");
  private static final Pattern TIME =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");

  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(rootHash, "rootHash");
    Objects.requireNonNull(extensions, "extensions");
    requireLine(origin, "The origin");
    if (size < 0) {
      throw new IllegalArgumentException("A tree size cannot be negative: " + size);
    }
    if (rootHash.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          "A root hash has " + HASH_LENGTH + " bytes, not " + rootHash.length);
    }
    rootHash = rootHash.clone();
    extensions = List.copyOf(extensions);
    for (String extension : extensions) {
      requireLine(extension, "An extension line");
    }
    timeIn(extensions);
    previousIn(extensions)
        .filter(previous -> previous.size() >= size)
        .ifPresent(
            previous -> {
              throw new IllegalArgumentException(
                  "A checkpoint of "
                      + size
                      + " entries cannot follow one of "
                      + previous.size()
                      + ": the log only grows");
            });
  }

  /**
   * The checkpoint the hub signs: the tree head and one time extension line, the time cut to whole
   * seconds.
   */
  public static Checkpoint at(String origin, long size, byte[] rootHash, Instant time) {
    Objects.requireNonNull(time, "time");
    return new Checkpoint(
        origin, size, rootHash, List.of(TIME_PREFIX + time.truncatedTo(ChronoUnit.SECONDS)));
  }

  /**
   * A checkpoint the hub signs after an earlier one: the tree head, the time line, and the line
   * naming the earlier checkpoint.
   */
  public static Checkpoint at(
      String origin, long size, byte[] rootHash, Instant time, Previous previous) {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(previous, "previous");
    return new Checkpoint(
        origin,
        size,
        rootHash,
        List.of(TIME_PREFIX + time.truncatedTo(ChronoUnit.SECONDS), previous.line()));
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The time the hub states in its time extension line, if the checkpoint has one. */
  public Optional<Instant> time() {
    return timeIn(extensions);
  }

  /** The checkpoint this one names as the one before it; empty for a log's first checkpoint. */
  public Optional<Previous> previous() {
    return previousIn(extensions);
  }

  /** The note text to sign: every line, each ending in a newline. */
  public String body() {
    StringBuilder text = new StringBuilder();
    text.append(origin).append('\n');
    text.append(size).append('\n');
    text.append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    for (String extension : extensions) {
      text.append(extension).append('\n');
    }
    return text.toString();
  }

  /** Signs the body as a C2SP signed note; the key name should be the origin. */
  public String sign(String keyName, PrivateKey key) {
    return SignedNote.sign(body(), keyName, key);
  }

  /**
   * Reads a checkpoint body, as the text of a verified note.
   *
   * @throws IllegalArgumentException saying what is wrong, for anything but a well-formed body
   */
  public static Checkpoint parse(String body) {
    Objects.requireNonNull(body, "body");
    if (body.isEmpty() || !body.endsWith("\n")) {
      throw new IllegalArgumentException("A checkpoint ends with a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new IllegalArgumentException(
          "A checkpoint has at least three lines (origin, size, root hash), not " + lines.length);
    }
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw new IllegalArgumentException("Line " + (i + 1) + " of the checkpoint is empty");
      }
    }
    if (!DECIMAL.matcher(lines[1]).matches()) {
      throw new IllegalArgumentException(
          "The tree size is not a decimal number without leading zeros: "
              + VerifierKey.shorten(lines[1]));
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "The tree size " + lines[1] + " is larger than " + Long.MAX_VALUE);
    }
    byte[] rootHash = NoteText.decodeCanonicalBase64(lines[2], "The root hash");
    return new Checkpoint(
        lines[0], size, rootHash, List.of(Arrays.copyOfRange(lines, 3, lines.length)));
  }

  /**
   * Verifies a signed checkpoint from the given log, as an offline verifier does.
   *
   * @param expectedOrigin the log the checkpoint must come from
   * @param logKey the log's verifier key; signatures by other keys (witnesses) are ignored
   * @throws NoteRejected if the note does not verify, is not a checkpoint, or names another log
   * @throws IllegalArgumentException if the key is a witness's cosigning key, not a log key
   */
  public static Checkpoint verify(String signedNote, String expectedOrigin, VerifierKey logKey) {
    Objects.requireNonNull(expectedOrigin, "expectedOrigin");
    if (logKey.type() != VerifierKey.Type.ED25519) {
      throw new IllegalArgumentException(
          "A log signs its checkpoints with an Ed25519 key (0x01), not with "
              + logKey.type()
              + ": "
              + logKey.name());
    }
    String text = SignedNote.verify(signedNote, logKey);
    Checkpoint checkpoint;
    try {
      checkpoint = parse(text);
    } catch (IllegalArgumentException e) {
      throw new NoteRejected(NOT_A_CHECKPOINT, e.getMessage());
    }
    if (!checkpoint.origin().equals(expectedOrigin)) {
      throw new NoteRejected(
          WRONG_ORIGIN,
          "the checkpoint is from "
              + VerifierKey.shorten(checkpoint.origin())
              + ", not from "
              + VerifierKey.shorten(expectedOrigin));
    }
    return checkpoint;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checkpoint that
        && origin.equals(that.origin)
        && size == that.size
        && Arrays.equals(rootHash, that.rootHash)
        && extensions.equals(that.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
  }

  @Override
  public String toString() {
    return "Checkpoint[origin="
        + origin
        + ", size="
        + size
        + ", rootHash="
        + HexFormat.of().formatHex(rootHash)
        + ", extensions="
        + extensions
        + "]";
  }

  private static void requireLine(String line, String what) {
    if (line.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (!NoteText.isWellFormedUtf16(line)) {
      throw new IllegalArgumentException(what + " is not valid Unicode");
    }
    if (line.indexOf('\n') >= 0 || NoteText.forbiddenControl(line) >= 0) {
      throw new IllegalArgumentException(
          what + " must be one line without control characters: " + VerifierKey.shorten(line));
    }
  }

  private static Optional<Previous> previousIn(List<String> extensions) {
    Previous found = null;
    for (String extension : extensions) {
      if (!extension.startsWith(PREVIOUS_PREFIX)) {
        continue;
      }
      if (found != null) {
        throw new IllegalArgumentException("A checkpoint names at most one previous checkpoint");
      }
      String[] parts = extension.substring(PREVIOUS_PREFIX.length()).split(" ", -1);
      if (parts.length != 2 || !DECIMAL.matcher(parts[0]).matches() || parts[0].equals("0")) {
        throw new IllegalArgumentException(
            "The previous line is not 'previous <size from 1> <base64 SHA-256>': "
                + VerifierKey.shorten(extension));
      }
      long size;
      try {
        size = Long.parseLong(parts[0]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "The previous checkpoint's size " + parts[0] + " is larger than " + Long.MAX_VALUE);
      }
      byte[] hash = NoteText.decodeCanonicalBase64(parts[1], "The previous checkpoint's hash");
      if (hash.length != HASH_LENGTH) {
        throw new IllegalArgumentException(
            "The previous checkpoint's hash has " + hash.length + " bytes, not " + HASH_LENGTH);
      }
      found = new Previous(size, hash);
    }
    return Optional.ofNullable(found);
  }

  private static Optional<Instant> timeIn(List<String> extensions) {
    Instant found = null;
    for (String extension : extensions) {
      if (!extension.startsWith(TIME_PREFIX)) {
        continue;
      }
      if (found != null) {
        throw new IllegalArgumentException("A checkpoint has at most one time line");
      }
      String value = extension.substring(TIME_PREFIX.length());
      if (!TIME.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "The time line is not 'time yyyy-mm-ddThh:mm:ssZ': " + VerifierKey.shorten(extension));
      }
      try {
        found = Instant.parse(value);
      } catch (DateTimeParseException e) {
        found = null;
      }
      // The JDK also reads 24:00:00 and leap second 60, which would give one instant two lines.
      if (found == null || !found.toString().equals(value)) {
        throw new IllegalArgumentException(
            "The time line holds no valid time: " + VerifierKey.shorten(extension));
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The value of a {@code previous} line: the earlier checkpoint's tree size and the SHA-256 of its
   * signed note's exact UTF-8 bytes.
   *
   * @param size the earlier checkpoint's tree size, from 1
   * @param noteHash the 32-byte SHA-256 of the earlier signed note
   */
  public record Previous(long size, byte[] noteHash) {

    public Previous {
      if (size < 1) {
        throw new IllegalArgumentException("A previous checkpoint has a size from 1, not " + size);
      }
      Objects.requireNonNull(noteHash, "noteHash");
      if (noteHash.length != HASH_LENGTH) {
        throw new IllegalArgumentException(
            "A note hash has " + HASH_LENGTH + " bytes, not " + noteHash.length);
      }
      noteHash = noteHash.clone();
    }

    /** The line naming the signed note of the checkpoint of {@code size} entries. */
    public static Previous of(long size, String signedNote) {
      return of(size, NoteText.utf8(signedNote));
    }

    /** The line naming the signed note, given as its bytes, of the checkpoint of {@code size}. */
    public static Previous of(long size, byte[] signedNoteBytes) {
      return new Previous(size, hashOf(signedNoteBytes));
    }

    /**
     * The SHA-256 of a signed note's bytes, as a previous line and an export's manifest name it.
     */
    public static byte[] hashOf(byte[] signedNoteBytes) {
      try {
        return MessageDigest.getInstance("SHA-256").digest(signedNoteBytes);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    /** Whether this names exactly the note with these bytes. */
    public boolean names(byte[] signedNoteBytes) {
      return MessageDigest.isEqual(noteHash, hashOf(signedNoteBytes));
    }

    @Override
    public byte[] noteHash() {
      return noteHash.clone();
    }

    /** The note hash in base64, as the line writes it. */
    public String noteHashBase64() {
      return Base64.getEncoder().encodeToString(noteHash);
    }

    String line() {
      return PREVIOUS_PREFIX + size + " " + noteHashBase64();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Previous that
          && size == that.size
          && Arrays.equals(noteHash, that.noteHash);
    }

    @Override
    public int hashCode() {
      return 31 * Long.hashCode(size) + Arrays.hashCode(noteHash);
    }

    @Override
    public String toString() {
      return "Previous[size=" + size + ", noteHash=" + noteHashBase64() + "]";
    }
  }
}
