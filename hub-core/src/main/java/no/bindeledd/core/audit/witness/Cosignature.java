package no.bindeledd.core.audit.witness;

import java.time.Instant;
import java.util.Objects;
import no.bindeledd.core.audit.checkpoint.VerifierKey;

/**
 * A witness's verified cosignature of a checkpoint.
 *
 * @param witness the witness's verifier key (type {@code 0x04})
 * @param time when the witness says it cosigned, to the second: as of then, this checkpoint was the
 *     largest consistent one it had seen of the log
 * @param line the signature line, {@code — <name> <base64>} and a newline, to keep beside the
 *     checkpoint
 */
public record Cosignature(VerifierKey witness, Instant time, String line) {

  public Cosignature {
    Objects.requireNonNull(witness, "witness");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(line, "line");
  }

  /** The witness as {@code name+keyID}, as logs and reports name it. */
  public String witnessId() {
    return witness.name() + "+" + witness.keyIdHex();
  }
}
