package no.bindeledd.core.exchange;

/** A request opens a conversation; an answer replies to it. */
public enum MessageKind {
  REQUEST,
  ANSWER
}
