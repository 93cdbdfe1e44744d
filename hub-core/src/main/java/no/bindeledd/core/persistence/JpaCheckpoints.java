package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.Checkpoints;
import no.bindeledd.core.audit.StoredCheckpoint;

@ApplicationScoped
public class JpaCheckpoints implements Checkpoints {

  private EntityManager em;

  protected JpaCheckpoints() {}

  @Inject
  public JpaCheckpoints(EntityManager em) {
    this.em = em;
  }

  @Override
  public void add(StoredCheckpoint checkpoint) {
    em.persist(checkpoint);
  }

  @Override
  public Optional<StoredCheckpoint> latest(AuditLogId log) {
    return em.createQuery(
            "select c from StoredCheckpoint c where c.log = :log order by c.treeSize desc",
            StoredCheckpoint.class)
        .setParameter("log", log.value())
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<StoredCheckpoint> atSize(AuditLogId log, long treeSize) {
    return Optional.ofNullable(
        em.find(StoredCheckpoint.class, new StoredCheckpoint.Key(log, treeSize)));
  }

  @Override
  public List<StoredCheckpoint> untimestamped(int max) {
    return em.createQuery(
            "select c from StoredCheckpoint c where c.timestampToken is null"
                + " order by c.madeAt, c.log, c.treeSize",
            StoredCheckpoint.class)
        .setMaxResults(max)
        .getResultList();
  }

  @Override
  public List<StoredCheckpoint> after(AuditLogId log, long afterSize, int max) {
    return em.createQuery(
            "select c from StoredCheckpoint c"
                + " where c.log = :log and c.treeSize > :after order by c.treeSize",
            StoredCheckpoint.class)
        .setParameter("log", log.value())
        .setParameter("after", afterSize)
        .setMaxResults(max)
        .getResultList();
  }
}
