package no.bindeledd.core.audit.verify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verification found. Counts are of what was checked and found sound before the first
 * failure, if any.
 *
 * @param origin the log's origin the export was checked against
 * @param entries the entries read and found sound, from entry 1
 * @param coveredEntries the size of the newest checkpoint whose root matched the entries
 * @param checkpoints the checkpoints verified: signature, name, order, timestamp and root
 * @param timestamps the timestamp tokens verified
 * @param consistencyProofs the consistency proofs between consecutive checkpoints verified
 * @param inclusionProofs the inclusion proofs of entries in the newest checkpoint verified
 * @param trustedCheckpoints the checkpoints the auditor saved earlier that the export was proven to
 *     extend: the same root at their size, and a consistency proof to the final checkpoint
 * @param cosignatures the witnesses' cosignatures verified, on all checkpoints, by witnesses given
 * @param witnesses how many of the witnesses given cosigned the newest checkpoint
 * @param exportAnchorsUsed whether the export's own copies of the key or certificates were trusted
 * @param findings what is worth knowing but is not wrong, such as checkpoints still waiting for
 *     their timestamp
 * @param failure the first thing found wrong, if any
 */
public record Report(
    String origin,
    long entries,
    long coveredEntries,
    int checkpoints,
    int timestamps,
    int consistencyProofs,
    int inclusionProofs,
    int trustedCheckpoints,
    int cosignatures,
    int witnesses,
    boolean exportAnchorsUsed,
    List<String> findings,
    Optional<Failure> failure) {

  public Report {
    findings = List.copyOf(findings);
    Objects.requireNonNull(failure, "failure");
  }

  /** Whether nothing was found wrong. */
  public boolean verified() {
    return failure.isEmpty();
  }
}
