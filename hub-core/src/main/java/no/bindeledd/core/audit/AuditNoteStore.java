package no.bindeledd.core.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Storage of the audit entries' notes, opened as they are read; erased ones stay as rows. */
public interface AuditNoteStore {

  /** The note of the log's entry {@code seq}, if it was written with one. */
  Optional<AuditNote> find(AuditLogId log, long seq);

  /** The notes of the log's entries {@code seqs} that were written with one, in one query. */
  List<AuditNote> find(AuditLogId log, Collection<Long> seqs);

  /** The notes not yet erased of entries about {@code subjectId}, at most {@code max}. */
  List<AuditNote> unerasedAbout(String subjectId, int max);

  /** The notes not yet erased of entries recorded before {@code before}, at most {@code max}. */
  List<AuditNote> unerasedRecordedBefore(Instant before, int max);
}
