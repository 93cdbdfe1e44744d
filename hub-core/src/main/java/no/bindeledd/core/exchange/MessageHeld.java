package no.bindeledd.core.exchange;

/**
 * The message exists but is held back from its recipient, because no consent covers it any longer.
 * The sender sees the reason in the message's status.
 */
public class MessageHeld extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MessageHeld(String messageId, String reason) {
    super("message " + messageId + " is held: " + reason);
  }
}
