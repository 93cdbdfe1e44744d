package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import no.bindeledd.core.atrest.DataKey;
import no.bindeledd.core.atrest.DataKeys;

@ApplicationScoped
public class JpaDataKeys implements DataKeys {

  private EntityManager em;

  protected JpaDataKeys() {}

  @Inject
  public JpaDataKeys(EntityManager em) {
    this.em = em;
  }

  @Override
  public Optional<DataKey> find(String id) {
    return Optional.ofNullable(em.find(DataKey.class, id));
  }

  @Override
  public void add(DataKey key) {
    em.persist(key);
  }

  @Override
  public boolean destroy(String id) {
    DataKey key = em.find(DataKey.class, id);
    if (key == null) {
      return false;
    }
    em.remove(key);
    return true;
  }

  @Override
  public List<DataKey> wrappedByOtherThan(int version, int limit) {
    return em.createQuery(
            "select k from DataKey k where k.kekVersion <> :version order by k.id", DataKey.class)
        .setParameter("version", version)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public Map<Integer, Long> countByKekVersion() {
    Map<Integer, Long> counts = new TreeMap<>();
    for (Object[] row :
        em.createQuery(
                "select k.kekVersion, count(k) from DataKey k group by k.kekVersion",
                Object[].class)
            .getResultList()) {
      counts.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
    }
    return counts;
  }
}
