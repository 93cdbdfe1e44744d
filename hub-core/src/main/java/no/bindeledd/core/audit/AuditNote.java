package no.bindeledd.core.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import no.bindeledd.core.atrest.RowCipher;
import no.bindeledd.core.atrest.Sealable;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * The erasable note of one audit entry of form 2: its salt and text, sealed under a data key of the
 * note's own, beside the entry in its log. The entry chains only the commitment {@code
 * hex(SHA-256(salt || UTF-8 text))}; the random 32-byte salt keeps a short text from being guessed
 * from it. Erasing destroys the data key and empties the sealed columns, and keeps the row and the
 * time it was erased, so that a reader can say so (ADR 0034).
 */
@Entity
@Table(name = "audit_note")
@IdClass(AuditEntry.Key.class)
public class AuditNote implements Sealable {

  static final String TABLE = "audit_note";
  private static final int SALT_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Id
  @Column(name = "log_id", length = 8)
  private String log;

  @Id
  @Column(name = "seq")
  private long seq;

  @Column(name = "subject_id", length = 36)
  private String subjectId;

  @Convert(converter = InstantConverter.class)
  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  /** The data key the columns below are sealed with; destroying it erases them. */
  @Column(name = "data_key_id", length = 36)
  private String dataKeyId;

  @Column(name = "sealed_salt")
  private byte[] sealedSalt;

  @Column(name = "sealed_text")
  private byte[] sealedText;

  @Convert(converter = InstantConverter.class)
  @Column(name = "erased_at")
  private Instant erasedAt;

  @Transient private byte[] salt;
  @Transient private String text;

  protected AuditNote() {}

  static AuditNote of(AuditEntry entry, String text) {
    AuditNote note = new AuditNote();
    note.log = entry.log().value();
    note.seq = entry.seq();
    note.subjectId = entry.subjectId();
    note.recordedAt = entry.recordedAt();
    note.salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(note.salt);
    note.text = text;
    return note;
  }

  /** The commitment an entry holds as {@code "note"}: hex SHA-256 of the salt and the text. */
  public static String commitment(byte[] salt, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] committed = Arrays.copyOf(salt, salt.length + utf8.length);
    System.arraycopy(utf8, 0, committed, salt.length, utf8.length);
    return AuditEntry.sha256Hex(committed);
  }

  String commitment() {
    return commitment(salt, text);
  }

  /**
   * Erases the note: empties the sealed columns and records when. Returns the data key to destroy,
   * or empty if it was erased already.
   */
  public Optional<String> erase(Instant at) {
    if (erasedAt != null) {
      return Optional.empty();
    }
    String key = dataKeyId;
    dataKeyId = null;
    sealedSalt = null;
    sealedText = null;
    salt = null;
    text = null;
    erasedAt = at;
    return Optional.ofNullable(key);
  }

  public AuditLogId log() {
    return new AuditLogId(log);
  }

  public long seq() {
    return seq;
  }

  public String subjectId() {
    return subjectId;
  }

  public Instant recordedAt() {
    return recordedAt;
  }

  /** When it was erased, if it was. */
  public Optional<Instant> erasedAt() {
    return Optional.ofNullable(erasedAt);
  }

  /** The text, unless erased. */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /** Whether the salt and text are the ones the entry's {@code commitment} was made of. */
  public boolean matches(String commitment) {
    return text != null && salt != null && commitment(salt, text).equals(commitment);
  }

  @Override
  public String sealedTable() {
    return TABLE;
  }

  @Override
  public String id() {
    return log + "/" + seq;
  }

  @Override
  public Optional<String> dataKeyId() {
    return Optional.ofNullable(dataKeyId);
  }

  @Override
  public void seal(RowCipher row) {
    if (dataKeyId != null || erasedAt != null) {
      throw new IllegalStateException("audit note " + id() + " is sealed already");
    }
    dataKeyId = row.dataKeyId();
    sealedSalt = row.seal("salt", salt);
    sealedText = row.seal("text", text);
  }

  @Override
  public void open(RowCipher row) {
    salt = row.open("salt", sealedSalt);
    text = row.openText("text", sealedText);
  }
}
