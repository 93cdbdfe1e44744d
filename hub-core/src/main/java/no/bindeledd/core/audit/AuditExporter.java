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
 * Writes the verifiable export of the log (format {@code bindeledd-audit-export/2}): every entry's
 * canonical bytes up to a signed checkpoint, every signed checkpoint up to that one with its
 * timestamp and its witnesses' cosignatures, the log's verifier key, the time-stamping authority's
 * certificates, and a manifest signed with the log key. An auditor checks it offline with {@code
 * bindeledd-verify}, trusting only the key and certificates obtained out of band. Only the auditor
 * exports.
 *
 * <p>The export proves all of itself: it first records its own entry and commits it, then has a
 * checkpoint signed that covers it (and tries to have it timestamped at once; it stays pending if
 * the authority does not answer), each in a transaction of its own, then asks the witnesses to
 * cosign it, and then exports exactly the entries up to that checkpoint, with every checkpoint's
 * cosignatures. No entry in an export is left without a signed root over it.
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
  private LogIdentity identity;
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
      LogIdentity identity,
      CheckpointTimestamper.Authority tsa,
      AuditLog log,
      Clock clock) {
    this.trail = trail;
    this.checkpoints = checkpoints;
    this.checkpointer = checkpointer;
    this.timestamper = timestamper;
    this.witnessing = witnessing;
    this.cosignatures = cosignatures;
    this.identity = identity;
    this.tsa = tsa;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Writes the export.
   *
   * @throws IllegalStateException if no checkpoint covers the export's own entry, because the hub
   *     refuses to sign one
   */
  @Transactional
  public void export(Actor actor, OutputStream out) throws IOException {
    if (!actor.is(Role.AUDITOR)) {
      throw new AccessDenied("only the auditor exports the audit log");
    }
    AuditEntry own =
        log.appendCommitted(
            AuditEvent.of(actor, AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS)
                .reason("the verifiable export of the whole log"));
    checkpointer.checkpoint();
    timestamper.timestampPending();
    witnessing.submitLatest();
    StoredCheckpoint last =
        checkpoints
            .latest()
            .filter(checkpoint -> checkpoint.treeSize() >= own.seq())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no signed checkpoint covers the export's own entry " + own.seq()));
    write(out, last);
  }

  private void write(OutputStream out, StoredCheckpoint last) throws IOException {
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
        leaves = trail.leavesAfter(after, (int) Math.min(BATCH, last.treeSize() - after));
        for (AuditTrail.Leaf leaf : leaves) {
          export.entry(leaf.canonicalBytes());
          after = leaf.seq();
        }
      } while (!leaves.isEmpty() && after < last.treeSize());
      List<StoredCheckpoint> batch;
      long size = 0;
      do {
        batch = checkpoints.after(size, BATCH);
        for (StoredCheckpoint checkpoint : batch) {
          if (checkpoint.treeSize() > last.treeSize()) {
            return;
          }
          StringBuilder cosigned = new StringBuilder();
          cosignatures.of(checkpoint.treeSize()).forEach(c -> cosigned.append(c.signatureLine()));
          export.checkpoint(
              new ExportedCheckpoint(
                  checkpoint.signedNote(),
                  checkpoint.timestampToken().orElse(null),
                  cosigned.toString()));
          size = checkpoint.treeSize();
        }
      } while (batch.size() == BATCH);
    }
  }
}
