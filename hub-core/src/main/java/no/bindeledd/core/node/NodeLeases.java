package no.bindeledd.core.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * This node's side of the leases: take or renew one, each in a short transaction of its own, and
 * give it up when the node stops.
 */
@ApplicationScoped
public class NodeLeases {

  private Leases leases;
  private NodeName node;
  private Clock clock;

  protected NodeLeases() {}

  @Inject
  public NodeLeases(Leases leases, NodeName node, Clock clock) {
    this.leases = leases;
    this.node = node;
    this.clock = clock;
  }

  /**
   * Takes or renews {@code lease} for {@code term}.
   *
   * @return whether this node holds it for that long now
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean hold(String lease, Duration term) {
    Instant now = clock.instant();
    return leases.hold(lease, node, now, now.plus(term));
  }

  /** Gives {@code lease} up if this node holds it. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void release(String lease) {
    leases.release(lease, node, clock.instant());
  }

  public NodeName node() {
    return node;
  }
}
