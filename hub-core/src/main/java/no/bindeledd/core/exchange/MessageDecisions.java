package no.bindeledd.core.exchange;

import java.time.Instant;
import no.bindeledd.core.consent.ConsentDecision;
import no.bindeledd.core.consent.ConsentDecisions;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;

/**
 * Which flow a stored message is decided on. A request relies on the consent for the answer it asks
 * for (from the asked agency back to the asking one); anything else on its own flow.
 */
final class MessageDecisions {

  private MessageDecisions() {}

  static ConsentDecision decide(
      ConsentDecisions decisions, Agencies agencies, Message message, Instant now) {
    Agency recipient = agencies.get(message.recipient());
    if (message.kind() == MessageKind.REQUEST) {
      Agency sender = agencies.get(message.sender());
      return decisions.decideRequest(message.answerFlow(), sender.kind(), recipient.kind(), now);
    }
    return decisions.decide(message.flow(), recipient.kind(), now);
  }
}
