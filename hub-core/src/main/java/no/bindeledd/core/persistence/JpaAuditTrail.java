package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKey;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditHead;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditQuery;
import no.bindeledd.core.audit.AuditTrail;

@ApplicationScoped
public class JpaAuditTrail implements AuditTrail {

  private EntityManager em;
  private AtRestCipher atRest;

  protected JpaAuditTrail() {}

  @Inject
  public JpaAuditTrail(EntityManager em, AtRestCipher atRest) {
    this.em = em;
    this.atRest = atRest;
  }

  /** A trail for entries without notes, as benchmarks append; an entry with a note is refused. */
  public JpaAuditTrail(EntityManager em) {
    this(em, null);
  }

  /**
   * Writes what the transaction changed so far before it takes the lock, so that the lock is held
   * for the audit entries and the commit, not also for the writes of every row the transaction made
   * before: every audited transaction of the log waits for it.
   */
  @Override
  public AuditHead lockHead(AuditLogId log) {
    em.flush();
    AuditHead head = em.find(AuditHead.class, log.value(), LockModeType.PESSIMISTIC_WRITE);
    if (head != null) {
      return head;
    }
    // A log's first entry creates its head. Two transactions doing so at once would both insert
    // it; the hub's own head, which always exists, is locked first, so that they take turns and
    // the second finds the head the first created.
    em.find(AuditHead.class, AuditLogId.HUB_VALUE, LockModeType.PESSIMISTIC_WRITE);
    head = em.find(AuditHead.class, log.value(), LockModeType.PESSIMISTIC_WRITE);
    if (head == null) {
      em.persist(new AuditHead(log));
      em.flush();
      // Found again with the lock, so that the persistence context holds it as locked and a second
      // entry in this transaction takes the head as the first left it, not as stored.
      head = em.find(AuditHead.class, log.value(), LockModeType.PESSIMISTIC_WRITE);
    }
    return head;
  }

  @Override
  public AuditHead head(AuditLogId log) {
    AuditHead head = em.find(AuditHead.class, log.value());
    if (head == null) {
      return new AuditHead(log);
    }
    em.refresh(head);
    return head;
  }

  @Override
  public List<AuditLogId> logs() {
    return em.createQuery("select h.log from AuditHead h order by h.log", String.class)
        .getResultStream()
        .map(AuditLogId::new)
        .toList();
  }

  @Override
  public void add(AuditEntry entry) {
    em.persist(entry);
    entry
        .takePendingNote()
        .ifPresent(
            note -> {
              if (atRest == null) {
                throw new IllegalStateException("this trail cannot seal an entry's note");
              }
              // Each note its own data key, so that erasing one destroys nothing else (ADR 0034).
              DataKey key = atRest.newDataKey(entry.recordedAt());
              em.persist(key);
              note.seal(atRest.row(note, key));
              em.persist(note);
            });
  }

  @Override
  public List<Leaf> leavesAfter(AuditLogId log, long afterSeq, int max) {
    return em.createQuery(
            "select e.seq, e.canonicalBytes from AuditEntry e"
                + " where e.log = :log and e.seq > :after order by e.seq",
            Object[].class)
        .setParameter("log", log.value())
        .setParameter("after", afterSeq)
        .setMaxResults(max)
        .getResultStream()
        .map(row -> new Leaf(((Number) row[0]).longValue(), (byte[]) row[1]))
        .toList();
  }

  @Override
  public List<AuditEntry> entriesAfter(AuditLogId log, long afterSeq, int max) {
    return em.createQuery(
            "select e from AuditEntry e where e.log = :log and e.seq > :after order by e.seq",
            AuditEntry.class)
        .setParameter("log", log.value())
        .setParameter("after", afterSeq)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public List<AuditEntry> search(AuditLogId log, AuditQuery query) {
    StringBuilder jpql = new StringBuilder("select e from AuditEntry e where e.log = :log");
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("log", log.value());
    if (query.subjectId() != null) {
      jpql.append(" and e.subjectId = :subject");
      parameters.put("subject", query.subjectId());
    }
    if (query.agency() != null) {
      // The acting agency, or one a message in the entry went from or to: the hub's own delivery
      // entries concern agencies without being made by them.
      jpql.append(
          " and (e.actorAgency = :agency or e.messageId in (select m.id from Message m"
              + " where m.senderAgency = :agency or m.recipientAgency = :agency))");
      parameters.put("agency", query.agency());
    }
    if (query.user() != null) {
      jpql.append(" and e.actorUser = :user");
      parameters.put("user", query.user());
    }
    if (query.action() != null) {
      jpql.append(" and e.action = :action");
      parameters.put("action", query.action());
    }
    if (query.outcome() != null) {
      jpql.append(" and e.outcome = :outcome");
      parameters.put("outcome", query.outcome());
    }
    if (query.from() != null) {
      jpql.append(" and e.recordedAt >= :from");
      parameters.put("from", query.from());
    }
    if (query.until() != null) {
      jpql.append(" and e.recordedAt < :until");
      parameters.put("until", query.until());
    }
    jpql.append(" order by e.seq");
    TypedQuery<AuditEntry> typed = em.createQuery(jpql.toString(), AuditEntry.class);
    parameters.forEach(typed::setParameter);
    return typed
        .setFirstResult(query.page() * query.size())
        .setMaxResults(query.size() + 1)
        .getResultList();
  }

  @Override
  public List<AuditEntry> aboutSubject(String subjectId, int max) {
    return em.createQuery(
            "select e from AuditEntry e where e.subjectId = :id order by e.recordedAt desc, e.seq desc",
            AuditEntry.class)
        .setParameter("id", subjectId)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public Optional<AuditEntry> entry(AuditLogId log, long seq) {
    return Optional.ofNullable(em.find(AuditEntry.class, new AuditEntry.Key(log, seq)));
  }
}
