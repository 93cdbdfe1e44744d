package no.bindeledd.web.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKeyRotation;

/**
 * After a key-encryption key rotation, moves the data keys still wrapped by an older version to the
 * current one in the background, a small transaction at a time while the hub serves, and says when
 * none is left, so that the operator can remove the old version from the key store.
 */
@ApplicationScoped
public class DataKeyRewrapping {

  private static final Logger LOG = Logger.getLogger(DataKeyRewrapping.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject DataKeyRotation rotation;
  @Inject AtRestCipher atRest;

  private ScheduledFuture<?> rounds;
  private long rewrapped;

  public synchronized void start() {
    if (rounds != null) {
      return;
    }
    Map<Integer, Long> standing = rotation.standing();
    int current = atRest.keys().currentVersion();
    if (standing.keySet().stream().allMatch(v -> v == current)) {
      return;
    }
    LOG.info(
        () ->
            "Data keys by key-encryption key version: "
                + standing
                + "; re-wrapping them under version "
                + current
                + " in the background");
    rounds = scheduler.scheduleWithFixedDelay(this::round, 1, 1, TimeUnit.SECONDS);
  }

  private void round() {
    try {
      int now;
      do {
        now = rotation.rewrapSome(DataKeyRotation.BATCH);
        synchronized (this) {
          rewrapped += now;
        }
      } while (now > 0);
      finish();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Re-wrapping data keys failed; the next round tries again", e);
    }
  }

  private synchronized void finish() {
    if (rounds != null) {
      rounds.cancel(false);
      LOG.info(
          "Re-wrapped "
              + rewrapped
              + " data keys; every data key is now wrapped by key-encryption key version "
              + atRest.keys().currentVersion()
              + ", and older versions can leave the key store");
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (rounds != null) {
      rounds.cancel(false);
    }
  }
}
