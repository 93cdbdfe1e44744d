package no.bindeledd.core.exchange;

import java.util.LinkedHashSet;
import java.util.Set;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * A message was stored, or its status or its sender's view of it changed. The core fires it in the
 * transaction that made the change; observers act on it once that transaction committed, and tell
 * only the agencies in {@link #audience()}. It names the message and its status, never its person,
 * category or content.
 *
 * @param recipientMayKnow whether the recipient may know of the message as it stands: it arrived,
 *     and its category is one the recipient may ever see
 */
public record MessageChange(
    String messageId,
    String conversationId,
    MessageKind kind,
    DeliveryStatus status,
    OrganisationNumber sender,
    OrganisationNumber recipient,
    boolean recipientMayKnow) {

  /** The agencies that may learn of this change: the sender, and the recipient if it may know. */
  public Set<OrganisationNumber> audience() {
    Set<OrganisationNumber> audience = new LinkedHashSet<>();
    audience.add(sender);
    if (recipientMayKnow) {
      audience.add(recipient);
    }
    return Set.copyOf(audience);
  }
}
