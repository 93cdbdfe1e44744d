package no.bindeledd.core.audit.verify;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import no.bindeledd.core.audit.checkpoint.VerifierKey;

/**
 * What the auditor trusts, obtained apart from the export: the log's verifier key (the hub
 * publishes it at {@code GET /api/audit/log-key}), the certificates of the time-stamping
 * authorities (at {@code GET /api/audit/tsa-certificates}), and the checkpoints the auditor saved
 * from earlier audits. The copies inside an export prove nothing by themselves: whoever could
 * change the export could change them too.
 *
 * @param logKey the log's key, or null to take the export's copy (only with {@link
 *     ExportVerifier.Options#trustExportAnchors()})
 * @param tsaCertificates the trusted TSA certificates, and any certificates the authorities send
 *     along with their tokens; empty to take the export's copies (likewise)
 * @param checkpoints the checkpoints the auditor saved earlier, which the export must extend; they
 *     are checked against the trusted log key, so they need one
 */
public record TrustAnchors(
    VerifierKey logKey,
    List<X509Certificate> tsaCertificates,
    List<TrustedCheckpoint> checkpoints) {

  public TrustAnchors {
    tsaCertificates = List.copyOf(Objects.requireNonNull(tsaCertificates, "tsaCertificates"));
    checkpoints = List.copyOf(Objects.requireNonNull(checkpoints, "checkpoints"));
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
    return new TrustAnchors(logKey, tsaCertificates, saved);
  }

  public Optional<VerifierKey> key() {
    return Optional.ofNullable(logKey);
  }
}
