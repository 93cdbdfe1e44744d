package no.bindeledd.core.exchange;

/**
 * A request opens a conversation and an answer replies to it. A decline replies to a request too:
 * its recipient will not answer it, and its body says why. A plan is sent on its own: the
 * participant's plan, shared with the agency that follows the participant up.
 */
public enum MessageKind {
  REQUEST,
  ANSWER,
  PLAN,
  DECLINE;

  /** Whether it replies to a request: an answer or a decline. */
  public boolean isReply() {
    return this == ANSWER || this == DECLINE;
  }
}
