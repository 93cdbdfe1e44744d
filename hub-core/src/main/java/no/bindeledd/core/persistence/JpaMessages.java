package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKey;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.exchange.DeliveryRoom;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.exchange.Messages;
import no.bindeledd.core.exchange.OutboxEntry;
import no.bindeledd.core.party.OrganisationNumber;

@ApplicationScoped
public class JpaMessages implements Messages {

  /** EclipseLink's hint to refresh loaded entities from the rows a query returns. */
  private static final String REFRESH_HINT = "eclipselink.refresh";

  private EntityManager em;
  private AtRestCipher atRest;

  protected JpaMessages() {}

  @Inject
  public JpaMessages(EntityManager em, AtRestCipher atRest) {
    this.em = em;
    this.atRest = atRest;
  }

  @Override
  public Optional<Message> find(String id) {
    return Optional.ofNullable(em.find(Message.class, id));
  }

  @Override
  public void add(Message message) {
    DataKey key = atRest.newDataKey(message.createdAt());
    em.persist(key);
    message.seal(atRest.row(message, key));
    em.persist(message);
  }

  @Override
  public void enqueue(OutboxEntry entry) {
    em.persist(entry);
  }

  /**
   * Claims by a conditional update per candidate, rather than a locking select: it is portable
   * across H2 and PostgreSQL, and when two nodes race for an entry exactly one update matches. The
   * query offers only the oldest entry of each conversation to a recipient, so two workers never
   * hold two messages of one conversation at once.
   */
  @Override
  public List<OutboxEntry> claim(Instant now, Instant until, int max, DeliveryRoom room) {
    Set<String> full = room.full();
    TypedQuery<OutboxEntry> query =
        em.createQuery(
                "select o from OutboxEntry o where (o.claimedUntil is null or o.claimedUntil < :now)"
                    + " and (o.nextAttemptAt is null or o.nextAttemptAt <= :now)"
                    + (full.isEmpty() ? "" : " and o.recipientAgency not in :full")
                    + " and not exists (select e from OutboxEntry e"
                    + " where e.recipientAgency = o.recipientAgency"
                    + " and e.conversationId = o.conversationId"
                    + " and (e.createdAt < o.createdAt"
                    + " or (e.createdAt = o.createdAt and e.messageId < o.messageId)))"
                    + " order by o.createdAt, o.messageId",
                OutboxEntry.class)
            .setParameter("now", now)
            .setMaxResults(max);
    if (!full.isEmpty()) {
      query.setParameter("full", full);
    }
    List<OutboxEntry> claimed = new ArrayList<>();
    Map<String, Integer> takenPerAgency = new HashMap<>();
    for (OutboxEntry candidate : query.getResultList()) {
      int taken = takenPerAgency.getOrDefault(candidate.recipientAgency(), 0);
      if (taken >= room.roomFor(candidate.recipientAgency())) {
        continue;
      }
      int updated =
          em.createQuery(
                  "update OutboxEntry o set o.claimedUntil = :until, o.attempts = o.attempts + 1"
                      + " where o.messageId = :id"
                      + " and (o.claimedUntil is null or o.claimedUntil < :now)"
                      + " and (o.nextAttemptAt is null or o.nextAttemptAt <= :now)")
              .setParameter("until", until)
              .setParameter("id", candidate.messageId())
              .setParameter("now", now)
              .executeUpdate();
      if (updated == 1) {
        claimed.add(candidate);
        takenPerAgency.put(candidate.recipientAgency(), taken + 1);
      }
    }
    return claimed;
  }

  @Override
  public void dequeue(String messageId) {
    OutboxEntry entry = em.find(OutboxEntry.class, messageId);
    if (entry != null) {
      em.remove(entry);
    }
  }

  @Override
  public Optional<OutboxEntry> outboxEntry(String messageId) {
    // Read from the database, not from what this session loaded before: claims are conditional
    // bulk updates that bypass loaded entities, and delivery may have removed the row since. A
    // refresh of a removed row would throw and doom the transaction; a query finds nothing.
    return em.createQuery("select o from OutboxEntry o where o.messageId = :id", OutboxEntry.class)
        .setParameter("id", messageId)
        .setHint(REFRESH_HINT, Boolean.TRUE)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Message> undeliveredBefore(MessageKind kind, Instant cutoff, int max) {
    return em.createQuery(
            "select m from Message m where m.kind = :kind and m.status in :statuses"
                + " and m.createdAt < :cutoff order by m.createdAt",
            Message.class)
        .setParameter("kind", kind)
        .setParameter("statuses", List.of(DeliveryStatus.CREATED, DeliveryStatus.SENT))
        .setParameter("cutoff", cutoff)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public List<Message> to(OrganisationNumber agency, List<DeliveryStatus> statuses, int max) {
    return em.createQuery(
            "select m from Message m where m.recipientAgency = :agency and m.status in :statuses"
                + " order by m.createdAt desc",
            Message.class)
        .setParameter("agency", agency.value())
        .setParameter("statuses", statuses)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public List<Message> from(OrganisationNumber agency, int max) {
    return em.createQuery(
            "select m from Message m where m.senderAgency = :agency order by m.createdAt desc",
            Message.class)
        .setParameter("agency", agency.value())
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public List<Message> inConversation(String conversationId) {
    return em.createQuery(
            "select m from Message m where m.conversationId = :id order by m.createdAt",
            Message.class)
        .setParameter("id", conversationId)
        .getResultList();
  }

  @Override
  public List<Message> aboutSubject(String subjectId, int max) {
    return em.createQuery(
            "select m from Message m where m.subjectId = :subject order by m.createdAt, m.id",
            Message.class)
        .setParameter("subject", subjectId)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public List<Message> settledUnerasedBefore(Instant cutoff, int max) {
    return em.createQuery(
            "select m from Message m where m.erasedAt is null and m.statusChangedAt < :cutoff"
                + " and m.status not in :underway order by m.statusChangedAt, m.id",
            Message.class)
        .setParameter("cutoff", cutoff)
        .setParameter("underway", List.of(DeliveryStatus.CREATED, DeliveryStatus.SENT))
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public long countTo(
      OrganisationNumber agency, DeliveryStatus status, Set<DataCategory> categories) {
    if (categories.isEmpty()) {
      return 0;
    }
    return em.createQuery(
            "select count(m) from Message m where m.recipientAgency = :agency"
                + " and m.status = :status and m.category in :categories",
            Long.class)
        .setParameter("agency", agency.value())
        .setParameter("status", status)
        .setParameter("categories", List.copyOf(categories))
        .getSingleResult();
  }

  @Override
  public long countUnseenBySender(OrganisationNumber agency, Set<DeliveryStatus> statuses) {
    if (statuses.isEmpty()) {
      return 0;
    }
    return em.createQuery(
            "select count(m) from Message m where m.senderAgency = :agency"
                + " and m.status in :statuses"
                + " and (m.senderSeenAt is null or m.senderSeenAt < m.statusChangedAt)",
            Long.class)
        .setParameter("agency", agency.value())
        .setParameter("statuses", List.copyOf(statuses))
        .getSingleResult();
  }
}
