package no.bindeledd.core.audit.witness;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import no.bindeledd.core.audit.checkpoint.VerifierKey;

/**
 * Checks witnesses' cosignature lines on a checkpoint, as C2SP tlog-witness tells a client to: the
 * lines are appended to the checkpoint's text as the signatures of a note, and every line by a
 * known witness key must verify; lines by other keys are ignored and named.
 */
public final class Cosignatures {

  private Cosignatures() {}

  /**
   * What the check found.
   *
   * @param verified the cosignatures by known witnesses, each verified, in the order given
   * @param unknownSigners the {@code name+keyID} of the other lines
   */
  public record Found(List<Cosignature> verified, List<String> unknownSigners) {

    public Found {
      verified = List.copyOf(verified);
      unknownSigners = List.copyOf(unknownSigners);
    }

    /** How many distinct known witnesses cosigned. */
    public long witnesses() {
      return verified.stream().map(Cosignature::witnessId).distinct().count();
    }
  }

  /**
   * Checks cosignature lines against a checkpoint's text.
   *
   * @param checkpointText the checkpoint note's text, ending in a newline (verified by the caller
   *     with the log's key)
   * @param lines signature lines, each ending in a newline; empty for none
   * @param witnesses the witness keys the caller trusts, all of type {@code 0x04}
   * @throws NoteRejected if a line is malformed or a known witness's cosignature does not verify
   * @throws IllegalArgumentException if a key is not a cosignature key
   */
  public static Found verify(
      String checkpointText, String lines, Collection<VerifierKey> witnesses) {
    Objects.requireNonNull(checkpointText, "checkpointText");
    Objects.requireNonNull(lines, "lines");
    for (VerifierKey key : witnesses) {
      requireWitnessKey(key);
    }
    if (lines.isEmpty()) {
      return new Found(List.of(), List.of());
    }
    SignedNote.Opened opened =
        SignedNote.open(
            (checkpointText + "\n" + lines).getBytes(StandardCharsets.UTF_8), witnesses);
    if (!opened.text().equals(checkpointText)) {
      throw new NoteRejected(
          NoteRejected.Reason.MALFORMED, "the cosignature lines hold an empty line");
    }
    return new Found(
        opened.signatures().stream()
            .map(
                signature ->
                    new Cosignature(
                        signature.key(), signature.cosignedAt().orElseThrow(), signature.line()))
            .toList(),
        opened.unknownSigners());
  }

  /**
   * @throws IllegalArgumentException if the key is not a witness's cosignature key
   */
  public static VerifierKey requireWitnessKey(VerifierKey key) {
    Objects.requireNonNull(key, "key");
    if (key.type() != VerifierKey.Type.COSIGNATURE_V1) {
      throw new IllegalArgumentException(
          "A witness key is of type "
              + VerifierKey.Type.COSIGNATURE_V1
              + ", but "
              + key.name()
              + "+"
              + key.keyIdHex()
              + " is "
              + key.type()
              + ": a log's key, not a witness's");
    }
    return key;
  }
}
