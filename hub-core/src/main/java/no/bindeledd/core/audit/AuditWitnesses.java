package no.bindeledd.core.audit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.witness.Cosignatures;

/**
 * The witnesses the hub submits its checkpoints to, how long it waits for one, and how long one may
 * keep failing before the hub raises the alarm.
 *
 * @param witnesses each witness: where it takes submissions, and its cosignature key
 * @param timeout how long to wait to connect to a witness and for its answer
 * @param alarmAfter how long a witness may fail (unreachable, refusing for other reasons than
 *     inconsistency) before the readiness check goes DOWN
 */
public record AuditWitnesses(List<Endpoint> witnesses, Duration timeout, Duration alarmAfter) {

  public AuditWitnesses {
    witnesses = List.copyOf(witnesses);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(alarmAfter, "alarmAfter");
    Set<String> seen = new HashSet<>();
    for (Endpoint witness : witnesses) {
      if (!seen.add(witness.id())) {
        throw new IllegalArgumentException("The witness " + witness.id() + " is configured twice");
      }
    }
  }

  /**
   * One witness.
   *
   * @param submissionPrefix where it takes {@code add-checkpoint}, such as {@code
   *     https://witness.example/}
   * @param key its verifier key, of type {@code 0x04}
   * @param development whether it is the embedded profile's development witness, which proves
   *     nothing to anyone but the developer
   */
  public record Endpoint(URI submissionPrefix, VerifierKey key, boolean development) {

    public Endpoint {
      Objects.requireNonNull(submissionPrefix, "submissionPrefix");
      Cosignatures.requireWitnessKey(key);
      String scheme = submissionPrefix.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException(
            "A witness is reached over http or https, not at " + submissionPrefix);
      }
    }

    /** The witness as {@code name+keyID}, as cosignatures are stored under. */
    public String id() {
      return key.name() + "+" + key.keyIdHex();
    }
  }

  /**
   * Reads the setting {@code hub.audit.witnesses}: witnesses separated by commas, each its
   * submission prefix, a space, and its verifier key.
   *
   * @throws IllegalArgumentException naming the witness that cannot be read
   */
  public static List<Endpoint> parse(String setting) {
    List<Endpoint> endpoints = new ArrayList<>();
    if (setting == null || setting.isBlank()) {
      return endpoints;
    }
    for (String item : setting.split(",")) {
      String[] parts = item.strip().split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "A witness is given as '<submission URL> <verifier key>', not '" + item.strip() + "'");
      }
      try {
        endpoints.add(new Endpoint(URI.create(parts[0]), VerifierKey.parse(parts[1]), false));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "The witness '" + item.strip() + "' cannot be used: " + e.getMessage(), e);
      }
    }
    return endpoints;
  }
}
