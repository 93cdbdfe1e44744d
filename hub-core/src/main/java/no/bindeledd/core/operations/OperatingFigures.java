package no.bindeledd.core.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import no.bindeledd.core.exchange.DeliveryStatus;

/**
 * Reads all of the hub's figures at once, in one transaction, so that the metrics of one scrape
 * agree with each other.
 */
@ApplicationScoped
public class OperatingFigures {

  private HubFigures figures;
  private Clock clock;

  protected OperatingFigures() {}

  @Inject
  public OperatingFigures(HubFigures figures, Clock clock) {
    this.figures = figures;
    this.clock = clock;
  }

  /** The figures as the database holds them now. */
  @Transactional
  public Figures now() {
    Instant now = clock.instant();
    List<HubFigures.AuditLogFigures> logs = figures.auditLogs();
    long size = logs.stream().mapToLong(HubFigures.AuditLogFigures::size).sum();
    Map<String, Long> lag = new TreeMap<>();
    logs.forEach(log -> lag.put(log.log(), log.uncheckpointed()));
    Optional<Duration> sinceCheckpoint =
        logs.stream()
            .flatMap(log -> log.latest().stream())
            .map(HubFigures.SignedCheckpoint::madeAt)
            .max(Comparator.naturalOrder())
            .map(madeAt -> Duration.between(madeAt, now))
            .map(d -> d.isNegative() ? Duration.ZERO : d);
    return new Figures(
        now,
        figures.messages(),
        figures.auditEntries(),
        figures.outbox(),
        size,
        lag.values().stream().mapToLong(Long::longValue).sum(),
        lag,
        sinceCheckpoint,
        figures.untimestampedCheckpoints());
  }

  /** The newest error of a recipient's failed deliveries, in the connector's words. */
  @Transactional
  public Optional<String> lastDeliveryError(String recipientAgency) {
    return figures.lastDeliveryError(recipientAgency);
  }

  /**
   * @param read when the figures were read
   * @param auditLogSize entries in all the audit logs
   * @param uncheckpointed entries not yet covered by a signed checkpoint, in all the logs
   * @param uncheckpointedByLog the same by log ({@code hub} or a municipality's number)
   * @param sinceLastCheckpoint how long ago the newest checkpoint was signed; empty before the
   *     first
   * @param untimestamped checkpoints still waiting for their timestamp
   */
  public record Figures(
      Instant read,
      List<HubFigures.MessageCount> messages,
      List<HubFigures.AuditCount> auditEntries,
      List<HubFigures.OutboxCount> outbox,
      long auditLogSize,
      long uncheckpointed,
      Map<String, Long> uncheckpointedByLog,
      Optional<Duration> sinceLastCheckpoint,
      long untimestamped) {

    public Figures {
      messages = List.copyOf(messages);
      auditEntries = List.copyOf(auditEntries);
      outbox = List.copyOf(outbox);
      uncheckpointedByLog = Map.copyOf(uncheckpointedByLog);
      if (auditLogSize < 0 || uncheckpointed < 0 || untimestamped < 0) {
        throw new IllegalArgumentException("a count cannot be negative");
      }
    }

    /** Messages to {@code recipientAgency} in {@code status}, or to all agencies if null. */
    public long messages(String recipientAgency, DeliveryStatus status) {
      return messages.stream()
          .filter(c -> recipientAgency == null || c.recipientAgency().equals(recipientAgency))
          .filter(c -> c.status() == status)
          .mapToLong(HubFigures.MessageCount::count)
          .sum();
    }

    /**
     * Audit entries of {@code action} (its code) with {@code outcome} (its code), or any if null.
     */
    public long auditEntries(String action, String outcome) {
      return auditEntries.stream()
          .filter(c -> action == null || c.action().equals(action))
          .filter(c -> outcome == null || c.outcome().equals(outcome))
          .mapToLong(HubFigures.AuditCount::count)
          .sum();
    }

    /** The outbox for one recipient agency, empty counts if it has nothing waiting. */
    public HubFigures.OutboxCount outbox(String recipientAgency) {
      return outbox.stream()
          .filter(c -> c.recipientAgency().equals(recipientAgency))
          .findFirst()
          .orElse(new HubFigures.OutboxCount(recipientAgency, 0, 0, 0));
    }
  }
}
