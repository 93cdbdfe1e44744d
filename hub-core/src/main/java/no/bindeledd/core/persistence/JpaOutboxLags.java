package no.bindeledd.core.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import no.bindeledd.core.exchange.OutboxLags;
import no.bindeledd.core.exchange.RecipientLag;

/**
 * One grouped query over the outbox, which the index {@code outbox_by_recipient} (migration V20)
 * answers without reading the table's rows on PostgreSQL.
 */
@ApplicationScoped
public class JpaOutboxLags implements OutboxLags {

  private static final InstantConverter UTC_COLUMN = new InstantConverter();

  private EntityManager em;

  protected JpaOutboxLags() {}

  @Inject
  public JpaOutboxLags(EntityManager em) {
    this.em = em;
  }

  /**
   * In SQL rather than JPQL: EclipseLink hands an aggregate of a converted column to the
   * attribute's converter as the driver's {@code Timestamp}, which the converter does not take.
   */
  @Override
  public List<RecipientLag> byRecipient() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select recipient_agency, count(*), min(created_at) from outbox"
                    + " group by recipient_agency")
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new RecipientLag((String) row[0], ((Number) row[1]).longValue(), instant(row[2])))
        .toList();
  }

  /**
   * The oldest time, as the driver hands back a column that holds UTC: read by the rule every
   * mapped time column follows ({@link InstantConverter}).
   */
  private static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof LocalDateTime utc) {
      return UTC_COLUMN.convertToEntityAttribute(utc);
    }
    if (value instanceof Timestamp timestamp) {
      return UTC_COLUMN.convertToEntityAttribute(timestamp.toLocalDateTime());
    }
    throw new IllegalStateException("an outbox time read as " + value.getClass().getName());
  }
}
