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
import no.bindeledd.core.audit.CheckpointTimestamper;
import no.bindeledd.core.audit.CheckpointWitnessing;
import no.bindeledd.core.audit.Checkpointer;

/**
 * Runs the audit log's checkpointing on the container's scheduler: at start, the hub recalls the
 * checkpoint it signed last; then every interval (a second by default), a signed checkpoint if the
 * log grew and still matches what was signed, then the witnesses' cosignatures of the newest one,
 * then timestamps for the pending ones, then the alarm checks. One failed round is logged and the
 * next one tries again.
 */
@ApplicationScoped
public class AuditCheckpointing {

  private static final Logger LOG = Logger.getLogger(AuditCheckpointing.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject Checkpointer checkpointer;
  @Inject CheckpointTimestamper timestamper;
  @Inject CheckpointWitnessing witnessing;
  @Inject HubSettings settings;

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
      checkpointer.checkpoint();
      witnessing.submitLatest();
      timestamper.timestampPending();
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
    }
  }
}
