package no.bindeledd.core.exchange;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * A message waiting to be delivered. Written in the same transaction as the message, so a stored
 * message is never forgotten and a rolled-back one is never sent. A delivery route claims the entry
 * for a while; if that node dies, the claim runs out and another takes it.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry {

  @Id
  @Column(name = "message_id", length = 36)
  private String messageId;

  @Column(name = "recipient_agency", length = 9, nullable = false)
  private String recipientAgency;

  /** Kept beside the recipient so a claim can keep each conversation to it in order. */
  @Column(name = "conversation_id", length = 36, nullable = false)
  private String conversationId;

  @Convert(converter = InstantConverter.class)
  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Convert(converter = InstantConverter.class)
  @Column(name = "claimed_until")
  private Instant claimedUntil;

  @Column(name = "attempts", nullable = false)
  private int attempts;

  /** Not to be tried before this time: a recipient that was down is given time to come back. */
  @Convert(converter = InstantConverter.class)
  @Column(name = "next_attempt_at")
  private Instant nextAttemptAt;

  @Column(name = "last_error", length = 1000)
  private String lastError;

  protected OutboxEntry() {}

  OutboxEntry(Message message, Instant at) {
    this.messageId = message.id();
    this.recipientAgency = message.recipient().value();
    this.conversationId = message.conversationId();
    this.createdAt = at;
  }

  public String messageId() {
    return messageId;
  }

  public String recipientAgency() {
    return recipientAgency;
  }

  public String conversationId() {
    return conversationId;
  }

  public int attempts() {
    return attempts;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  public Optional<Instant> nextAttemptAt() {
    return Optional.ofNullable(nextAttemptAt);
  }

  /** Releases the claim, to be taken again at {@code at}. */
  void retryAt(Instant at, String error) {
    this.nextAttemptAt = at;
    this.claimedUntil = null;
    this.lastError = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
  }
}
