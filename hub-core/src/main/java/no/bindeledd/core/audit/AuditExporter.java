package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.verify.AuditExportWriter;
import no.bindeledd.core.audit.verify.ExportedCheckpoint;

/**
 * Writes the verifiable export of the auditor's own log (format {@code bindeledd-audit-export/2}):
 * every entry's canonical bytes up to a signed checkpoint, every signed checkpoint up to that one
 * with its timestamp and its witnesses' cosignatures, the log's verifier key, the time-stamping
 * authority's certificates, and a manifest signed with the log key. An auditor checks it offline
 * with {@code bindeledd-verify}, trusting only the key and certificates obtained out of band. Only
 * the auditor exports.
 *
 * <p>The export proves all of itself: it first records its own entry and commits it, then has a
 * checkpoint signed that covers it (and tries to have it timestamped at once; it stays pending if
 * the authority does not answer), each in a transaction of its own, then asks the witnesses to
 * cosign it, and then exports exactly the entries up to that checkpoint, which is the one the hub
 * remembers signing last ({@link CheckpointMemory}), with every checkpoint's cosignatures. No entry
 * in an export is left without a signed root over it.
 *
 * <p>When the log no longer matches what the hub signed, the hub signs nothing more, so the export
 * ends at the checkpoint it remembers, whether or not the database still holds it: an auditor then
 * sees for herself where the stored log and the signed one part.
 */
@ApplicationScoped
public class AuditExporter {

  private static final int BATCH = 2_000;

  private AuditTrail trail;
  private Checkpoints checkpoints;
  private Checkpointer checkpointer;
  private CheckpointTimestamper timestamper;
  private CheckpointWitnessing witnessing;
  private StoredCosignatures cosignatures;
  private AuditLogs logs;
  private AuditRouting routing;
  private CheckpointTimestamper.Authority tsa;
  private AuditLog log;
  private Clock clock;

  protected AuditExporter() {}

  @Inject
  public AuditExporter(
      AuditTrail trail,
      Checkpoints checkpoints,
      Checkpointer checkpointer,
      CheckpointTimestamper timestamper,
      CheckpointWitnessing witnessing,
      StoredCosignatures cosignatures,
      AuditLogs logs,
      AuditRouting routing,
      CheckpointTimestamper.Authority tsa,
      AuditLog log,
      Clock clock) {
    this.trail = trail;
    this.checkpoints = checkpoints;
    this.checkpointer = checkpointer;
    this.timestamper = timestamper;
    this.witnessing = witnessing;
    this.cosignatures = cosignatures;
    this.logs = logs;
    this.routing = routing;
    this.tsa = tsa;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Writes the export of the auditor's own log.
   *
   * @throws IllegalStateException if the hub has never signed a checkpoint it remembers
   */
  @Transactional
  public void export(Actor actor, OutputStream out) throws IOException {
    if (!actor.is(Role.AUDITOR)) {
      throw new AccessDenied("only the auditor exports the audit log");
    }
    AuditLogId own = AuditorsLog.of(routing, actor);
    log.appendCommitted(
        own,
        AuditEvent.of(actor, AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS)
            .reason("the verifiable export of the whole log"));
    checkpointer.checkpoint(own);
    timestamper.timestampPending();
    witnessing.submitLatest(own);
    CheckpointMemory.Remembered last =
        checkpointer
            .remembered(own)
            .orElseThrow(() -> new IllegalStateException("the hub has signed no checkpoint yet"));
    write(own, out, last);
  }

  private void write(AuditLogId own, OutputStream out, CheckpointMemory.Remembered last)
      throws IOException {
    LogIdentity identity = logs.identity(own);
    try (AuditExportWriter export =
        AuditExportWriter.open(
            out,
            identity.origin(),
            identity.verifierKey(),
            tsa.trusted(),
            clock.instant(),
            identity.signingKey())) {
      List<AuditTrail.Leaf> leaves;
      long after = 0;
      do {
        leaves = trail.leavesAfter(own, after, (int) Math.min(BATCH, last.size() - after));
        for (AuditTrail.Leaf leaf : leaves) {
          export.entry(leaf.canonicalBytes());
          after = leaf.seq();
        }
      } while (!leaves.isEmpty() && after < last.size());
      List<StoredCheckpoint> batch;
      long size = 0;
      earlier:
      do {
        batch = checkpoints.after(own, size, BATCH);
        for (StoredCheckpoint checkpoint : batch) {
          if (checkpoint.treeSize() >= last.size()) {
            break earlier;
          }
          export.checkpoint(
              new ExportedCheckpoint(
                  checkpoint.signedNote(),
                  checkpoint.timestampToken().orElse(null),
                  cosignaturesOf(own, checkpoint.treeSize())));
          size = checkpoint.treeSize();
        }
      } while (batch.size() == BATCH);
      Optional<StoredCheckpoint> stored =
          checkpoints
              .atSize(own, last.size())
              .filter(row -> row.signedNote().equals(last.signedNote()));
      export.checkpoint(
          new ExportedCheckpoint(
              last.signedNote(),
              stored.flatMap(StoredCheckpoint::timestampToken).orElse(null),
              stored.isPresent() ? cosignaturesOf(own, last.size()) : ""));
    }
  }

  /** The witnesses' signature lines on the checkpoint of this size, one after the other. */
  private String cosignaturesOf(AuditLogId own, long treeSize) {
    StringBuilder lines = new StringBuilder();
    cosignatures.of(own, treeSize).forEach(c -> lines.append(c.signatureLine()));
    return lines.toString();
  }
}
