package no.bindeledd.core.exchange;

/**
 * Where a message is on its way. HELD means the hub kept it back because no consent covered it when
 * it was to be shown: it is never delivered unless a new decision allows it.
 */
public enum DeliveryStatus {
  CREATED,
  SENT,
  DELIVERED,
  READ,
  FAILED,
  EXPIRED,
  HELD;

  /** Whether the recipient may see the message. */
  public boolean isInInbox() {
    return this == DELIVERED || this == READ;
  }
}
