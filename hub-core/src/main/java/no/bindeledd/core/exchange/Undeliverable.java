package no.bindeledd.core.exchange;

/**
 * A message that no later attempt could deliver: its content cannot be put into the recipient's
 * format (a name with a character XML cannot carry, a kind of message the recipient's system does
 * not take), or the recipient answered and refused it. Waiting heals neither, so the message fails
 * at once with this reason ({@link Delivery#markFailed}) and its sender sees why; anything else a
 * delivery throws is taken as a failure that may pass, and is tried again later.
 */
public class Undeliverable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@code reason} is what the sender reads in the message's status. */
  public Undeliverable(String reason) {
    super(reason);
  }

  public Undeliverable(String reason, Throwable cause) {
    super(reason, cause);
  }
}
