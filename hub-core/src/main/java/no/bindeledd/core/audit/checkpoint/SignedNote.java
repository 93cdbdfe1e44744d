package no.bindeledd.core.audit.checkpoint;

import static no.bindeledd.core.audit.checkpoint.NoteRejected.Reason.BAD_SIGNATURE;
import static no.bindeledd.core.audit.checkpoint.NoteRejected.Reason.MALFORMED;
import static no.bindeledd.core.audit.checkpoint.NoteRejected.Reason.NO_SIGNATURE_BY_KEY;
import static no.bindeledd.core.audit.checkpoint.NoteRejected.Reason.UNKNOWN_KEY;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed notes as C2SP signed-note specifies them, with Ed25519 signatures (type {@code 0x01}):
 *
 * <pre>
 * text, ending in a newline
 * (a blank line)
 * — key-name base64(4-byte key ID || 64-byte signature)
 * </pre>
 *
 * The dash is U+2014 EM DASH followed by a space, and the signature covers the UTF-8 bytes of the
 * text including its final newline. Output is byte for byte what {@code
 * golang.org/x/mod/sumdb/note.Sign} writes for the same key, and anything that package's {@code
 * Open} accepts with known keys is accepted here, with two deliberate strictnesses: base64 of a
 * known key's signature must be canonical, and every signature line of a known key is checked, not
 * only the first.
 */
public final class SignedNote {

  /**
   * Notes with more signature lines are refused unread, as Go does; C2SP requires accepting at
   * least 16.
   */
  public static final int MAX_SIGNATURES = 100;

  private static final String SIGNATURE_PREFIX = "\u2014 ";
  private static final String ALGORITHM = "Ed25519";
  private static final int ED25519_SIGNATURE_LENGTH = 64;
  private static final String COSIGNATURE_HEADER = "cosignature/v1";

  private SignedNote() {}

  /**
   * Signs a text with an Ed25519 key under a key name, which for a checkpoint should be the log's
   * origin.
   *
   * @param text the note text: valid Unicode ending in a newline, with no control characters other
   *     than newlines
   * @return the signed note: text, blank line, one signature line
   * @throws IllegalArgumentException if the text or name breaks the format's rules, or the key is
   *     not an Ed25519 key whose public half can be derived
   */
  public static String sign(String text, String keyName, PrivateKey key) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(key, "key");
    VerifierKey.requireValidName(keyName);
    requireValidText(text);
    PublicKey publicKey = Ed25519Keys.publicKeyOf(key);
    int keyId =
        VerifierKey.keyId(keyName, VerifierKey.Type.ED25519, Ed25519Keys.rawPublicKey(publicKey));
    byte[] signature = ed25519(key, NoteText.utf8(text));
    byte[] idAndSignature =
        ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return text
        + "\n"
        + SIGNATURE_PREFIX
        + keyName
        + " "
        + Base64.getEncoder().encodeToString(idAndSignature)
        + "\n";
  }

  /**
   * Checks a signed note with one known key.
   *
   * @return the verified text, with its final newline
   * @throws NoteRejected if the note is malformed, is not signed by the key, or a signature by the
   *     key does not verify
   */
  public static String verify(String note, VerifierKey key) {
    return verify(note, List.of(Objects.requireNonNull(key, "key")));
  }

  /** As {@link #verify(String, VerifierKey)}, for the note's bytes as read from a file. */
  public static String verify(byte[] note, VerifierKey key) {
    return verify(note, List.of(Objects.requireNonNull(key, "key")));
  }

  /**
   * Checks a signed note against several known keys, for instance a log's current and previous
   * keys. Signatures by keys not among them are ignored, as the spec demands; every signature by a
   * known key must verify, and at least one must be there.
   *
   * @return the verified text, with its final newline
   * @throws NoteRejected as for {@link #verify(String, VerifierKey)}
   * @throws IllegalArgumentException if two known keys share both name and key ID
   */
  public static String verify(String note, Collection<VerifierKey> known) {
    Objects.requireNonNull(note, "note");
    if (!NoteText.isWellFormedUtf16(note)) {
      throw new NoteRejected(MALFORMED, "the note is not valid Unicode");
    }
    return verify(note.getBytes(StandardCharsets.UTF_8), known);
  }

  /** As {@link #verify(String, Collection)}, for the note's bytes as read from a file. */
  public static String verify(byte[] note, Collection<VerifierKey> known) {
    Objects.requireNonNull(known, "known");
    if (known.isEmpty()) {
      throw new IllegalArgumentException("A note can only be verified with at least one key");
    }
    List<VerifierKey> keys = distinctKeys(known);
    Opened opened = open(note, keys);
    if (!opened.signatures().isEmpty()) {
      return opened.text();
    }
    String knownKeys =
        String.join(", ", keys.stream().map(k -> k.name() + "+" + k.keyIdHex()).toList());
    List<String> sameNameOtherKey =
        opened.unknownSigners().stream()
            .filter(
                signer -> {
                  String name = signer.substring(0, signer.lastIndexOf('+'));
                  return keys.stream().anyMatch(k -> k.name().equals(name));
                })
            .distinct()
            .toList();
    if (!sameNameOtherKey.isEmpty()) {
      throw new NoteRejected(
          UNKNOWN_KEY,
          "the note is signed by "
              + String.join(", ", sameNameOtherKey)
              + ", a key the verifier does not know; it knows "
              + knownKeys);
    }
    throw new NoteRejected(
        NO_SIGNATURE_BY_KEY,
        "the note is signed only by "
            + String.join(", ", opened.unknownSigners())
            + ", not by "
            + knownKeys);
  }

  /**
   * Reads a signed note and checks every signature by a known key, without requiring that there is
   * one: this is how a log's checkpoint is searched for the cosignatures of the witnesses one
   * knows, where none is a finding and not a forgery. Signatures by other keys are ignored and
   * listed; with no known keys at all, the note is only read.
   *
   * @return the text, the signatures by known keys (all of them verified), and the other signers
   * @throws NoteRejected if the note is malformed or a signature by a known key does not verify
   * @throws IllegalArgumentException if two known keys share both name and key ID
   */
  public static Opened open(byte[] note, Collection<VerifierKey> known) {
    Objects.requireNonNull(note, "note");
    List<VerifierKey> keys = distinctKeys(known);
    String decoded =
        NoteText.decodeUtf8(note)
            .orElseThrow(() -> new NoteRejected(MALFORMED, "the note is not valid UTF-8"));
    int control = NoteText.forbiddenControl(decoded);
    if (control >= 0) {
      throw new NoteRejected(
          MALFORMED,
          "the note holds the control character U+"
              + HexFormat.of().withUpperCase().toHexDigits(decoded.charAt(control))
              + "; only newlines are allowed");
    }
    int split = decoded.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteRejected(MALFORMED, "the note has no blank line before its signatures");
    }
    String text = decoded.substring(0, split + 1);
    String signatureBlock = decoded.substring(split + 2);
    if (signatureBlock.isEmpty()) {
      throw new NoteRejected(MALFORMED, "the note has no signature lines");
    }
    if (!signatureBlock.endsWith("\n")) {
      throw new NoteRejected(MALFORMED, "the last signature line does not end in a newline");
    }
    List<String> lines = List.of(signatureBlock.split("\n", -1));
    lines = lines.subList(0, lines.size() - 1);
    if (lines.size() > MAX_SIGNATURES) {
      throw new NoteRejected(
          MALFORMED,
          "the note has " + lines.size() + " signature lines; at most " + MAX_SIGNATURES);
    }
    byte[] signedBytes = text.getBytes(StandardCharsets.UTF_8);
    List<KnownSignature> verified = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String line : lines) {
      SignatureLine signature = SignatureLine.parse(line);
      VerifierKey key = find(keys, signature);
      if (key == null) {
        others.add(signature.name() + "+" + HexFormat.of().toHexDigits(signature.keyId()));
        continue;
      }
      requireValid(signature, key, signedBytes);
      verified.add(new KnownSignature(key, signature.signature()));
    }
    return new Opened(text, verified, others);
  }

  /**
   * The cosignature line a witness adds to a checkpoint it vouches for, C2SP tlog-cosignature
   * {@code cosignature/v1}: Ed25519 over {@code "cosignature/v1\ntime <seconds>\n"} followed by the
   * checkpoint's text, with the time (whole seconds since 1970) in front of the signature. The key
   * ID is that of the key as {@link VerifierKey.Type#COSIGNATURE_V1}.
   *
   * @param text the checkpoint's note text, ending in a newline
   * @param time when the witness cosigns; after 1970
   * @return {@code — <keyName> base64(key ID || time || signature)} and a newline
   * @throws IllegalArgumentException as for {@link #sign}, or if the time is not after 1970
   */
  public static String cosignatureLine(String text, String keyName, PrivateKey key, Instant time) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(time, "time");
    VerifierKey.requireValidName(keyName);
    requireValidText(text);
    long seconds = time.getEpochSecond();
    if (seconds <= 0) {
      throw new IllegalArgumentException("A cosignature's time is after 1970, not " + time);
    }
    int keyId =
        VerifierKey.keyId(
            keyName,
            VerifierKey.Type.COSIGNATURE_V1,
            Ed25519Keys.rawPublicKey(Ed25519Keys.publicKeyOf(key)));
    byte[] signature = ed25519(key, cosignedMessage(seconds, NoteText.utf8(text)));
    byte[] blob =
        ByteBuffer.allocate(4 + 8 + signature.length)
            .putInt(keyId)
            .putLong(seconds)
            .put(signature)
            .array();
    return SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  /**
   * What {@link #open} found.
   *
   * @param text the note text, with its final newline
   * @param signatures every signature by a known key, each verified, in the note's order
   * @param unknownSigners the other signature lines' {@code name+keyID}, in the note's order
   */
  public record Opened(String text, List<KnownSignature> signatures, List<String> unknownSigners) {

    public Opened {
      Objects.requireNonNull(text, "text");
      signatures = List.copyOf(signatures);
      unknownSigners = List.copyOf(unknownSigners);
    }
  }

  /**
   * A verified signature by a known key.
   *
   * @param key the key that made it
   * @param signature the signature bytes after the key ID: for a cosignature, the 8-byte time and
   *     then the Ed25519 signature
   */
  public record KnownSignature(VerifierKey key, byte[] signature) {

    public KnownSignature {
      Objects.requireNonNull(key, "key");
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    /** The signature line as it stands in the note, ending in a newline. */
    public String line() {
      byte[] blob =
          ByteBuffer.allocate(4 + signature.length).putInt(key.keyId()).put(signature).array();
      return SIGNATURE_PREFIX + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /** When the witness cosigned, for a cosignature; empty for a log's signature. */
    public Optional<Instant> cosignedAt() {
      if (key.type() != VerifierKey.Type.COSIGNATURE_V1) {
        return Optional.empty();
      }
      return Optional.of(Instant.ofEpochSecond(ByteBuffer.wrap(signature, 0, 8).getLong()));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof KnownSignature that
          && key.equals(that.key)
          && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
      return "KnownSignature[key=" + key.name() + "+" + key.keyIdHex() + "]";
    }
  }

  private static void requireValid(SignatureLine line, VerifierKey key, byte[] text) {
    String who = key.name() + "+" + key.keyIdHex();
    if (!line.canonical()) {
      throw new NoteRejected(
          BAD_SIGNATURE, "the signature by " + who + " is not in canonical base64");
    }
    byte[] signature = line.signature();
    byte[] message = text;
    if (key.type() == VerifierKey.Type.COSIGNATURE_V1) {
      if (signature.length != 8 + ED25519_SIGNATURE_LENGTH) {
        throw new NoteRejected(
            BAD_SIGNATURE,
            "the cosignature by "
                + who
                + " has "
                + signature.length
                + " bytes; a cosignature/v1 has 8 bytes of time and a 64-byte signature");
      }
      long seconds = ByteBuffer.wrap(signature, 0, 8).getLong();
      if (seconds <= 0) {
        throw new NoteRejected(
            BAD_SIGNATURE,
            "the cosignature by "
                + who
                + " has no valid time ("
                + Long.toUnsignedString(seconds)
                + "); it must be between 1 and 2^63 - 1 seconds after 1970");
      }
      message = cosignedMessage(seconds, text);
      signature = Arrays.copyOfRange(signature, 8, signature.length);
    } else if (signature.length != ED25519_SIGNATURE_LENGTH) {
      throw new NoteRejected(
          BAD_SIGNATURE,
          "the signature by "
              + who
              + " has "
              + signature.length
              + " bytes; an Ed25519 signature has "
              + ED25519_SIGNATURE_LENGTH);
    }
    boolean valid;
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key.publicKey());
      verifier.update(message);
      valid = verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw new NoteRejected(
          BAD_SIGNATURE,
          (key.type() == VerifierKey.Type.COSIGNATURE_V1
                  ? "the cosignature by "
                  : "the signature by ")
              + who
              + " does not verify: the note was changed");
    }
  }

  /** The message a cosignature/v1 signs: a header line, the time line, then the note text. */
  private static byte[] cosignedMessage(long seconds, byte[] text) {
    byte[] header =
        (COSIGNATURE_HEADER + "\ntime " + seconds + "\n").getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(header.length + text.length).put(header).put(text).array();
  }

  private static byte[] ed25519(PrivateKey key, byte[] message) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot sign with the Ed25519 key: " + e.getMessage(), e);
    }
  }

  private static VerifierKey find(List<VerifierKey> keys, SignatureLine line) {
    for (VerifierKey key : keys) {
      if (key.name().equals(line.name()) && key.keyId() == line.keyId()) {
        return key;
      }
    }
    return null;
  }

  private static List<VerifierKey> distinctKeys(Collection<VerifierKey> known) {
    Objects.requireNonNull(known, "known");
    List<VerifierKey> keys = new ArrayList<>();
    for (VerifierKey key : known) {
      Objects.requireNonNull(key, "known keys must not contain null");
      for (VerifierKey other : keys) {
        if (other.name().equals(key.name()) && other.keyId() == key.keyId()) {
          if (other.equals(key)) {
            continue;
          }
          throw new IllegalArgumentException(
              "Two known keys share the name and key ID " + key.name() + "+" + key.keyIdHex());
        }
      }
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private static void requireValidText(String text) {
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("A note text must end with a newline");
    }
    if (!NoteText.isWellFormedUtf16(text)) {
      throw new IllegalArgumentException("A note text must be valid Unicode");
    }
    if (NoteText.forbiddenControl(text) >= 0) {
      throw new IllegalArgumentException(
          "A note text may hold no control characters other than newlines");
    }
  }

  /** One {@code — name base64} line, read but not yet verified. */
  private record SignatureLine(String name, int keyId, byte[] signature, boolean canonical) {

    static SignatureLine parse(String line) {
      if (!line.startsWith(SIGNATURE_PREFIX)) {
        throw new NoteRejected(
            MALFORMED,
            "a line after the blank line is not a signature ('\u2014 name signature'): "
                + VerifierKey.shorten(line));
      }
      String rest = line.substring(SIGNATURE_PREFIX.length());
      int space = rest.indexOf(' ');
      if (space < 0) {
        throw new NoteRejected(
            MALFORMED, "a signature line has no signature: " + VerifierKey.shorten(line));
      }
      String name = rest.substring(0, space);
      String base64 = rest.substring(space + 1);
      if (!VerifierKey.isValidName(name)) {
        throw new NoteRejected(
            MALFORMED, "a signature line has an invalid key name: " + VerifierKey.shorten(line));
      }
      byte[] decoded;
      try {
        decoded = base64.length() % 4 == 0 ? Base64.getDecoder().decode(base64) : null;
      } catch (IllegalArgumentException e) {
        decoded = null;
      }
      if (decoded == null || decoded.length < 5) {
        throw new NoteRejected(
            MALFORMED,
            "the signature of "
                + VerifierKey.shorten(name)
                + " is not base64 of a key ID and a signature");
      }
      boolean canonical = Base64.getEncoder().encodeToString(decoded).equals(base64);
      int keyId = ByteBuffer.wrap(decoded, 0, 4).getInt();
      return new SignatureLine(
          name, keyId, Arrays.copyOfRange(decoded, 4, decoded.length), canonical);
    }
  }
}
