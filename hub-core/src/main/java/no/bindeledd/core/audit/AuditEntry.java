package no.bindeledd.core.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import no.bindeledd.core.canonical.CanonicalJson;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * One appended audit entry. The {@link #canonicalBytes()} are the record of truth: the hash chain
 * and, later, the Merkle tree are computed over them, never over the columns. The other columns are
 * copies for searching, and the chain check compares them with the bytes. An entry belongs to one
 * log ({@link AuditLogId}), whose sequence numbers start at 1; the log is not in the bytes, which
 * keep the one entry form every log and the offline verifier share.
 */
@Entity
@Table(name = "audit_entry")
@IdClass(AuditEntry.Key.class)
public class AuditEntry {

  /** An entry's log and its sequence number in that log. */
  public static class Key implements Serializable {

    private static final long serialVersionUID = 1L;

    private String log;
    private long seq;

    protected Key() {}

    public Key(AuditLogId log, long seq) {
      this.log = log.value();
      this.seq = seq;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key that && seq == that.seq && Objects.equals(log, that.log);
    }

    @Override
    public int hashCode() {
      return Objects.hash(log, seq);
    }
  }

  /**
   * The form version written into every new entry as {@code "v"}. Form 2 adds {@code "note"}: null,
   * or the hex SHA-256 of a note's random salt and its UTF-8 text (ADR 0034). Entries of form 1,
   * which have no note, stay in the logs and verify as before.
   */
  public static final int FORM_VERSION = 2;

  public static final String GENESIS_HASH = "0".repeat(64);

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  @Id
  @Column(name = "log_id", length = 8)
  private String log;

  @Id
  @Column(name = "seq")
  private long seq;

  @Lob
  @Column(name = "canonical_bytes", nullable = false)
  private byte[] canonicalBytes;

  @Column(name = "entry_hash", length = 64, nullable = false)
  private String entryHash;

  @Column(name = "prev_hash", length = 64, nullable = false)
  private String prevHash;

  @Convert(converter = InstantConverter.class)
  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  @Column(name = "actor_user", nullable = false)
  private String actorUser;

  @Column(name = "actor_agency", length = 9)
  private String actorAgency;

  @Column(name = "action", length = 64, nullable = false)
  private String action;

  @Column(name = "outcome", length = 16, nullable = false)
  private String outcome;

  @Column(name = "subject_id", length = 36)
  private String subjectId;

  @Column(name = "consent_id", length = 36)
  private String consentId;

  @Column(name = "message_id", length = 36)
  private String messageId;

  /** The note to store beside the entry as it is added; never read back from here. */
  @Transient private AuditNote pendingNote;

  protected AuditEntry() {}

  static AuditEntry append(
      AuditLogId log, AuditEvent event, long seq, Instant at, String prevHash) {
    AuditEntry entry = new AuditEntry();
    entry.log = log.value();
    entry.seq = seq;
    entry.recordedAt = at.truncatedTo(ChronoUnit.MILLIS);
    entry.prevHash = prevHash;
    entry.actorUser = event.actor.userId();
    entry.actorAgency = event.actor.agency() == null ? null : event.actor.agency().value();
    entry.action = event.action.code();
    entry.outcome = event.outcome.code();
    entry.subjectId = event.subjectId;
    entry.consentId = event.consentId;
    entry.messageId = event.messageId;
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("v", FORM_VERSION);
    members.put("seq", seq);
    members.put("time", formatTime(entry.recordedAt));
    members.put("actor", entry.actorUser);
    members.put("actorAgency", entry.actorAgency);
    members.put("actorRole", event.actor.role().code());
    members.put("action", entry.action);
    members.put("outcome", entry.outcome);
    members.put("subject", event.subjectId);
    members.put("purpose", event.purpose);
    members.put("category", event.category);
    members.put("consent", event.consentId);
    members.put("message", event.messageId);
    members.put("conversation", event.conversationId);
    members.put("from", event.fromAgency);
    members.put("to", event.toAgency);
    members.put("reason", event.reason);
    if (event.note != null) {
      entry.pendingNote = AuditNote.of(entry, event.note);
      members.put("note", entry.pendingNote.commitment());
    }
    members.put("prev", prevHash);
    entry.canonicalBytes = CanonicalJson.encode(members);
    entry.entryHash = sha256Hex(entry.canonicalBytes);
    return entry;
  }

  /** The note written with the entry, to be stored beside it; empty once stored or if none. */
  public java.util.Optional<AuditNote> takePendingNote() {
    AuditNote note = pendingNote;
    pendingNote = null;
    return java.util.Optional.ofNullable(note);
  }

  static String formatTime(Instant at) {
    // ISO_INSTANT drops trailing zero millis; the canonical form always has exactly three.
    String text = TIME.format(at.truncatedTo(ChronoUnit.MILLIS));
    if (text.length() == 20) {
      return text.substring(0, 19) + ".000Z";
    }
    return text;
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The log the entry belongs to. */
  public AuditLogId log() {
    return new AuditLogId(log);
  }

  public long seq() {
    return seq;
  }

  public byte[] canonicalBytes() {
    return canonicalBytes.clone();
  }

  public String entryHash() {
    return entryHash;
  }

  public String prevHash() {
    return prevHash;
  }

  public Instant recordedAt() {
    return recordedAt;
  }

  public String actorUser() {
    return actorUser;
  }

  public String actorAgency() {
    return actorAgency;
  }

  public String action() {
    return action;
  }

  public String outcome() {
    return outcome;
  }

  public String subjectId() {
    return subjectId;
  }

  public String consentId() {
    return consentId;
  }

  public String messageId() {
    return messageId;
  }
}
