package no.bindeledd.core.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.party.OrganisationNumber;

/** The stored messages and the outbox of those not yet delivered. */
public interface Messages {

  Optional<Message> find(String id);

  void add(Message message);

  void enqueue(OutboxEntry entry);

  /**
   * Claims up to {@code max} outbox entries whose claim has run out (or that were never claimed)
   * and whose next attempt is due, oldest first, until {@code until}. An entry is claimed by one
   * caller only, across nodes.
   *
   * <p>Only the oldest entry of a conversation to a recipient is ever a candidate: a later one
   * waits until that one has left the outbox, so a conversation arrives in order however many
   * workers deliver. No more of an agency's entries are claimed than {@code room} has for it.
   */
  List<OutboxEntry> claim(Instant now, Instant until, int max, DeliveryRoom room);

  /** A claim with room for every agency. */
  default List<OutboxEntry> claim(Instant now, Instant until, int max) {
    return claim(now, until, max, DeliveryRoom.UNBOUNDED);
  }

  void dequeue(String messageId);

  Optional<OutboxEntry> outboxEntry(String messageId);

  /**
   * Messages of one kind still on their way (created or sent) that were created before {@code
   * cutoff}, oldest first.
   */
  List<Message> undeliveredBefore(MessageKind kind, Instant cutoff, int max);

  /** Messages to the agency in one of the given statuses, newest first. */
  List<Message> to(OrganisationNumber agency, List<DeliveryStatus> statuses, int max);

  /** Messages from the agency, newest first. */
  List<Message> from(OrganisationNumber agency, int max);

  List<Message> inConversation(String conversationId);

  /** Messages about one person, oldest first, at most {@code max}. */
  List<Message> aboutSubject(String subjectId, int max);

  /**
   * Messages not yet erased that settled (see {@link Message#isSettled()}) before {@code cutoff},
   * oldest first.
   */
  List<Message> settledUnerasedBefore(Instant cutoff, int max);

  /** How many messages to the agency are in {@code status} and in one of {@code categories}. */
  long countTo(OrganisationNumber agency, DeliveryStatus status, Set<DataCategory> categories);

  /**
   * How many messages from the agency ended in one of {@code statuses} after its sender last marked
   * them seen (or never were).
   */
  long countUnseenBySender(OrganisationNumber agency, Set<DeliveryStatus> statuses);

  default Message get(String id) {
    return find(id).orElseThrow(() -> new NotFound("message", id));
  }
}
