package no.bindeledd.core.audit.verify;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.audit.checkpoint.Checkpoint;

/**
 * A signed checkpoint as it goes into an export: the signed note exactly as the hub signed it, the
 * RFC 3161 token over the SHA-256 of the note's UTF-8 bytes, if the authority has answered yet, and
 * the witnesses' cosignatures of it, if any cosigned.
 *
 * @param signedNote the C2SP signed note of the checkpoint
 * @param timestampToken the DER TimeStampToken, or null while the checkpoint waits for it
 * @param cosignatures the witnesses' cosignature lines (C2SP tlog-cosignature), each ending in a
 *     newline; empty when no witness cosigned it
 */
public record ExportedCheckpoint(String signedNote, byte[] timestampToken, String cosignatures) {

  public ExportedCheckpoint {
    Objects.requireNonNull(signedNote, "signedNote");
    Objects.requireNonNull(cosignatures, "cosignatures");
    timestampToken = timestampToken == null ? null : timestampToken.clone();
    if (!cosignatures.isEmpty() && !cosignatures.endsWith("\n")) {
      throw new IllegalArgumentException("Each cosignature line ends in a newline");
    }
  }

  /** A checkpoint no witness cosigned. */
  public ExportedCheckpoint(String signedNote, byte[] timestampToken) {
    this(signedNote, timestampToken, "");
  }

  /** This checkpoint with the witnesses' cosignature lines. */
  public ExportedCheckpoint withCosignatures(String lines) {
    return new ExportedCheckpoint(signedNote, timestampToken, lines);
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
        && Arrays.equals(timestampToken, that.timestampToken)
        && cosignatures.equals(that.cosignatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(signedNote, Arrays.hashCode(timestampToken), cosignatures);
  }

  @Override
  public String toString() {
    return "ExportedCheckpoint[signedNote="
        + signedNote.length()
        + " characters, timestampToken="
        + (timestampToken == null ? "none" : timestampToken.length + " bytes")
        + ", cosignatures="
        + cosignatures.lines().count()
        + "]";
  }
}
