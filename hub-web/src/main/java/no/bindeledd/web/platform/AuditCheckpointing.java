package no.bindeledd.web.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.CheckpointTimestamper;
import no.bindeledd.core.audit.CheckpointWitnessing;
import no.bindeledd.core.audit.Checkpointer;
import no.bindeledd.core.node.Leases;
import no.bindeledd.core.node.NodeLeases;

/**
 * Runs the audit logs' checkpointing on the container's scheduler: at start, the hub recalls the
 * checkpoint it signed last in each log; then every interval (a second by default), a signed
 * checkpoint of each log that grew and still matches what was signed, then the witnesses'
 * cosignatures of each log's newest one, then timestamps for the pending ones, then the alarm
 * checks. One lease covers every log. One failed round is logged and the next one tries again.
 *
 * <p>With several nodes on one database, one of them does this at a time: the holder of the lease
 * {@value Leases#AUDIT_CHECKPOINTS}, which it renews every round and which another node takes over
 * once it ran out ({@code hub.nodes.lease}), or at once when the holder stops. So one node signs,
 * submits to the witnesses and asks the TSA; each other node follows, taking up each checkpoint
 * only once it proves consistent with what that node remembers, so its memory still catches a
 * rewritten database and it can take over where the holder left off.
 */
@ApplicationScoped
public class AuditCheckpointing {

  private static final Logger LOG = Logger.getLogger(AuditCheckpointing.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject Checkpointer checkpointer;
  @Inject CheckpointTimestamper timestamper;
  @Inject CheckpointWitnessing witnessing;
  @Inject HubSettings settings;
  @Inject NodeLeases leases;

  private ScheduledFuture<?> rounds;

  public synchronized void start() {
    if (rounds != null) {
      return;
    }
    checkpointer.recall();
    long every = settings.checkpointInterval().toMillis();
    rounds = scheduler.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      if (leases.hold(Leases.AUDIT_CHECKPOINTS, settings.nodeLease())) {
        checkpointer.checkpointEveryLog();
        for (AuditLogId log : checkpointer.everyLog()) {
          witnessing.submitLatest(log);
        }
        timestamper.timestampPending();
      } else {
        checkpointer.follow();
      }
      timestamper.alarm();
      witnessing.alarm();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A checkpointing round failed; the next one tries again", e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (rounds != null) {
      rounds.cancel(false);
      rounds = null;
      try {
        leases.release(Leases.AUDIT_CHECKPOINTS);
      } catch (RuntimeException e) {
        LOG.log(Level.INFO, "The checkpoint lease is left to run out", e);
      }
    }
  }
}
