package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import no.bindeledd.core.crypto.Timestamp;
import no.bindeledd.core.crypto.TimestampAuthority;
import no.bindeledd.core.crypto.TimestampRejected;
import no.bindeledd.core.crypto.Timestamps;

/**
 * Has each checkpoint of every log timestamped (RFC 3161) over the SHA-256 of its signed note, by
 * the configured time-stamping authority. A checkpoint whose timestamp fails stays pending and is
 * tried again; when the oldest pending one has waited longer than the alarm period, {@link
 * #alarm()} says so.
 */
@ApplicationScoped
public class CheckpointTimestamper {

  private static final Logger LOG = Logger.getLogger(CheckpointTimestamper.class.getName());
  private static final int BATCH = 20;

  /** Where timestamps come from, and which authority certificates to accept them from. */
  public record Authority(
      TimestampAuthority authority, List<X509Certificate> trusted, Duration alarmAfter) {}

  private Checkpoints checkpoints;
  private Authority tsa;
  private Clock clock;
  private final Timestamps timestamps = new Timestamps();
  private volatile String lastFailure;
  private volatile boolean alarmed;
  private final AtomicLong failures = new AtomicLong();

  protected CheckpointTimestamper() {}

  @Inject
  public CheckpointTimestamper(Checkpoints checkpoints, Authority tsa, Clock clock) {
    this.checkpoints = checkpoints;
    this.tsa = tsa;
    this.clock = clock;
  }

  /** Timestamps the pending checkpoints, oldest first, until one fails. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int timestampPending() {
    int stamped = 0;
    for (StoredCheckpoint checkpoint : checkpoints.untimestamped(BATCH)) {
      try {
        Timestamp timestamp =
            timestamps.stamp(digestOf(checkpoint.signedNote()), tsa.authority(), tsa.trusted());
        checkpoint.timestamp(timestamp.token(), timestamp.genTime());
        stamped++;
        lastFailure = null;
      } catch (IOException | TimestampRejected e) {
        // A refused connection may come without a message; the alarm still says what failed.
        lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failures.incrementAndGet();
        LOG.warning(
            () ->
                "Checkpoint "
                    + checkpoint.treeSize()
                    + " of audit log "
                    + checkpoint.log()
                    + " could not be timestamped: "
                    + lastFailure);
        break;
      }
    }
    return stamped;
  }

  /** Attempts to timestamp a checkpoint that failed since this node started. */
  public long failures() {
    return failures.get();
  }

  /**
   * Why timestamping is in alarm: the oldest checkpoint still without a timestamp is older than the
   * alarm period. Empty while all is well. Logs once each time the alarm is raised.
   */
  @Transactional
  public Optional<String> alarm() {
    Optional<StoredCheckpoint> oldest = checkpoints.untimestamped(1).stream().findFirst();
    Instant now = clock.instant();
    if (oldest.isEmpty() || !oldest.get().madeAt().plus(tsa.alarmAfter()).isBefore(now)) {
      alarmed = false;
      return Optional.empty();
    }
    String why =
        "checkpoint "
            + oldest.get().treeSize()
            + " of log "
            + oldest.get().log()
            + " has waited "
            + Duration.between(oldest.get().madeAt(), now).toSeconds()
            + " s for its timestamp"
            + (lastFailure == null ? "" : "; the last attempt failed: " + lastFailure);
    if (!alarmed) {
      alarmed = true;
      LOG.severe(() -> "Audit timestamping alarm: " + why);
    }
    return Optional.of(why);
  }

  static byte[] digestOf(String signedNote) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(signedNote.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
