package no.bindeledd.core;

/**
 * Input that breaks a domain rule: a malformed identity number, an unknown category, a period that
 * ends before it starts. The API turns it into a 400 problem detail.
 */
public class InvalidInput extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidInput(String message) {
    super(message);
  }
}
