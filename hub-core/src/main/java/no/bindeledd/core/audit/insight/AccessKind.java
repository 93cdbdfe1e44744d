package no.bindeledd.core.audit.insight;

/**
 * What kind of access one line of a person's access log describes. The codes appear in the JSON
 * form and name the texts ({@code line.<code>}); never rename one.
 */
public enum AccessKind {
  /** An agency got a question about the person (a request delivered or handed to its system). */
  RECEIVED_QUESTION("received-question"),
  /** An agency got information about the person (an answer or a plan delivered). */
  RECEIVED_INFORMATION("received-information"),
  /** Someone at an agency opened a message about the person and saw its content. */
  OPENED("opened"),
  /** A caseworker looked at the person's entry in the register. */
  LOOKED_UP_REGISTRATION("looked-up-registration"),
  /** Someone looked at one of the person's consents, or at the list of them. */
  LOOKED_AT_CONSENT("looked-at-consent"),
  /** Someone looked at this access log. */
  LOOKED_AT_ACCESS_LOG("looked-at-access-log"),
  /** An agency asked another for information about the person; no consent allowed it. */
  REQUEST_REFUSED("request-refused"),
  /** An agency wanted to send information about the person; no consent allowed it. */
  SENDING_REFUSED("sending-refused"),
  /** Information about the person was on its way to an agency and was stopped before it got it. */
  HELD("held"),
  /**
   * An agency had got information about the person, but had not opened it, and was stopped when it
   * tried to (a consent withdrawn in the meantime).
   */
  HELD_AFTER_RECEIVED("held-after-received"),
  /**
   * An agency had got information about the person and read it, and was stopped when it tried to
   * open it again.
   */
  HELD_AFTER_READ("held-after-read"),
  /**
   * The refugee service erased the person's names, identity number and the content of the messages
   * about them, on a ground the law gives, at the person's request or its own.
   */
  ERASED_ON_REQUEST("erased-on-request"),
  /**
   * The hub erased the person's names, identity number and the content of the messages about them:
   * the time they may be kept had ended.
   */
  ERASED_AFTER_RETENTION("erased-after-retention"),
  /** The hub erased the content of one message about the person: its time had ended. */
  MESSAGE_ERASED("message-erased");

  private final String code;

  AccessKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /**
   * Whether the line tells of information flowing between agencies, in a category for a purpose.
   */
  public boolean isAboutAFlow() {
    return !isALook() && !isAnErasure();
  }

  /** Whether the line tells of something that was stopped, so that it says why. */
  public boolean isStopped() {
    return this == REQUEST_REFUSED
        || this == SENDING_REFUSED
        || this == HELD
        || this == HELD_AFTER_RECEIVED
        || this == HELD_AFTER_READ;
  }

  /** Whether the line tells of someone looking, so that a person signed in may be the one. */
  public boolean isALook() {
    return this == LOOKED_UP_REGISTRATION
        || this == LOOKED_AT_CONSENT
        || this == LOOKED_AT_ACCESS_LOG;
  }

  /** Whether the line tells of personal data erased. */
  public boolean isAnErasure() {
    return this == ERASED_ON_REQUEST || this == ERASED_AFTER_RETENTION || this == MESSAGE_ERASED;
  }
}
