package no.bindeledd.connectors;

import no.bindeledd.core.exchange.Undeliverable;

/**
 * The recipient's system answered, and said no: a rejection that trying again would not change. The
 * message fails at once, with the recipient's words.
 */
public class RecipientRefused extends Undeliverable {

  private static final long serialVersionUID = 1L;

  public RecipientRefused(String message) {
    super(message);
  }
}
