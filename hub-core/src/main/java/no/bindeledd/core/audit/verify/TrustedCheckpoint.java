package no.bindeledd.core.audit.verify;

import java.util.Objects;

/**
 * A checkpoint the auditor saved from an earlier audit, kept apart from the hub: the signed note as
 * {@code GET /api/audit/checkpoints/latest} served it. An export must extend every such checkpoint:
 * hold at least its entries, with the very root it signs. This is what catches a history rewritten
 * and signed anew after the auditor last looked.
 *
 * @param source where the auditor keeps it, such as the file name, for the report
 * @param signedNote the C2SP signed note of the checkpoint, exactly as the hub served it
 */
public record TrustedCheckpoint(String source, String signedNote) {

  public TrustedCheckpoint {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(signedNote, "signedNote");
  }
}
