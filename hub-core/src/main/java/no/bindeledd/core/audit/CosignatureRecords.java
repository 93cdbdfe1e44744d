package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.OptionalLong;
import no.bindeledd.core.audit.witness.Cosignature;

/**
 * What witnessing reads and keeps in the database, each in a short transaction of its own, so that
 * no transaction stays open while a witness is asked over the network.
 */
@ApplicationScoped
public class CosignatureRecords {

  private Checkpoints checkpoints;
  private StoredCosignatures cosignatures;

  protected CosignatureRecords() {}

  @Inject
  public CosignatureRecords(Checkpoints checkpoints, StoredCosignatures cosignatures) {
    this.checkpoints = checkpoints;
    this.cosignatures = cosignatures;
  }

  /** The log's newest signed checkpoint. */
  @Transactional(Transactional.TxType.REQUIRED)
  public Optional<StoredCheckpoint> newestCheckpoint(AuditLogId log) {
    return checkpoints.latest(log);
  }

  /** The largest checkpoint of the log the witness ({@code name+keyID}) cosigned. */
  @Transactional(Transactional.TxType.REQUIRED)
  public OptionalLong cosignedUpTo(AuditLogId log, String witness) {
    return cosignatures.latestSize(log, witness);
  }

  /**
   * Keeps a witness's verified cosignature of a log's checkpoint, committed at once, whatever the
   * caller is in the middle of: the next submission must see it. A witness's second cosignature of
   * the same checkpoint is not kept.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void keep(AuditLogId log, long treeSize, Cosignature cosignature) {
    StoredCosignature stored = new StoredCosignature(log, treeSize, cosignature);
    if (cosignatures.of(log, treeSize).stream()
        .noneMatch(c -> c.witness().equals(stored.witness()))) {
      cosignatures.add(stored);
    }
  }
}
