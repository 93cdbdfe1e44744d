package no.bindeledd.connectors;

/**
 * The recipient's system answered, and said no: a rejection that trying again would not change. The
 * message fails at once, with the recipient's words; anything else is retried.
 */
public class RecipientRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RecipientRefused(String message) {
    super(message);
  }
}
