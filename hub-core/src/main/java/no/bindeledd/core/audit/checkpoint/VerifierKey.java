package no.bindeledd.core.audit.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The public half of a note signing key, in the text form C2SP signed-note tooling exchanges:
 * {@code <name>+<key ID as 8 hex digits>+<base64(type || 32-byte Ed25519 public key)>}, for example
 * {@code PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW}. This is what the hub
 * publishes and what an auditor configures; {@code golang.org/x/mod/sumdb/note.NewVerifier} reads
 * the same text.
 *
 * <p>Two signature types are known, both Ed25519 ({@link Type}): a log's own signature (type {@code
 * 0x01}), which the hub signs its checkpoints with, and a witness's timestamped cosignature of a
 * checkpoint (type {@code 0x04}, C2SP tlog-cosignature {@code cosignature/v1}). The type is part of
 * the key: the same public key under the other type has another key ID and verifies other
 * signatures.
 *
 * <p>The key ID is the first four bytes of SHA-256(name || 0x0A || type || public key), read big
 * endian. Go calls it the key hash.
 */
public final class VerifierKey {

  /** The signature types of C2SP signed-note this package signs and verifies. */
  public enum Type {
    /** Ed25519 over the note text: a log's signature on its checkpoints. */
    ED25519((byte) 0x01, "Ed25519"),
    /**
     * A witness's timestamped Ed25519 cosignature of a checkpoint, C2SP tlog-cosignature {@code
     * cosignature/v1}.
     */
    COSIGNATURE_V1((byte) 0x04, "Ed25519 cosignature/v1");

    private final byte id;
    private final String description;

    Type(byte id, String description) {
      this.id = id;
      this.description = description;
    }

    /** The type byte of signed-note's list of signature types. */
    public byte id() {
      return id;
    }

    static Type of(byte id) {
      for (Type type : values()) {
        if (type.id == id) {
          return type;
        }
      }
      throw new IllegalArgumentException(
          "The verifier key is of signature type 0x"
              + HexFormat.of().toHexDigits(id)
              + "; only Ed25519 (0x01) and Ed25519 cosignature/v1 (0x04) are supported");
    }

    @Override
    public String toString() {
      return description + " (0x" + HexFormat.of().toHexDigits(id) + ")";
    }
  }

  private final String name;
  private final Type type;
  private final int keyId;
  private final byte[] rawPublicKey;
  private final PublicKey publicKey;

  private VerifierKey(String name, Type type, byte[] rawPublicKey) {
    this.name = name;
    this.type = type;
    this.rawPublicKey = rawPublicKey;
    this.keyId = keyId(name, type, rawPublicKey);
    this.publicKey = Ed25519Keys.publicKey(rawPublicKey);
  }

  /**
   * The verifier key for an Ed25519 public key under a name, for signatures of type 0x01.
   *
   * @throws IllegalArgumentException if the name is not a valid key name or the key is not Ed25519
   */
  public static VerifierKey of(String name, PublicKey key) {
    return of(name, Type.ED25519, key);
  }

  /**
   * The verifier key for an Ed25519 public key under a name, for signatures of the given type.
   *
   * @throws IllegalArgumentException if the name is not a valid key name or the key is not Ed25519
   */
  public static VerifierKey of(String name, Type type, PublicKey key) {
    requireValidName(name);
    return new VerifierKey(
        name, Objects.requireNonNull(type, "type"), Ed25519Keys.rawPublicKey(key));
  }

  /**
   * Reads the text form. Everything is checked: the name, that the ID is eight hex digits and
   * matches the key, the algorithm byte and the key length.
   *
   * @throws IllegalArgumentException with the reason if the text is not a usable verifier key
   */
  public static VerifierKey parse(String text) {
    Objects.requireNonNull(text, "text");
    int firstPlus = text.indexOf('+');
    int secondPlus = firstPlus < 0 ? -1 : text.indexOf('+', firstPlus + 1);
    if (secondPlus < 0) {
      throw new IllegalArgumentException(
          "A verifier key has the form <name>+<key ID>+<key>, not: " + shorten(text));
    }
    String name = text.substring(0, firstPlus);
    String id = text.substring(firstPlus + 1, secondPlus);
    String key = text.substring(secondPlus + 1);
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "The verifier key name must be non-empty, without spaces or '+': " + shorten(name));
    }
    if (id.length() != 8 || !id.chars().allMatch(VerifierKey::isHexDigit)) {
      throw new IllegalArgumentException(
          "The key ID of a verifier key is eight hex digits, not " + shorten(id));
    }
    byte[] decoded = NoteText.decodeCanonicalBase64(key, "The verifier key");
    if (decoded.length == 0) {
      throw new IllegalArgumentException("The verifier key holds no key");
    }
    Type type = Type.of(decoded[0]);
    if (decoded.length != 1 + Ed25519Keys.KEY_LENGTH) {
      throw new IllegalArgumentException(
          "An Ed25519 verifier key holds 32 key bytes, not " + (decoded.length - 1));
    }
    VerifierKey parsed =
        new VerifierKey(name, type, Arrays.copyOfRange(decoded, 1, decoded.length));
    if (parsed.keyId != HexFormat.fromHexDigits(id)) {
      throw new IllegalArgumentException(
          "The key ID "
              + id
              + " does not belong to the key and name; they give "
              + parsed.keyIdHex());
    }
    return parsed;
  }

  public String name() {
    return name;
  }

  /** Which signatures the key verifies: a log's, or a witness's cosignatures. */
  public Type type() {
    return type;
  }

  /** The key ID (Go: key hash), as the big-endian number the signature lines carry. */
  public int keyId() {
    return keyId;
  }

  /** The key ID as eight lowercase hex digits. */
  public String keyIdHex() {
    return HexFormat.of().toHexDigits(keyId);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The 32 bytes of the Ed25519 public key. */
  public byte[] rawPublicKey() {
    return rawPublicKey.clone();
  }

  /** The text form, {@code <name>+<key ID>+<base64 key>}. */
  public String encoded() {
    byte[] typed = new byte[1 + rawPublicKey.length];
    typed[0] = type.id();
    System.arraycopy(rawPublicKey, 0, typed, 1, rawPublicKey.length);
    return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerifierKey that
        && name.equals(that.name)
        && type == that.type
        && Arrays.equals(rawPublicKey, that.rawPublicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(rawPublicKey));
  }

  /** The text form: a verifier key is public. */
  @Override
  public String toString() {
    return encoded();
  }

  /** SHA-256(name || 0x0A || type || public key), first four bytes, big endian. */
  static int keyId(String name, Type type, byte[] rawPublicKey) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(name.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      sha256.update(type.id());
      sha256.update(rawPublicKey);
      return ByteBuffer.wrap(sha256.digest()).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java runtime has no SHA-256", e);
    }
  }

  /**
   * Key names must be non-empty and hold neither Unicode spaces nor '+'. Control characters are
   * refused too, since a signed note may hold none but the newline.
   */
  static boolean isValidName(String name) {
    if (name == null || name.isEmpty() || !NoteText.isWellFormedUtf16(name)) {
      return false;
    }
    return name.codePoints().noneMatch(c -> c == '+' || c < 0x20 || isUnicodeSpace(c));
  }

  static void requireValidName(String name) {
    Objects.requireNonNull(name, "name");
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "A key name must be non-empty, without spaces, '+' or control characters: "
              + shorten(name));
    }
  }

  /** Unicode White_Space, as Go's unicode.IsSpace sees it. */
  private static boolean isUnicodeSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static String shorten(String text) {
    String visible = text.replaceAll("\\p{Cntrl}", "?");
    return visible.length() <= 80 ? "'" + visible + "'" : "'" + visible.substring(0, 80) + "...'";
  }
}
