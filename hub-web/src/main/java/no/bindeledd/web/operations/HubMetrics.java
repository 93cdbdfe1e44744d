package no.bindeledd.web.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditLogId;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.audit.CheckpointTimestamper;
import no.bindeledd.core.exchange.BackPressure;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.operations.OperatingFigures;
import no.bindeledd.core.operations.OperatingFigures.Figures;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.platform.Deployment;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The hub's metrics at {@code /metrics} (MicroProfile Metrics, application scope). Every figure but
 * two is read from the database when scraped, so that two nodes on one database report the same
 * numbers and a restart loses none: messages by status and by recipient agency, the outbox and how
 * long its oldest message for each agency has waited, consent decisions and audit entries (the
 * audit log only grows, so these rise like counters), and how far the signed checkpoints lag behind
 * the log. Timestamping failures are this node's own count since it started, as each node asks the
 * authority itself, and so are the requests refused because their agency's deliveries were too far
 * behind. One scrape reads the figures once and the outbox's lag once (back-pressure's own read,
 * which new requests share): each is kept for a second and every gauge reads the same.
 */
@ApplicationScoped
public class HubMetrics {

  static final Duration FRESH = Duration.ofSeconds(1);

  @Inject MetricRegistry registry;
  @Inject OperatingFigures operatingFigures;
  @Inject CheckpointTimestamper timestamper;
  @Inject BackPressure backPressure;

  private Figures figures;
  private Instant readAt = Instant.MIN;

  /** Registers the gauges, one series for each of the municipality's agencies. */
  public void register(Deployment deployment) {
    for (DeliveryStatus status : DeliveryStatus.values()) {
      gauge(
          "bindeledd_messages",
          "Messages in the hub by status, all recipients",
          f -> f.messages(null, status),
          tag("status", status));
    }
    for (Deployment.AgencyEntry agency : deployment.agencies()) {
      String org = agency.orgNumber().value();
      for (DeliveryStatus status : DeliveryStatus.values()) {
        gauge(
            "bindeledd_deliveries",
            "Messages to an agency by status: what its connector delivered, is delivering, or"
                + " could not deliver",
            f -> f.messages(org, status),
            new Tag("agency", org),
            tag("status", status));
      }
      gauge(
          "bindeledd_outbox_waiting",
          "Messages waiting in the outbox for an agency's connector",
          f -> f.outbox(org).waiting(),
          new Tag("agency", org));
      gauge(
          "bindeledd_outbox_retrying",
          "Messages waiting for an agency's connector to try them again after a failed attempt",
          f -> f.outbox(org).retrying(),
          new Tag("agency", org));
      registry.gauge(
          Metadata.builder()
              .withName("bindeledd_outbox_lag")
              .withDescription(
                  "Seconds the oldest message waiting in the outbox for an agency has waited; 0"
                      + " when none waits")
              .withUnit(MetricUnits.SECONDS)
              .build(),
          () -> lagSeconds(org),
          new Tag("agency", org));
      registry.counter(refusalsMetadata(), new Tag("agency", org));
      gauge(
          "bindeledd_outbox_most_attempts",
          "The most attempts any message waiting for an agency's connector has had",
          f -> f.outbox(org).mostAttempts(),
          new Tag("agency", org));
    }
    for (AuditOutcome outcome :
        new AuditOutcome[] {AuditOutcome.ALLOWED, AuditOutcome.REFUSED, AuditOutcome.HELD}) {
      gauge(
          "bindeledd_consent_decisions",
          "Consent decisions the hub has recorded, by outcome",
          f -> f.auditEntries(AuditAction.CONSENT_DECISION.code(), outcome.code()),
          tag("outcome", outcome));
    }
    gauge(
        "bindeledd_audit_entries",
        "Entries appended to the audit logs, all of them",
        f -> f.auditLogSize());
    gauge(
        "bindeledd_checkpoint_lag_entries",
        "Audit entries not yet covered by a signed checkpoint, in all the audit logs",
        f -> f.uncheckpointed());
    registry.gauge(
        Metadata.builder()
            .withName("bindeledd_checkpoint_age")
            .withDescription(
                "Seconds since the newest signed checkpoint; not a number before the first")
            .withUnit(MetricUnits.SECONDS)
            .build(),
        () ->
            read(f -> f.sinceLastCheckpoint().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN)));
    List<String> logs = new ArrayList<>();
    logs.add(AuditLogId.HUB_VALUE);
    deployment.municipalities().forEach(m -> logs.add(m.number().value()));
    for (String log : logs) {
      gauge(
          "bindeledd_audit_log_checkpoint_lag_entries",
          "Entries of one audit log (the hub's own, or a municipality's) not yet covered by a"
              + " signed checkpoint of that log",
          f -> f.uncheckpointedByLog().getOrDefault(log, 0L),
          new Tag("log", log));
    }
    gauge(
        "bindeledd_checkpoints_untimestamped",
        "Signed checkpoints still waiting for their timestamp",
        f -> f.untimestamped());
    registry.gauge(
        Metadata.builder()
            .withName("bindeledd_timestamping_failures")
            .withDescription(
                "Attempts to timestamp a checkpoint that failed, counted by this node since it"
                    + " started")
            .build(),
        () -> timestamper.failures());
  }

  /**
   * Counts a new request or plan to the agency refused because its deliveries were too far behind:
   * this node's own count since it started, as the refusals are nowhere stored.
   */
  public void refusedForLag(String agency) {
    registry.counter(refusalsMetadata(), new Tag("agency", agency)).inc();
  }

  private static Metadata refusalsMetadata() {
    return Metadata.builder()
        .withName("bindeledd_requests_refused_agency_behind")
        .withDescription(
            "New requests and plans to an agency refused with 503 because its deliveries were"
                + " further behind than hub.delivery.lag.refuse-after, counted by this node since"
                + " it started")
        .build();
  }

  /** The lag as back-pressure judges it, from the same read of the outbox at most once a second. */
  private double lagSeconds(String agency) {
    try {
      return backPressure.lagOf(OrganisationNumber.of(agency)).toMillis() / 1000.0;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private void gauge(
      String name, String description, ToDoubleFunction<Figures> value, Tag... tags) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        () -> read(value),
        tags);
  }

  /**
   * A figure, or not a number while the database cannot be read: the scrape still answers, with the
   * JVM's and Payara's metrics, and readiness says what is wrong.
   */
  private double read(ToDoubleFunction<Figures> value) {
    try {
      return value.applyAsDouble(figures());
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private static Tag tag(String name, Enum<?> value) {
    return new Tag(name, value.name().toLowerCase(Locale.ROOT));
  }

  private synchronized Figures figures() {
    Instant now = Instant.now();
    if (readAt.plus(FRESH).isBefore(now)) {
      readAt = now;
      // A failed read is kept for as long as a good one, so that a scrape with the database gone
      // asks it once, not once for every gauge.
      figures = null;
      figures = operatingFigures.now();
    }
    if (figures == null) {
      throw new IllegalStateException("the figures could not be read from the database");
    }
    return figures;
  }
}
