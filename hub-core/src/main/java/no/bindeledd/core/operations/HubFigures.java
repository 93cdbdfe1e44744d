package no.bindeledd.core.operations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.bindeledd.core.exchange.DeliveryStatus;

/** Counts over the hub's tables, each one query. */
public interface HubFigures {

  /** How many messages each recipient agency has in each status. */
  List<MessageCount> messages();

  /** How many audit entries there are of each action and outcome. */
  List<AuditCount> auditEntries();

  /** The outbox by recipient agency: waiting, and waiting after failed attempts. */
  List<OutboxCount> outbox();

  /** The newest error of a recipient's outbox entries that were tried and failed. */
  Optional<String> lastDeliveryError(String recipientAgency);

  /** Each audit log that has entries: its size and its newest signed checkpoint. */
  List<AuditLogFigures> auditLogs();

  /** Checkpoints that still wait for their timestamp. */
  long untimestampedCheckpoints();

  record MessageCount(String recipientAgency, DeliveryStatus status, long count) {}

  record AuditCount(String action, String outcome, long count) {}

  /**
   * @param waiting outbox entries for the agency
   * @param retrying those tried at least once and failed
   * @param mostAttempts the most attempts any of them has had
   */
  record OutboxCount(String recipientAgency, long waiting, long retrying, int mostAttempts) {}

  record SignedCheckpoint(long treeSize, Instant madeAt) {}

  /**
   * @param log the log's id: {@code hub} or a municipality's number
   * @param size its entries
   * @param latest its newest signed checkpoint, if any
   */
  record AuditLogFigures(String log, long size, Optional<SignedCheckpoint> latest) {

    /** Entries not yet covered by a signed checkpoint. */
    public long uncheckpointed() {
      return Math.max(0, size - latest.map(SignedCheckpoint::treeSize).orElse(0L));
    }
  }
}
