package no.bindeledd.core.exchange;

/**
 * Where a message is on its way. HELD means the hub kept it back because no consent covered it when
 * it was to be shown: it is never delivered unless a new decision allows it. DECLINED is a request
 * that reached its recipient, who declined to answer it: a decline in its conversation says why,
 * and no answer can follow.
 */
public enum DeliveryStatus {
  CREATED,
  SENT,
  DELIVERED,
  READ,
  FAILED,
  EXPIRED,
  HELD,
  DECLINED;

  /** Whether the recipient may see the message and act on it. */
  public boolean isInInbox() {
    return this == DELIVERED || this == READ;
  }

  /**
   * Whether its sender should look at a message that ended this way: it did not get through, or its
   * recipient declined it.
   */
  public boolean needsSenderAttention() {
    return this == HELD || this == FAILED || this == EXPIRED || this == DECLINED;
  }
}
