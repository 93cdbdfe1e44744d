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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    int keyId = VerifierKey.keyId(keyName, Ed25519Keys.rawPublicKey(publicKey));
    byte[] signature;
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(NoteText.utf8(text));
      signature = signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot sign with the Ed25519 key: " + e.getMessage(), e);
    }
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
    int verified = 0;
    Set<String> sameNameOtherKey = new LinkedHashSet<>();
    List<String> signers = new ArrayList<>();
    for (String line : lines) {
      SignatureLine signature = SignatureLine.parse(line);
      signers.add(signature.name() + "+" + HexFormat.of().toHexDigits(signature.keyId()));
      VerifierKey key = find(keys, signature);
      if (key == null) {
        if (keys.stream().anyMatch(k -> k.name().equals(signature.name()))) {
          sameNameOtherKey.add(signers.get(signers.size() - 1));
        }
        continue;
      }
      requireValid(signature, key, signedBytes);
      verified++;
    }
    if (verified > 0) {
      return text;
    }
    String knownKeys =
        String.join(", ", keys.stream().map(k -> k.name() + "+" + k.keyIdHex()).toList());
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
        "the note is signed only by " + String.join(", ", signers) + ", not by " + knownKeys);
  }

  private static void requireValid(SignatureLine line, VerifierKey key, byte[] text) {
    String who = key.name() + "+" + key.keyIdHex();
    if (!line.canonical()) {
      throw new NoteRejected(
          BAD_SIGNATURE, "the signature by " + who + " is not in canonical base64");
    }
    if (line.signature().length != ED25519_SIGNATURE_LENGTH) {
      throw new NoteRejected(
          BAD_SIGNATURE,
          "the signature by "
              + who
              + " has "
              + line.signature().length
              + " bytes; an Ed25519 signature has "
              + ED25519_SIGNATURE_LENGTH);
    }
    boolean valid;
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key.publicKey());
      verifier.update(text);
      valid = verifier.verify(line.signature());
    } catch (GeneralSecurityException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw new NoteRejected(
          BAD_SIGNATURE, "the signature by " + who + " does not verify: the note was changed");
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
    if (known.isEmpty()) {
      throw new IllegalArgumentException("A note can only be verified with at least one key");
    }
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
