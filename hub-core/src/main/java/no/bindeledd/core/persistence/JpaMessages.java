package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.Messages;
import no.bindeledd.core.exchange.OutboxEntry;
import no.bindeledd.core.party.OrganisationNumber;

@ApplicationScoped
public class JpaMessages implements Messages {

  private EntityManager em;

  protected JpaMessages() {}

  @Inject
  public JpaMessages(EntityManager em) {
    this.em = em;
  }

  @Override
  public Optional<Message> find(String id) {
    return Optional.ofNullable(em.find(Message.class, id));
  }

  @Override
  public void add(Message message) {
    em.persist(message);
  }

  @Override
  public void enqueue(OutboxEntry entry) {
    em.persist(entry);
  }

  @Override
  public List<OutboxEntry> claimable(Instant now, int max) {
    return em.createQuery(
            "select o from OutboxEntry o where o.claimedUntil is null or o.claimedUntil < :now"
                + " order by o.createdAt",
            OutboxEntry.class)
        .setParameter("now", new InstantConverter().convertToDatabaseColumn(now))
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .setHint("jakarta.persistence.lock.timeout", 0)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public void dequeue(String messageId) {
    OutboxEntry entry = em.find(OutboxEntry.class, messageId);
    if (entry != null) {
      em.remove(entry);
    }
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
}
