package no.bindeledd.core.atrest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens the columns of one row with the row's data key: AES-256-GCM, the value stored as
 * a format byte, the data key's id, a random 96-bit nonce and the ciphertext with its tag. The
 * associated data names the table, column and row, so that a value copied into another row or
 * column does not open.
 */
public final class RowCipher {

  /** The stored form's first byte; another is refused rather than guessed at. */
  static final byte FORMAT = 1;

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER_BYTES = 1 + 16 + NONCE_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String table;
  private final String rowId;
  private final UUID dataKeyId;
  private final SecretKey dataKey;
  private final AtRestCipher lookups;

  RowCipher(String table, String rowId, UUID dataKeyId, SecretKey dataKey, AtRestCipher lookups) {
    this.table = table;
    this.rowId = rowId;
    this.dataKeyId = dataKeyId;
    this.dataKey = dataKey;
    this.lookups = lookups;
  }

  public String dataKeyId() {
    return dataKeyId.toString();
  }

  public byte[] seal(String column, String plain) {
    return plain == null ? null : seal(column, plain.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] seal(String column, byte[] plain) {
    if (plain == null) {
      return null;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    ByteBuffer sealed = ByteBuffer.allocate(HEADER_BYTES + plain.length + TAG_BITS / 8);
    sealed.put(FORMAT);
    sealed.putLong(dataKeyId.getMostSignificantBits()).putLong(dataKeyId.getLeastSignificantBits());
    sealed.put(nonce);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
      gcm.updateAAD(associatedData(column));
      sealed.put(gcm.doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
    return sealed.array();
  }

  public String openText(String column, byte[] sealed) {
    byte[] plain = open(column, sealed);
    return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
  }

  public byte[] open(String column, byte[] sealed) {
    if (sealed == null) {
      return null;
    }
    if (sealed.length < HEADER_BYTES + TAG_BITS / 8) {
      throw new UnreadableAtRest(place(column) + " is too short to be sealed");
    }
    if (sealed[0] != FORMAT) {
      throw new UnreadableAtRest(
          place(column) + " is sealed in an unknown format (" + (sealed[0] & 0xff) + ")");
    }
    ByteBuffer header = ByteBuffer.wrap(sealed, 1, 16);
    UUID sealedWith = new UUID(header.getLong(), header.getLong());
    if (!sealedWith.equals(dataKeyId)) {
      throw new UnreadableAtRest(
          place(column) + " is sealed with data key " + sealedWith + ", not the row's own");
    }
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.DECRYPT_MODE,
          dataKey,
          new GCMParameterSpec(TAG_BITS, sealed, 1 + 16, NONCE_BYTES));
      gcm.updateAAD(associatedData(column));
      return gcm.doFinal(sealed, HEADER_BYTES, sealed.length - HEADER_BYTES);
    } catch (AEADBadTagException e) {
      throw new UnreadableAtRest(
          place(column) + " does not open: altered, or moved from another row or column", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The keyed hash of {@code value} by which {@code column} is looked up. */
  public String lookupHash(String column, String value) {
    return lookups.lookupHash(table, column, value);
  }

  private byte[] associatedData(String column) {
    return ("bindeledd-at-rest/"
            + FORMAT
            + "\0"
            + table
            + "\0"
            + column
            + "\0"
            + rowId
            + "\0"
            + dataKeyId)
        .getBytes(StandardCharsets.UTF_8);
  }

  private String place(String column) {
    return table + "." + column + " of " + rowId;
  }
}
