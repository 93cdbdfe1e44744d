package no.bindeledd.core.crypto;

/** Finds content and signature bytes inside an encoded message, for tampering with them. */
final class TestBytes {

  private TestBytes() {}

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
