package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.OptionalLong;
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
  public OptionalLong latestSize(String witness) {
    Long size =
        em.createQuery(
                "select max(c.treeSize) from StoredCosignature c where c.witness = :witness",
                Long.class)
            .setParameter("witness", witness)
            .getSingleResult();
    return size == null ? OptionalLong.empty() : OptionalLong.of(size);
  }

  @Override
  public List<StoredCosignature> of(long treeSize) {
    return em.createQuery(
            "select c from StoredCosignature c where c.treeSize = :size order by c.witness",
            StoredCosignature.class)
        .setParameter("size", treeSize)
        .getResultList();
  }
}
