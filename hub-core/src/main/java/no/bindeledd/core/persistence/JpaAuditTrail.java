package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import no.bindeledd.core.audit.AuditEntry;
import no.bindeledd.core.audit.AuditHead;
import no.bindeledd.core.audit.AuditTrail;

@ApplicationScoped
public class JpaAuditTrail implements AuditTrail {

  private static final int HEAD_ROW = 1;

  private EntityManager em;

  protected JpaAuditTrail() {}

  @Inject
  public JpaAuditTrail(EntityManager em) {
    this.em = em;
  }

  @Override
  public AuditHead lockHead() {
    return em.find(AuditHead.class, HEAD_ROW, LockModeType.PESSIMISTIC_WRITE);
  }

  @Override
  public AuditHead head() {
    AuditHead head = em.find(AuditHead.class, HEAD_ROW);
    em.refresh(head);
    return head;
  }

  @Override
  public void add(AuditEntry entry) {
    em.persist(entry);
  }

  @Override
  public List<AuditEntry> entriesAfter(long afterSeq, int max) {
    return em.createQuery(
            "select e from AuditEntry e where e.seq > :after order by e.seq", AuditEntry.class)
        .setParameter("after", afterSeq)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public List<AuditEntry> aboutSubject(String subjectId, int max) {
    return em.createQuery(
            "select e from AuditEntry e where e.subjectId = :id order by e.seq desc",
            AuditEntry.class)
        .setParameter("id", subjectId)
        .setMaxResults(max)
        .getResultList();
  }
}
