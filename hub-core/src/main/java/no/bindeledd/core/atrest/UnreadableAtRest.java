package no.bindeledd.core.atrest;

/**
 * A sealed column that does not open: altered, moved from another row or column, sealed with a data
 * key that is gone, or wrapped by a key-encryption key this hub does not hold. Never a reason to
 * show anything; always a reason to stop and look.
 */
public class UnreadableAtRest extends RuntimeException {

  public UnreadableAtRest(String message) {
    super(message);
  }

  public UnreadableAtRest(String message, Throwable cause) {
    super(message, cause);
  }
}
