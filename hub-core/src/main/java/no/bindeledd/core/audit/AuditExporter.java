package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.verify.AuditExportWriter;
import no.bindeledd.core.audit.verify.ExportedCheckpoint;

/**
 * Writes the verifiable export of the whole log (format {@code bindeledd-audit-export/1}): every
 * entry's canonical bytes, every signed checkpoint with its timestamp, the log's verifier key and
 * the time-stamping authority's certificates. An auditor checks it offline with {@code
 * bindeledd-verify}, trusting only the key and certificates obtained out of band. Only the auditor
 * exports, and the export is logged before it is written, so it holds its own entry.
 */
@ApplicationScoped
public class AuditExporter {

  private static final int BATCH = 2_000;

  private AuditTrail trail;
  private Checkpoints checkpoints;
  private LogIdentity identity;
  private CheckpointTimestamper.Authority tsa;
  private AuditLog log;
  private Clock clock;

  protected AuditExporter() {}

  @Inject
  public AuditExporter(
      AuditTrail trail,
      Checkpoints checkpoints,
      LogIdentity identity,
      CheckpointTimestamper.Authority tsa,
      AuditLog log,
      Clock clock) {
    this.trail = trail;
    this.checkpoints = checkpoints;
    this.identity = identity;
    this.tsa = tsa;
    this.log = log;
    this.clock = clock;
  }

  @Transactional
  public void export(Actor actor, OutputStream out) throws IOException {
    if (!actor.is(Role.AUDITOR)) {
      throw new AccessDenied("only the auditor exports the audit log");
    }
    log.append(
        AuditEvent.of(actor, AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS)
            .reason("the verifiable export of the whole log"));
    try (AuditExportWriter export =
        AuditExportWriter.open(
            out, identity.origin(), identity.verifierKey(), tsa.trusted(), clock.instant())) {
      List<AuditTrail.Leaf> leaves;
      long after = 0;
      do {
        leaves = trail.leavesAfter(after, BATCH);
        for (AuditTrail.Leaf leaf : leaves) {
          export.entry(leaf.canonicalBytes());
          after = leaf.seq();
        }
      } while (leaves.size() == BATCH);
      List<StoredCheckpoint> batch;
      long size = 0;
      checkpoints:
      do {
        batch = checkpoints.after(size, BATCH);
        for (StoredCheckpoint checkpoint : batch) {
          if (checkpoint.treeSize() > after) {
            // Made after this transaction read the entries: they are not all in the export.
            break checkpoints;
          }
          export.checkpoint(
              new ExportedCheckpoint(
                  checkpoint.signedNote(), checkpoint.timestampToken().orElse(null)));
          size = checkpoint.treeSize();
        }
      } while (batch.size() == BATCH);
    }
  }
}
