package no.bindeledd.core.exchange;

/** A request opens a conversation, an answer replies to it, a notice tells an agency something. */
public enum MessageKind {
  REQUEST,
  ANSWER,
  NOTICE
}
