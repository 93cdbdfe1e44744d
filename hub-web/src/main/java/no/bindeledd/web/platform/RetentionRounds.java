package no.bindeledd.web.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.node.Leases;
import no.bindeledd.core.node.NodeLeases;
import no.bindeledd.core.retention.RetentionRun;

/**
 * Runs the retention rules on the container's scheduler, a minute after start and then every {@code
 * hub.retention.interval} (an hour by default). With several nodes on one database, the holder of
 * the lease {@value Leases#RETENTION} runs them; the lease lasts the interval, so that a node that
 * stopped mid-run leaves the next run to another. A failed run is logged and the next one goes on
 * where it stopped, since each erasure is a transaction of its own.
 */
@ApplicationScoped
public class RetentionRounds {

  private static final Logger LOG = Logger.getLogger(RetentionRounds.class.getName());

  private static final Duration FIRST_RUN = Duration.ofMinutes(1);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject RetentionRun retention;
  @Inject HubSettings settings;
  @Inject NodeLeases leases;

  private ScheduledFuture<?> rounds;

  public synchronized void start() {
    if (rounds != null) {
      return;
    }
    long every = settings.retentionInterval().toMillis();
    long first = Math.min(every, FIRST_RUN.toMillis());
    rounds = scheduler.scheduleWithFixedDelay(this::round, first, every, TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      if (!leases.hold(Leases.RETENTION, settings.retentionInterval().plus(settings.nodeLease()))) {
        return;
      }
      RetentionRun.Outcome outcome = retention.run();
      if (outcome.erasedAny()) {
        LOG.info(
            () ->
                "Retention run: erased "
                    + outcome.messages()
                    + " messages, "
                    + outcome.people()
                    + " people and "
                    + outcome.notes()
                    + " audit notes whose period ended");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A retention run failed; the next one goes on", e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (rounds != null) {
      rounds.cancel(false);
      rounds = null;
      try {
        leases.release(Leases.RETENTION);
      } catch (RuntimeException e) {
        LOG.log(Level.INFO, "The retention lease is left to run out", e);
      }
    }
  }
}
