package no.bindeledd.core.exchange;

/**
 * A request opens a conversation and an answer replies to it. A plan is sent on its own: the
 * participant's plan, shared with the agency that follows the participant up.
 */
public enum MessageKind {
  REQUEST,
  ANSWER,
  PLAN
}
