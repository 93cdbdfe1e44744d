package no.bindeledd.core.exchange;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.atrest.RowCipher;
import no.bindeledd.core.atrest.Sealable;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Flow;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * A signed message between two agencies about one person. The signed envelope is what the sender
 * signed and what the recipient may verify; the other columns are copies for routing and search.
 * The body and the signed envelope are stored sealed under the message's own data key ({@link
 * Sealable}), and so are the receipt and the status reason, which may quote the recipient's answer;
 * those two change as the message moves, so the message keeps the cipher it was sealed or opened
 * with and seals them again as they change.
 */
@Entity
@Table(name = "message")
public class Message implements Sealable {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "conversation_id", length = 36, nullable = false)
  private String conversationId;

  @Column(name = "in_reply_to", length = 36)
  private String inReplyTo;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", length = 16, nullable = false)
  private MessageKind kind;

  @Column(name = "sender_agency", length = 9, nullable = false)
  private String senderAgency;

  @Column(name = "sender_user", nullable = false)
  private String senderUser;

  @Column(name = "recipient_agency", length = 9, nullable = false)
  private String recipientAgency;

  @Column(name = "subject_id", length = 36, nullable = false)
  private String subjectId;

  @Enumerated(EnumType.STRING)
  @Column(name = "category", length = 64, nullable = false)
  private DataCategory category;

  @Enumerated(EnumType.STRING)
  @Column(name = "purpose", length = 64, nullable = false)
  private Purpose purpose;

  /** The consent the last decision relied on; empty for a held message. */
  @Column(name = "consent_id", length = 36)
  private String consentId;

  @Transient private String body;

  @Transient private byte[] signedEnvelope;

  /** The data key the body and the signed envelope are sealed with; destroying it erases them. */
  @Column(name = "data_key_id", length = 36)
  private String dataKeyId;

  @Column(name = "sealed_body")
  private byte[] sealedBody;

  @Column(name = "sealed_envelope")
  private byte[] sealedEnvelope;

  /** The cipher of this row, once sealed or opened: the receipt and status reason change later. */
  @Transient private RowCipher sealedWith;

  /**
   * What the signature covers: the hub's canonical envelope, or an agency's own format (a GP
   * office's MsgHead), kept as the agency signed it.
   */
  @Column(name = "signed_format", length = 32, nullable = false)
  private String signedFormat;

  /** The recipient's receipt, in its words: status and any error codes. */
  @Transient private String receipt;

  @Column(name = "sealed_receipt")
  private byte[] sealedReceipt;

  /** The recipient's own id for what it received, such as NAV's acknowledgement number. */
  @Column(name = "recipient_reference", length = 100)
  private String recipientReference;

  @Convert(converter = InstantConverter.class)
  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 16, nullable = false)
  private DeliveryStatus status;

  @Transient private String statusReason;

  @Column(name = "sealed_status_reason")
  private byte[] sealedStatusReason;

  @Convert(converter = InstantConverter.class)
  @Column(name = "status_changed_at", nullable = false)
  private Instant statusChangedAt;

  @Column(name = "read_by")
  private String readBy;

  /** When it reached its recipient; kept when the message is held afterwards. */
  @Convert(converter = InstantConverter.class)
  @Column(name = "delivered_at")
  private Instant deliveredAt;

  /**
   * When its sending agency last marked the outcome seen; an outcome that changes afterwards needs
   * a look again.
   */
  @Convert(converter = InstantConverter.class)
  @Column(name = "sender_seen_at")
  private Instant senderSeenAt;

  /** When the body, envelope, receipt and status reason were erased (ADR 0035). */
  @Convert(converter = InstantConverter.class)
  @Column(name = "erased_at")
  private Instant erasedAt;

  /** Two deliveries of one message (a claim that outlived its lease) cannot both commit. */
  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Message() {}

  Message(MessageEnvelope envelope, byte[] signedEnvelope, String senderUser) {
    this(envelope, signedEnvelope, MessageEnvelope.FORMAT, senderUser);
  }

  Message(MessageEnvelope envelope, byte[] signedEnvelope, String signedFormat, String senderUser) {
    this.signedFormat = Objects.requireNonNull(signedFormat);
    this.id = envelope.messageId();
    this.conversationId = envelope.conversationId();
    this.inReplyTo = envelope.inReplyTo();
    this.kind = envelope.kind();
    this.senderAgency = envelope.sender();
    this.senderUser = Objects.requireNonNull(senderUser);
    this.recipientAgency = envelope.recipient();
    this.subjectId = envelope.subjectId();
    this.category = DataCategory.fromCode(envelope.category());
    this.purpose = Purpose.fromCode(envelope.purpose());
    this.consentId = envelope.consentId();
    this.body = envelope.body();
    this.signedEnvelope = signedEnvelope.clone();
    this.createdAt = envelope.createdAt();
    this.status = DeliveryStatus.CREATED;
    this.statusChangedAt = createdAt;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String sealedTable() {
    return "message";
  }

  @Override
  public Optional<String> dataKeyId() {
    return Optional.ofNullable(dataKeyId);
  }

  @Override
  public void seal(RowCipher row) {
    if (dataKeyId != null) {
      throw new IllegalStateException("message " + id + " is sealed already");
    }
    dataKeyId = row.dataKeyId();
    sealedBody = row.seal("body", body);
    sealedEnvelope = row.seal("signed_envelope", signedEnvelope);
    sealedWith = row;
    sealSideText();
  }

  @Override
  public void open(RowCipher row) {
    body = row.openText("body", sealedBody);
    signedEnvelope = row.open("signed_envelope", sealedEnvelope);
    receipt = row.openText("receipt", sealedReceipt);
    statusReason = row.openText("status_reason", sealedStatusReason);
    sealedWith = row;
  }

  /**
   * Seals the receipt and status reason as they now are. Before the message is first sealed there
   * is nothing to do: {@link #seal} does it.
   */
  private void sealSideText() {
    if (sealedWith == null) {
      if (dataKeyId != null) {
        throw new IllegalStateException("message " + id + " changed without being opened");
      }
      return;
    }
    sealedReceipt = sealedWith.seal("receipt", receipt);
    sealedStatusReason = sealedWith.seal("status_reason", statusReason);
  }

  /**
   * Erases what the message said and what was said back about it: empties the sealed body and
   * envelope, the receipt and the status reason, and gives back the data key for the caller to
   * destroy. Who sent what to whom, when, about whom and under which consent stays: the audit log
   * and the status need it.
   */
  public Optional<String> erase(Instant at) {
    if (erasedAt != null) {
      return Optional.empty();
    }
    String key = dataKeyId;
    dataKeyId = null;
    sealedBody = null;
    sealedEnvelope = null;
    body = null;
    signedEnvelope = null;
    receipt = null;
    statusReason = null;
    erasedAt = Objects.requireNonNull(at);
    return Optional.ofNullable(key);
  }

  public Optional<Instant> erasedAt() {
    return Optional.ofNullable(erasedAt);
  }

  /**
   * Whether the message has reached the end of its way: handed over (to an inbox or to the agency's
   * own system), failed, expired, held or declined. One created or being handed over has not.
   */
  public boolean isSettled() {
    return switch (status) {
      case CREATED, SENT -> false;
      case DELIVERED, READ, FAILED, EXPIRED, HELD, DECLINED -> true;
    };
  }

  public String conversationId() {
    return conversationId;
  }

  public Optional<String> inReplyTo() {
    return Optional.ofNullable(inReplyTo);
  }

  public MessageKind kind() {
    return kind;
  }

  public OrganisationNumber sender() {
    return new OrganisationNumber(senderAgency);
  }

  public String senderUser() {
    return senderUser;
  }

  public OrganisationNumber recipient() {
    return new OrganisationNumber(recipientAgency);
  }

  public String subjectId() {
    return subjectId;
  }

  public DataCategory category() {
    return category;
  }

  public Purpose purpose() {
    return purpose;
  }

  public Optional<String> consentId() {
    return Optional.ofNullable(consentId);
  }

  public String body() {
    return body;
  }

  public byte[] signedEnvelope() {
    return signedEnvelope.clone();
  }

  public String signedFormat() {
    return signedFormat;
  }

  public Optional<String> receipt() {
    return Optional.ofNullable(receipt);
  }

  public Optional<String> recipientReference() {
    return Optional.ofNullable(recipientReference);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public DeliveryStatus status() {
    return status;
  }

  public Optional<String> statusReason() {
    return Optional.ofNullable(statusReason);
  }

  public Instant statusChangedAt() {
    return statusChangedAt;
  }

  /** When the message reached its recipient, if it ever did; a later hold does not undo it. */
  public Optional<Instant> deliveredAt() {
    return Optional.ofNullable(deliveredAt);
  }

  public Optional<String> readBy() {
    return Optional.ofNullable(readBy);
  }

  /**
   * Whether its sending agency should look at how it ended (held, failed, expired, declined) and
   * has not marked that outcome seen.
   */
  public boolean needsSenderAttention() {
    return status.needsSenderAttention()
        && (senderSeenAt == null || senderSeenAt.isBefore(statusChangedAt));
  }

  /** The information flow this message is: from its sender to its recipient. */
  public Flow flow() {
    return new Flow(subjectId, sender(), recipient(), category, purpose);
  }

  /**
   * For a request, the flow its answer will be: the consent that lets the answer back is the one a
   * request relies on.
   */
  public Flow answerFlow() {
    return new Flow(subjectId, recipient(), sender(), category, purpose);
  }

  public boolean involves(OrganisationNumber agency) {
    return senderAgency.equals(agency.value()) || recipientAgency.equals(agency.value());
  }

  void deliver(String consentId, Instant at) {
    this.consentId = consentId;
    this.deliveredAt = at;
    move(DeliveryStatus.DELIVERED, null, at);
  }

  /** Cleared for delivery on this consent, as decided just before it leaves the hub. */
  void clearOn(String consentId) {
    this.consentId = consentId;
  }

  /** Handed to the recipient's system, which has yet to confirm it with a receipt. */
  void markSent(Instant at) {
    move(DeliveryStatus.SENT, null, at);
  }

  /**
   * The recipient's system confirmed it; {@code receipt} keeps what its receipt said, if anything.
   */
  void confirm(String receipt, String reference, Instant at) {
    this.receipt = receipt == null ? null : abbreviate(receipt);
    sealSideText();
    this.recipientReference = reference;
    this.deliveredAt = at;
    move(DeliveryStatus.DELIVERED, null, at);
  }

  /** The recipient's system rejected it; the receipt says why. */
  void reject(String receipt, Instant at) {
    this.receipt = abbreviate(receipt);
    sealSideText();
    move(DeliveryStatus.FAILED, receipt, at);
  }

  void expire(String reason, Instant at) {
    move(DeliveryStatus.EXPIRED, reason, at);
  }

  void hold(String reason, Instant at) {
    this.consentId = null;
    move(DeliveryStatus.HELD, reason, at);
  }

  void fail(String reason, Instant at) {
    move(DeliveryStatus.FAILED, reason, at);
  }

  /** The recipient declined to answer this request; {@code declineId} is the reply saying why. */
  void decline(String declineId, Instant at) {
    move(DeliveryStatus.DECLINED, "declined; the reason is in message " + declineId, at);
  }

  void markSeenBySender(Instant at) {
    this.senderSeenAt = at;
  }

  void markRead(String by, Instant at) {
    if (status == DeliveryStatus.DELIVERED) {
      this.readBy = by;
      move(DeliveryStatus.READ, null, at);
    }
  }

  boolean isAwaitingDelivery() {
    return status == DeliveryStatus.CREATED || status == DeliveryStatus.SENT;
  }

  /**
   * Whether an answer to this request may still come: once it reached the recipient, or while its
   * receipt is still to come, since the recipient's system can answer before the outcome of the
   * hand-over is recorded, and only a recipient that got the request knows its id. A request that
   * failed, expired or was held is closed.
   */
  boolean isOpenForAnswers() {
    return kind == MessageKind.REQUEST && (status.isInInbox() || isAwaitingDelivery());
  }

  private void move(DeliveryStatus to, String reason, Instant at) {
    this.status = to;
    this.statusReason = reason == null ? null : abbreviate(reason);
    sealSideText();
    this.statusChangedAt = at;
  }

  private static String abbreviate(String text) {
    return text.length() <= 1000 ? text : text.substring(0, 997) + "...";
  }
}
