package no.bindeledd.core.node;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * A job only one node does at a time, the node doing it, and until when it may without renewing.
 * The rows are made by the migrations, one per job; a lease is taken and renewed by a conditional
 * update ({@link Leases#hold}), never by inserting.
 */
@Entity
@Table(name = "node_lease")
public class NodeLease {

  @Id
  @Column(name = "name", length = 64)
  private String name;

  @Column(name = "holder", length = NodeName.MAX_LENGTH, nullable = false)
  private String holder;

  @Convert(converter = InstantConverter.class)
  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected NodeLease() {}

  public String name() {
    return name;
  }

  /** The node holding it, or the empty string when no node ever took it. */
  public String holder() {
    return holder;
  }

  public Instant expiresAt() {
    return expiresAt;
  }
}
