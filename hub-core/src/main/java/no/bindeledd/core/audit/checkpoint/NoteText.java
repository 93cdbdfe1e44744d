package no.bindeledd.core.audit.checkpoint;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/** The character rules signed notes share: UTF-8, no control characters but the newline. */
final class NoteText {

  private NoteText() {}

  /** UTF-8 bytes of the text; a lone surrogate has no UTF-8 form and is refused. */
  static byte[] utf8(String text) {
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      return Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("The text is not valid Unicode (a lone surrogate)");
    }
  }

  /** The text of strictly valid UTF-8 bytes, or empty for anything else. */
  static Optional<String> decodeUtf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  static boolean isWellFormedUtf16(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Index of the first control character other than the newline, or -1. */
  static int forbiddenControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Standard base64 with padding, in its one canonical spelling: padding bits must be zero, so that
   * no two strings decode to the same bytes.
   *
   * @throws IllegalArgumentException naming {@code what} if the text is not canonical base64
   */
  static byte[] decodeCanonicalBase64(String text, String what) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not base64: " + VerifierKey.shorten(text));
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new IllegalArgumentException(
          what + " is not canonical padded base64: " + VerifierKey.shorten(text));
    }
    return decoded;
  }
}
