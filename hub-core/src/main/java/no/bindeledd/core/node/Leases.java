package no.bindeledd.core.node;

import java.time.Instant;
import java.util.Optional;

/** The leases in the database, by which one node at a time does a job. */
public interface Leases {

  /** The lease the checkpoint round runs under: one node signs, witnesses and timestamps. */
  String AUDIT_CHECKPOINTS = "audit-checkpoints";

  /** The lease the retention run runs under: one node erases at a time. */
  String RETENTION = "retention";

  /**
   * Takes or renews a lease for {@code node} until {@code until}, if it is free: held by that node
   * already, or run out by {@code now}. One conditional update, so of two nodes asking at once
   * exactly one gets it.
   *
   * @return whether {@code node} holds it now
   */
  boolean hold(String lease, NodeName node, Instant now, Instant until);

  /** Gives the lease up at once, if {@code node} holds it, so another node need not wait it out. */
  void release(String lease, NodeName node, Instant now);

  /**
   * Locks the lease's row until the caller's transaction ends: whoever holds the lease, two
   * transactions that lock it never run at once, on any node.
   */
  void lock(String lease);

  Optional<NodeLease> find(String lease);
}
