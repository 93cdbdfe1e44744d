package no.bindeledd.core.exchange;

/** What a recipient's system said of a message it received, in the terms of an AppRec. */
public enum ReceiptStatus {
  OK,
  OK_WITH_ERRORS,
  REJECTED
}
