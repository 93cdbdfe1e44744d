package no.bindeledd.core.audit.verify;

import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.witness.Cosignatures;

/**
 * What the auditor trusts, obtained apart from the export: the log's verifier key (the hub
 * publishes it at {@code GET /api/audit/log-key}), the certificates of the time-stamping
 * authorities (at {@code GET /api/audit/tsa-certificates}), and the checkpoints the auditor saved
 * from earlier audits, and the keys of the witnesses it knows. The copies inside an export prove
 * nothing by themselves: whoever could change the export could change them too.
 *
 * @param logKey the log's key, or null to take the export's copy (only with {@link
 *     ExportVerifier.Options#trustExportAnchors()})
 * @param tsaCertificates the trusted TSA certificates, and any certificates the authorities send
 *     along with their tokens; empty to take the export's copies (likewise)
 * @param checkpoints the checkpoints the auditor saved earlier, which the export must extend; they
 *     are checked against the trusted log key, so they need one
 * @param witnesses the verifier keys (type {@code 0x04}) of the witnesses the auditor knows; every
 *     cosignature by one of them must verify
 * @param requiredWitnesses how many of those witnesses must have cosigned the newest checkpoint:
 *     from 1 to their number, or 0 when no witness is given
 */
public record TrustAnchors(
    VerifierKey logKey,
    List<X509Certificate> tsaCertificates,
    List<TrustedCheckpoint> checkpoints,
    List<VerifierKey> witnesses,
    int requiredWitnesses) {

  public TrustAnchors {
    tsaCertificates = List.copyOf(Objects.requireNonNull(tsaCertificates, "tsaCertificates"));
    checkpoints = List.copyOf(Objects.requireNonNull(checkpoints, "checkpoints"));
    witnesses = List.copyOf(Objects.requireNonNull(witnesses, "witnesses"));
    Set<String> distinct = new HashSet<>();
    for (VerifierKey witness : witnesses) {
      Cosignatures.requireWitnessKey(witness);
      if (!distinct.add(witness.name() + "+" + witness.keyIdHex())) {
        throw new IllegalArgumentException(
            "The witness " + witness.name() + "+" + witness.keyIdHex() + " is given twice");
      }
    }
    if (witnesses.isEmpty()
        ? requiredWitnesses != 0
        : requiredWitnesses < 1 || requiredWitnesses > witnesses.size()) {
      throw new IllegalArgumentException(
          witnesses.isEmpty()
              ? "Witnesses can only be required when their keys are given"
              : "Between 1 and "
                  + witnesses.size()
                  + " of the "
                  + witnesses.size()
                  + " witnesses given can be required, not "
                  + requiredWitnesses);
    }
  }

  /** Anchors without witnesses. */
  public TrustAnchors(
      VerifierKey logKey,
      List<X509Certificate> tsaCertificates,
      List<TrustedCheckpoint> checkpoints) {
    this(logKey, tsaCertificates, checkpoints, List.of(), 0);
  }

  /** Anchors given by the caller. */
  public static TrustAnchors of(VerifierKey logKey, List<X509Certificate> tsaCertificates) {
    return new TrustAnchors(Objects.requireNonNull(logKey, "logKey"), tsaCertificates, List.of());
  }

  /** No anchors of the caller's: the export's copies are used, and the report says so. */
  public static TrustAnchors fromExport() {
    return new TrustAnchors(null, List.of(), List.of());
  }

  /** These anchors and checkpoints the auditor saved earlier. */
  public TrustAnchors withCheckpoints(List<TrustedCheckpoint> saved) {
    return new TrustAnchors(logKey, tsaCertificates, saved, witnesses, requiredWitnesses);
  }

  /**
   * These anchors and the witnesses the auditor knows, {@code required} of which must have cosigned
   * the newest checkpoint.
   */
  public TrustAnchors withWitnesses(List<VerifierKey> known, int required) {
    return new TrustAnchors(logKey, tsaCertificates, checkpoints, known, required);
  }

  public Optional<VerifierKey> key() {
    return Optional.ofNullable(logKey);
  }
}
