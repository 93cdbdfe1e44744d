package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.operations.HubFigures;

@ApplicationScoped
public class JpaHubFigures implements HubFigures {

  private EntityManager em;

  protected JpaHubFigures() {}

  @Inject
  public JpaHubFigures(EntityManager em) {
    this.em = em;
  }

  @Override
  public List<MessageCount> messages() {
    return em.createQuery(
            "select m.recipientAgency, m.status, count(m) from Message m"
                + " group by m.recipientAgency, m.status",
            Object[].class)
        .getResultStream()
        .map(
            row ->
                new MessageCount(
                    (String) row[0], (DeliveryStatus) row[1], ((Number) row[2]).longValue()))
        .toList();
  }

  @Override
  public List<AuditCount> auditEntries() {
    return em.createQuery(
            "select e.action, e.outcome, count(e) from AuditEntry e group by e.action, e.outcome",
            Object[].class)
        .getResultStream()
        .map(row -> new AuditCount((String) row[0], (String) row[1], ((Number) row[2]).longValue()))
        .toList();
  }

  @Override
  public List<OutboxCount> outbox() {
    return em.createQuery(
            "select o.recipientAgency, count(o),"
                + " sum(case when o.lastError is not null then 1 else 0 end), max(o.attempts)"
                + " from OutboxEntry o group by o.recipientAgency",
            Object[].class)
        .getResultStream()
        .map(
            row ->
                new OutboxCount(
                    (String) row[0],
                    ((Number) row[1]).longValue(),
                    row[2] == null ? 0 : ((Number) row[2]).longValue(),
                    row[3] == null ? 0 : ((Number) row[3]).intValue()))
        .toList();
  }

  @Override
  public Optional<String> lastDeliveryError(String recipientAgency) {
    return em.createQuery(
            "select o.lastError from OutboxEntry o"
                + " where o.recipientAgency = :agency and o.lastError is not null"
                + " order by o.attempts desc, o.createdAt desc",
            String.class)
        .setParameter("agency", recipientAgency)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<AuditLogFigures> auditLogs() {
    Map<String, SignedCheckpoint> latest = new HashMap<>();
    // A log's checkpoints grow with time, so its largest is also its newest.
    em.createQuery(
            "select c.log, c.treeSize, c.madeAt from StoredCheckpoint c"
                + " where c.treeSize = (select max(d.treeSize) from StoredCheckpoint d"
                + " where d.log = c.log)",
            Object[].class)
        .getResultStream()
        .forEach(
            row ->
                latest.put(
                    (String) row[0],
                    new SignedCheckpoint(((Number) row[1]).longValue(), (Instant) row[2])));
    return em.createQuery(
            "select h.log, h.lastSeq from AuditHead h where h.lastSeq > 0 order by h.log",
            Object[].class)
        .getResultStream()
        .map(
            row ->
                new AuditLogFigures(
                    (String) row[0],
                    ((Number) row[1]).longValue(),
                    Optional.ofNullable(latest.get((String) row[0]))))
        .toList();
  }

  @Override
  public long untimestampedCheckpoints() {
    return em.createQuery(
            "select count(c) from StoredCheckpoint c where c.timestampToken is null", Long.class)
        .getSingleResult();
  }
}
