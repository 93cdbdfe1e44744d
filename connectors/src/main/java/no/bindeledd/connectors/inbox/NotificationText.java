package no.bindeledd.connectors.inbox;

/**
 * The text of a notification e-mail. It is the same for every message, so it cannot leak who the
 * message is about or what it says: e-mail is not a channel for personal data.
 */
public final class NotificationText {

  public static final String SUBJECT = "Ny melding i Bindeledd / New message in Bindeledd";

  private NotificationText() {}

  public static String of(String hubUrl) {
    return "Du har en ny melding i Bindeledd. Logg inn for å lese den: "
        + hubUrl
        + "\n\n"
        + "You have a new message in Bindeledd. Sign in to read it: "
        + hubUrl
        + "\n";
  }
}
