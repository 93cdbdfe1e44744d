package no.bindeledd.core.exchange;

import no.bindeledd.core.party.Agency;

/**
 * Which agency may know of a message: the one rule behind every list, opening and live update, so
 * that one agency never learns of another's conversations.
 */
final class Visibility {

  private Visibility() {}

  /**
   * The sender always sees its message. The recipient sees it once it arrived, and still (as held
   * or declined, without its content) afterwards; one held before it arrived stays unknown to it.
   * An agency that may never receive the message's category never sees it.
   */
  static boolean isVisible(Agency agency, Message message) {
    if (message.sender().equals(agency.orgNumber())) {
      return true;
    }
    boolean arrived = message.status().isInInbox() || message.deliveredAt().isPresent();
    return message.recipient().equals(agency.orgNumber()) && arrived && mayEverSee(agency, message);
  }

  static boolean mayEverSee(Agency agency, Message message) {
    return !message.category().isHealthData() || agency.kind().mayReceiveHealthData();
  }
}
