package no.bindeledd.core.audit.verify;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.audit.checkpoint.Checkpoint;

/**
 * A signed checkpoint as it goes into an export: the signed note exactly as the hub signed it, and
 * the RFC 3161 token over the SHA-256 of the note's UTF-8 bytes, if the authority has answered yet.
 *
 * @param signedNote the C2SP signed note of the checkpoint
 * @param timestampToken the DER TimeStampToken, or null while the checkpoint waits for it
 */
public record ExportedCheckpoint(String signedNote, byte[] timestampToken) {

  public ExportedCheckpoint {
    Objects.requireNonNull(signedNote, "signedNote");
    timestampToken = timestampToken == null ? null : timestampToken.clone();
  }

  /** A checkpoint without its timestamp yet. */
  public static ExportedCheckpoint untimestamped(String signedNote) {
    return new ExportedCheckpoint(signedNote, null);
  }

  @Override
  public byte[] timestampToken() {
    return timestampToken == null ? null : timestampToken.clone();
  }

  public Optional<byte[]> token() {
    return Optional.ofNullable(timestampToken());
  }

  /**
   * The checkpoint the note's text holds, read without checking its signature: the writer needs the
   * tree size for the file name, and the verifier checks the signature anyway.
   *
   * @throws IllegalArgumentException if the note holds no well-formed checkpoint
   */
  public Checkpoint unverifiedCheckpoint() {
    int end = signedNote.lastIndexOf("\n\n");
    if (end < 0) {
      throw new IllegalArgumentException("The note has no blank line before its signatures");
    }
    return Checkpoint.parse(signedNote.substring(0, end + 1));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExportedCheckpoint that
        && signedNote.equals(that.signedNote)
        && Arrays.equals(timestampToken, that.timestampToken);
  }

  @Override
  public int hashCode() {
    return 31 * signedNote.hashCode() + Arrays.hashCode(timestampToken);
  }

  @Override
  public String toString() {
    return "ExportedCheckpoint[signedNote="
        + signedNote.length()
        + " characters, timestampToken="
        + (timestampToken == null ? "none" : timestampToken.length + " bytes")
        + "]";
  }
}
