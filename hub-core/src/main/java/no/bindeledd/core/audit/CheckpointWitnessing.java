package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.witness.AddCheckpoint;
import no.bindeledd.core.audit.witness.Cosignature;
import no.bindeledd.core.audit.witness.Cosignatures;
import no.bindeledd.core.audit.witness.WitnessClient;

/**
 * Submits each audit log's newest checkpoint to each configured witness (C2SP tlog-witness), with a
 * consistency proof from the largest checkpoint that witness cosigned, and keeps the cosignatures
 * it returns. A witness whose size the hub does not know answers with it, and the hub tries once
 * more from there.
 *
 * <p>A witness that refuses a checkpoint as inconsistent with what it cosigned before has caught
 * the log's history changing: {@link #alarm()} says so at once, the hub logs it as SEVERE, and
 * submits nothing more to that witness until it is restarted. A witness that cannot be reached, or
 * refuses for another reason, is tried again every round, and raises the alarm once it has failed
 * for longer than the configured period.
 *
 * <p>Each witness is asked outside any transaction; what is read and kept goes through {@link
 * CosignatureRecords}, in short transactions of their own.
 */
@ApplicationScoped
public class CheckpointWitnessing {

  private static final Logger LOG = Logger.getLogger(CheckpointWitnessing.class.getName());

  private CosignatureRecords records;
  private AuditTree tree;
  private AuditWitnesses configuration;
  private Clock clock;
  private final Map<String, WitnessClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Standing> standings = new ConcurrentHashMap<>();

  protected CheckpointWitnessing() {}

  @Inject
  public CheckpointWitnessing(
      CosignatureRecords records, AuditTree tree, AuditWitnesses configuration, Clock clock) {
    this.records = records;
    this.tree = tree;
    this.configuration = configuration;
    this.clock = clock;
  }

  /** The witnesses the hub submits to. */
  public List<AuditWitnesses.Endpoint> witnesses() {
    return configuration.witnesses();
  }

  /**
   * Has the log's newest checkpoint cosigned by each witness that has not cosigned it yet. One
   * submission at a time: the checkpointing round and an export both ask. A witness keeps each
   * log's history apart by its origin, and the hub keeps each witness's standing per log.
   *
   * @return how many witnesses cosigned it now
   */
  public synchronized int submitLatest(AuditLogId log) {
    if (configuration.witnesses().isEmpty()) {
      return 0;
    }
    Optional<StoredCheckpoint> latest = records.newestCheckpoint(log);
    if (latest.isEmpty()) {
      return 0;
    }
    int cosigned = 0;
    for (AuditWitnesses.Endpoint witness : configuration.witnesses()) {
      Standing standing =
          standings.computeIfAbsent(standingKey(witness, log), id -> new Standing());
      if (standing.refusal() != null) {
        continue;
      }
      try {
        if (submit(witness, latest.get(), standing)) {
          cosigned++;
        }
      } catch (IOException e) {
        standing.failed(
            clock.instant(),
            "it cannot be reached at " + witness.submissionPrefix() + ": " + describe(e));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Submitting to the witness " + witness.id() + " failed", e);
        standing.failed(clock.instant(), describe(e));
      }
    }
    return cosigned;
  }

  private static String standingKey(AuditWitnesses.Endpoint witness, AuditLogId log) {
    return log.value() + " " + witness.id();
  }

  /**
   * Why witnessing is in alarm: a witness refused a log's history as inconsistent, or one has
   * failed for longer than the alarm period. Empty while all is well.
   */
  public Optional<String> alarm() {
    Instant now = clock.instant();
    List<String> problems = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(standings.keySet())) {
      String logId = key.substring(0, key.indexOf(' '));
      AuditWitnesses.Endpoint witness =
          configuration.witnesses().stream()
              .filter(w -> key.equals(logId + " " + w.id()))
              .findFirst()
              .orElse(null);
      Standing standing = standings.get(key);
      if (witness == null || standing == null) {
        continue;
      }
      String refusal = standing.refusal();
      if (refusal != null) {
        problems.add("witness " + witness.id() + " of log " + logId + " " + refusal);
        continue;
      }
      Instant since = standing.failingSince();
      if (since != null && since.plus(configuration.alarmAfter()).isBefore(now)) {
        String why =
            "witness "
                + witness.id()
                + " of log "
                + logId
                + " has failed for "
                + Duration.between(since, now).toSeconds()
                + " s: "
                + standing.lastFailure();
        if (standing.raiseOnce()) {
          LOG.severe(() -> "Audit witnessing alarm: " + why);
        }
        problems.add(why);
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  private boolean submit(
      AuditWitnesses.Endpoint witness, StoredCheckpoint checkpoint, Standing standing)
      throws IOException {
    AuditLogId log = checkpoint.log();
    long size = checkpoint.treeSize();
    long cosignedBefore = records.cosignedUpTo(log, witness.id()).orElse(0L);
    if (cosignedBefore == size) {
      standing.succeeded();
      return false;
    }
    WitnessClient client =
        clients.computeIfAbsent(
            witness.id(),
            id -> new WitnessClient(witness.submissionPrefix(), configuration.timeout()));
    long oldSize = cosignedBefore < size ? cosignedBefore : 0;
    WitnessClient.Reply reply = client.addCheckpoint(request(oldSize, checkpoint));
    if (reply instanceof WitnessClient.Conflict conflict) {
      if (conflict.witnessSize() > size) {
        refused(
            witness,
            standing,
            "has cosigned a checkpoint of "
                + conflict.witnessSize()
                + " entries, more than the newest checkpoint's "
                + size
                + ": the log was cut back");
        return false;
      }
      reply = client.addCheckpoint(request(conflict.witnessSize(), checkpoint));
    }
    if (reply instanceof WitnessClient.Cosigned answer) {
      Cosignatures.Found found;
      try {
        found = Cosignatures.verify(textOf(checkpoint), answer.lines(), List.of(witness.key()));
      } catch (NoteRejected e) {
        standing.failed(
            clock.instant(),
            "it answered with a cosignature that does not verify: " + e.getMessage());
        return false;
      }
      if (found.verified().isEmpty()) {
        standing.failed(
            clock.instant(),
            "its answer holds no cosignature by its key "
                + witness.id()
                + (found.unknownSigners().isEmpty() ? "" : ", only by " + found.unknownSigners()));
        return false;
      }
      Cosignature cosignature = found.verified().get(0);
      records.keep(log, size, cosignature);
      standing.succeeded();
      return true;
    }
    if (reply instanceof WitnessClient.Conflict conflict) {
      standing.failed(
          clock.instant(),
          "it named its size " + conflict.witnessSize() + " twice and refused the proof from it");
      return false;
    }
    WitnessClient.Refused refusedReply = (WitnessClient.Refused) reply;
    if (refusedReply.status() == 422) {
      refused(
          witness,
          standing,
          "refuses checkpoint "
              + size
              + " as inconsistent with the checkpoint it cosigned before: "
              + refusedReply.detail());
      return false;
    }
    standing.failed(
        clock.instant(),
        "it refuses checkpoint "
            + size
            + " with status "
            + refusedReply.status()
            + ": "
            + refusedReply.detail());
    return false;
  }

  private void refused(AuditWitnesses.Endpoint witness, Standing standing, String why) {
    standing.refuse(why);
    LOG.severe(
        () ->
            "Audit witnessing alarm: witness "
                + witness.id()
                + " at "
                + witness.submissionPrefix()
                + " "
                + why
                + ". The audit log's history does not extend what this witness saw: it was"
                + " rewritten or cut, or the witness was shown another history. The hub submits"
                + " nothing more to this witness until it restarts.");
  }

  private AddCheckpoint request(long oldSize, StoredCheckpoint checkpoint) {
    long size = checkpoint.treeSize();
    if (oldSize == 0 || oldSize == size) {
      return AddCheckpoint.of(oldSize, List.of(), checkpoint.signedNote());
    }
    AuditLogId log = checkpoint.log();
    if (tree.tree(log).size() < size) {
      tree.catchUp(log);
    }
    return AddCheckpoint.of(
        oldSize, tree.tree(log).consistencyProof(oldSize, size), checkpoint.signedNote());
  }

  private static String textOf(StoredCheckpoint checkpoint) {
    String note = checkpoint.signedNote();
    return note.substring(0, note.lastIndexOf("\n\n") + 1);
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** How one witness stands with the hub: failing since when, or in alarm for good. */
  private static final class Standing {

    private Instant failingSince;
    private String lastFailure;
    private String refusal;
    private boolean raised;

    /** Logs a failure when it starts or changes, not every round it goes on. */
    synchronized void failed(Instant now, String why) {
      if (failingSince == null) {
        failingSince = now;
      }
      if (!why.equals(lastFailure)) {
        LOG.warning(() -> "A witness did not cosign the newest checkpoint: " + why);
      }
      lastFailure = why;
    }

    synchronized void succeeded() {
      failingSince = null;
      lastFailure = null;
      raised = false;
    }

    synchronized void refuse(String why) {
      refusal = why;
    }

    synchronized String refusal() {
      return refusal;
    }

    synchronized Instant failingSince() {
      return failingSince;
    }

    synchronized String lastFailure() {
      return lastFailure;
    }

    /** True the first time the alarm is raised since the witness last succeeded. */
    synchronized boolean raiseOnce() {
      boolean first = !raised;
      raised = true;
      return first;
    }
  }
}
