package no.bindeledd.core.audit.witness;

import java.util.List;
import java.util.Objects;
import no.bindeledd.core.audit.checkpoint.VerifierKey;

/**
 * A log a witness witnesses: its origin, the first line of its checkpoints, and the keys it signs
 * them with (usually one; two while a key is rotated).
 */
public record WitnessedLog(String origin, List<VerifierKey> keys) {

  public WitnessedLog {
    Objects.requireNonNull(origin, "origin");
    keys = List.copyOf(keys);
    if (origin.isEmpty() || origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("An origin is one non-empty line");
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("A witnessed log needs at least one key: " + origin);
    }
    for (VerifierKey key : keys) {
      if (key.type() != VerifierKey.Type.ED25519) {
        throw new IllegalArgumentException(
            "A log signs with an Ed25519 key (0x01); " + key.name() + " is " + key.type());
      }
    }
  }

  /** The log whose origin is its key's name, as the hub's is. */
  public static WitnessedLog of(VerifierKey key) {
    return new WitnessedLog(key.name(), List.of(key));
  }
}
