package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/** Converts between instants and the xs:dateTime values of the KITH messages. */
final class KithDateTime {

  /**
   * Norwegian systems often leave the offset out of a timestamp and mean Norwegian time; the hub
   * writes its own timestamps in Norwegian time too, with the offset, so people reading them see
   * the clock time they expect.
   */
  static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

  private static final DateTimeFormatter XSD_DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .toFormatter();

  private KithDateTime() {}

  static String format(Instant instant) {
    return instant.atZone(NORWAY).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** The instant an xs:dateTime names, or empty when the text is not one. */
  static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      TemporalAccessor parsed =
          XSD_DATE_TIME.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime withOffset) {
        return Optional.of(withOffset.toInstant());
      }
      return Optional.of(((LocalDateTime) parsed).atZone(NORWAY).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
