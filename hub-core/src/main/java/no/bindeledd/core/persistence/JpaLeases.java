package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import no.bindeledd.core.node.Leases;
import no.bindeledd.core.node.NodeLease;
import no.bindeledd.core.node.NodeName;

@ApplicationScoped
public class JpaLeases implements Leases {

  private EntityManager em;

  protected JpaLeases() {}

  @Inject
  public JpaLeases(EntityManager em) {
    this.em = em;
  }

  @Override
  public boolean hold(String lease, NodeName node, Instant now, Instant until) {
    return em.createQuery(
                "update NodeLease l set l.holder = :node, l.expiresAt = :until"
                    + " where l.name = :name and (l.holder = :node or l.expiresAt <= :now)")
            .setParameter("node", node.value())
            .setParameter("until", until)
            .setParameter("name", lease)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }

  @Override
  public void release(String lease, NodeName node, Instant now) {
    em.createQuery(
            "update NodeLease l set l.expiresAt = :now where l.name = :name and l.holder = :node")
        .setParameter("now", now)
        .setParameter("name", lease)
        .setParameter("node", node.value())
        .executeUpdate();
  }

  @Override
  public void lock(String lease) {
    if (em.find(NodeLease.class, lease, LockModeType.PESSIMISTIC_WRITE) == null) {
      throw new IllegalStateException("no lease " + lease + " in the database");
    }
  }

  @Override
  public Optional<NodeLease> find(String lease) {
    return em.createQuery("select l from NodeLease l where l.name = :name", NodeLease.class)
        .setParameter("name", lease)
        .getResultStream()
        .findFirst();
  }
}
