package no.bindeledd.core.exchange;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The message reached its recipient, but no consent covers it any longer, so the hub holds it: its
 * content is not shown again, however often it is opened. The message says so, and why, so that a
 * reader who saw it before understands where it went. The sender sees the reason in the message's
 * status.
 */
public class MessageHeld extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMMM uuuu 'at' HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  public MessageHeld(Message message) {
    super(explain(message));
  }

  private static String explain(Message message) {
    String what = "this " + message.kind().name().toLowerCase(Locale.ROOT);
    String reason = message.statusReason().orElse("no consent covers it any longer");
    StringBuilder text =
        new StringBuilder(Character.toUpperCase(what.charAt(0)) + what.substring(1));
    message
        .deliveredAt()
        .ifPresent(
            at -> text.append(" reached your agency on ").append(format(at)).append(", but"));
    text.append(" is held since ")
        .append(format(message.statusChangedAt()))
        .append(": ")
        .append(reason)
        .append(". The hub no longer shows its content, and its sender can see that it is held.");
    return text.toString();
  }

  private static String format(Instant at) {
    return TIME.format(at);
  }
}
