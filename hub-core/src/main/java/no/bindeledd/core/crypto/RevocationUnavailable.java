package no.bindeledd.core.crypto;

/**
 * No revocation source gave a usable answer: each responder and distribution point was down,
 * answered an error, or answered something the hub cannot trust. The message says what each did.
 */
public final class RevocationUnavailable extends Exception {

  private static final long serialVersionUID = 1L;

  public RevocationUnavailable(String message) {
    super(message);
  }
}
