package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import no.bindeledd.core.node.SharedChange;
import no.bindeledd.core.node.SharedChanges;

@ApplicationScoped
public class JpaSharedChanges implements SharedChanges {

  private EntityManager em;

  protected JpaSharedChanges() {}

  @Inject
  public JpaSharedChanges(EntityManager em) {
    this.em = em;
  }

  @Override
  public void add(SharedChange change) {
    em.persist(change);
  }

  @Override
  public List<SharedChange> after(long id, Collection<Long> missing, int max) {
    String query =
        missing.isEmpty()
            ? "select c from SharedChange c where c.id > :id order by c.id"
            : "select c from SharedChange c where c.id > :id or c.id in :missing order by c.id";
    var typed = em.createQuery(query, SharedChange.class).setParameter("id", id);
    if (!missing.isEmpty()) {
      typed.setParameter("missing", List.copyOf(missing));
    }
    return typed.setMaxResults(max).getResultList();
  }

  @Override
  public long newestId() {
    Long newest =
        em.createQuery("select max(c.id) from SharedChange c", Long.class).getSingleResult();
    return newest == null ? 0 : newest;
  }

  @Override
  public int removeBefore(Instant cutoff) {
    return em.createQuery("delete from SharedChange c where c.madeAt < :cutoff")
        .setParameter("cutoff", cutoff)
        .executeUpdate();
  }
}
