package no.bindeledd.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * Keeps one slow agency from filling the outbox: reads how far each recipient's deliveries are
 * behind ({@link RecipientLag}) and judges a new request by the {@link DeliveryLagBounds}. The
 * outbox is read at most once every {@link #FRESH}, however busy the intake, and the lag is then
 * counted from the oldest waiting message's time to the clock's now, so that it goes on growing
 * between two reads. Every node reads the shared outbox, so every node judges the same.
 */
@ApplicationScoped
public class BackPressure {

  /** How long one read of the outbox serves. */
  static final Duration FRESH = Duration.ofSeconds(1);

  private OutboxLags outbox;
  private DeliveryLagBounds bounds;
  private Clock clock;

  private Instant readAt = Instant.MIN;
  private Map<String, RecipientLag> lags = Map.of();

  protected BackPressure() {}

  @Inject
  public BackPressure(OutboxLags outbox, DeliveryLagBounds bounds, Clock clock) {
    this.outbox = outbox;
    this.bounds = bounds;
    this.clock = clock;
  }

  public DeliveryLagBounds bounds() {
    return bounds;
  }

  /**
   * Lets a new request or plan to {@code recipient} through, or refuses it with {@link
   * RecipientBehind} while the agency's deliveries are past the bound to refuse after. Call it
   * before anything is decided or written.
   */
  @Transactional
  public void admit(Agency recipient) {
    Duration lag = lagOf(recipient.orgNumber());
    if (bounds.refuses(lag)) {
      throw new RecipientBehind(recipient, lag, bounds.retryAfter(lag));
    }
  }

  /**
   * The delay a message to {@code recipient} should expect, while its deliveries are past the bound
   * to warn after: the time the oldest message waiting for it has waited, in whole seconds rounded
   * up.
   */
  @Transactional
  public Optional<Duration> expectedDelay(OrganisationNumber recipient) {
    Duration lag = lagOf(recipient);
    return bounds.delays(lag)
        ? Optional.of(DeliveryLagBounds.inWholeSecondsUp(lag))
        : Optional.empty();
  }

  /** How long the oldest message waiting for the agency has waited; zero if none waits. */
  @Transactional
  public Duration lagOf(OrganisationNumber recipient) {
    Instant now = clock.instant();
    RecipientLag lag = current(now).get(recipient.value());
    return lag == null ? Duration.ZERO : lag.lagAt(now);
  }

  /** Every agency with messages waiting, by organisation number, as last read. */
  @Transactional
  public Map<String, RecipientLag> lags() {
    return current(clock.instant());
  }

  private synchronized Map<String, RecipientLag> current(Instant now) {
    if (!readAt.plus(FRESH).isAfter(now) || now.isBefore(readAt)) {
      lags =
          outbox.byRecipient().stream()
              .collect(
                  Collectors.toUnmodifiableMap(RecipientLag::recipientAgency, Function.identity()));
      readAt = now;
    }
    return lags;
  }
}
