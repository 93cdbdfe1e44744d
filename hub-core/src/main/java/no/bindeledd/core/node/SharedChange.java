package no.bindeledd.core.node;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.consent.ConsentNoticed;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.MessageChange;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * A change the live streams of every node are told of, as a row written in the transaction that
 * made the change, so that it exists exactly when the change committed. It holds what the event
 * holds and no more: a message's id, conversation, kind and status and the agencies that may know
 * of it; a notice's id and agency; or the key of a browser session that ended.
 */
@Entity
@Table(name = "shared_change")
public class SharedChange {

  /** What changed. */
  public enum Topic {
    MESSAGE,
    NOTICE,
    SESSION_ENDED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shared_change_seq")
  @SequenceGenerator(
      name = "shared_change_seq",
      sequenceName = "shared_change_seq",
      allocationSize = 1)
  @Column(name = "id")
  private Long id;

  @Column(name = "origin", length = NodeName.MAX_LENGTH, nullable = false)
  private String origin;

  @Enumerated(EnumType.STRING)
  @Column(name = "topic", length = 16, nullable = false)
  private Topic topic;

  @Convert(converter = InstantConverter.class)
  @Column(name = "made_at", nullable = false)
  private Instant madeAt;

  @Column(name = "message_id", length = 36)
  private String messageId;

  @Column(name = "conversation_id", length = 36)
  private String conversationId;

  @Enumerated(EnumType.STRING)
  @Column(name = "message_kind", length = 16)
  private MessageKind messageKind;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 16)
  private DeliveryStatus status;

  @Column(name = "sender", length = 9)
  private String sender;

  @Column(name = "recipient", length = 9)
  private String recipient;

  @Column(name = "recipient_may_know")
  private Boolean recipientMayKnow;

  @Column(name = "notice_id", length = 36)
  private String noticeId;

  @Column(name = "agency", length = 9)
  private String agency;

  @Column(name = "session_key", length = 64)
  private String sessionKey;

  protected SharedChange() {}

  private SharedChange(NodeName origin, Topic topic, Instant madeAt) {
    this.origin = origin.value();
    this.topic = topic;
    this.madeAt = Objects.requireNonNull(madeAt, "madeAt");
  }

  static SharedChange of(NodeName origin, Instant at, MessageChange change) {
    SharedChange row = new SharedChange(origin, Topic.MESSAGE, at);
    row.messageId = change.messageId();
    row.conversationId = change.conversationId();
    row.messageKind = change.kind();
    row.status = change.status();
    row.sender = change.sender().value();
    row.recipient = change.recipient().value();
    row.recipientMayKnow = change.recipientMayKnow();
    return row;
  }

  static SharedChange of(NodeName origin, Instant at, ConsentNoticed noticed) {
    SharedChange row = new SharedChange(origin, Topic.NOTICE, at);
    row.noticeId = noticed.noticeId();
    row.agency = noticed.agency().value();
    return row;
  }

  static SharedChange sessionEnded(NodeName origin, Instant at, String sessionKey) {
    SharedChange row = new SharedChange(origin, Topic.SESSION_ENDED, at);
    row.sessionKey = Objects.requireNonNull(sessionKey, "sessionKey");
    return row;
  }

  public long id() {
    return id;
  }

  /** The node whose transaction made the change. */
  public NodeName origin() {
    return new NodeName(origin);
  }

  public Topic topic() {
    return topic;
  }

  public Instant madeAt() {
    return madeAt;
  }

  /** The message's change, on topic {@link Topic#MESSAGE}. */
  public Optional<MessageChange> messageChange() {
    if (topic != Topic.MESSAGE) {
      return Optional.empty();
    }
    return Optional.of(
        new MessageChange(
            messageId,
            conversationId,
            messageKind,
            status,
            new OrganisationNumber(sender),
            new OrganisationNumber(recipient),
            Boolean.TRUE.equals(recipientMayKnow)));
  }

  /** The notice given, on topic {@link Topic#NOTICE}. */
  public Optional<ConsentNoticed> notice() {
    if (topic != Topic.NOTICE) {
      return Optional.empty();
    }
    return Optional.of(new ConsentNoticed(noticeId, new OrganisationNumber(agency)));
  }

  /** The browser session that ended, on topic {@link Topic#SESSION_ENDED}. */
  public Optional<String> endedSession() {
    return topic == Topic.SESSION_ENDED ? Optional.of(sessionKey) : Optional.empty();
  }
}
