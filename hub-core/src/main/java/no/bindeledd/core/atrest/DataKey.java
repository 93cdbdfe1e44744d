package no.bindeledd.core.atrest;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import no.bindeledd.core.persistence.InstantConverter;

/**
 * One person's or one message's data key as the database keeps it: only wrapped (AES key wrap, RFC
 * 3394) by the key-encryption key of {@link #kekVersion()}. Deleting the row erases the data sealed
 * with it; re-wrapping it under a newer key-encryption key changes nothing sealed.
 */
@Entity
@Table(name = "data_key")
public class DataKey {

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "wrapped_key", nullable = false)
  private byte[] wrappedKey;

  @Column(name = "kek_version", nullable = false)
  private int kekVersion;

  @Convert(converter = InstantConverter.class)
  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected DataKey() {}

  DataKey(UUID id, byte[] wrappedKey, int kekVersion, Instant createdAt) {
    this.id = id.toString();
    this.wrappedKey = wrappedKey.clone();
    this.kekVersion = kekVersion;
    this.createdAt = createdAt;
  }

  /** A data key as read from its row by other means than the JPA provider, at start. */
  public static DataKey asStored(String id, byte[] wrappedKey, int kekVersion, Instant createdAt) {
    return new DataKey(UUID.fromString(id), wrappedKey, kekVersion, createdAt);
  }

  public String id() {
    return id;
  }

  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  public int kekVersion() {
    return kekVersion;
  }

  public Instant createdAt() {
    return createdAt;
  }

  void rewrapped(byte[] wrappedKey, int kekVersion) {
    this.wrappedKey = wrappedKey.clone();
    this.kekVersion = kekVersion;
  }
}
