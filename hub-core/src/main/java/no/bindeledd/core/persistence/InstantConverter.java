package no.bindeledd.core.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Stores an {@link Instant} as a SQL {@code TIMESTAMP} holding the UTC wall-clock time. JPA 3.1
 * does not map Instant, and going through {@code java.sql.Timestamp} would store the JVM's local
 * time instead, so that two nodes in different time zones, or one node across a daylight-saving
 * change, would read each other's times shifted.
 */
@Converter
public class InstantConverter implements AttributeConverter<Instant, LocalDateTime> {

  @Override
  public LocalDateTime convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @Override
  public Instant convertToEntityAttribute(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
