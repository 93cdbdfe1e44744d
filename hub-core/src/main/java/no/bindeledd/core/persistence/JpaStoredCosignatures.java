package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.OptionalLong;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.StoredCosignature;
import no.bindeledd.core.audit.StoredCosignatures;

@ApplicationScoped
public class JpaStoredCosignatures implements StoredCosignatures {

  private EntityManager em;

  protected JpaStoredCosignatures() {}

  @Inject
  public JpaStoredCosignatures(EntityManager em) {
    this.em = em;
  }

  @Override
  public void add(StoredCosignature cosignature) {
    em.persist(cosignature);
  }

  @Override
  public OptionalLong latestSize(AuditLogId log, String witness) {
    Long size =
        em.createQuery(
                "select max(c.treeSize) from StoredCosignature c"
                    + " where c.log = :log and c.witness = :witness",
                Long.class)
            .setParameter("log", log.value())
            .setParameter("witness", witness)
            .getSingleResult();
    return size == null ? OptionalLong.empty() : OptionalLong.of(size);
  }

  @Override
  public List<StoredCosignature> of(AuditLogId log, long treeSize) {
    return em.createQuery(
            "select c from StoredCosignature c"
                + " where c.log = :log and c.treeSize = :size order by c.witness",
            StoredCosignature.class)
        .setParameter("log", log.value())
        .setParameter("size", treeSize)
        .getResultList();
  }
}
