package no.bindeledd.core.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.bindeledd.core.atrest.AtRestCipher;
import no.bindeledd.core.atrest.DataKeys;

/**
 * Reads and erases the audit entries' notes (ADR 0034). Erasing destroys a note's data key and
 * empties its sealed columns; the entry, which holds only the note's commitment, is untouched, so
 * the chain, the tree, the checkpoints and the offline verifier still verify. What to erase and
 * when is the retention rules' decision, not this class's.
 */
@ApplicationScoped
public class AuditNotes {

  /** Notes erased per query; a call erases every matching note, this many at a time. */
  private static final int BATCH = 500;

  private AuditNoteStore notes;
  private DataKeys dataKeys;
  private AtRestCipher atRest;
  private Clock clock;

  protected AuditNotes() {}

  @Inject
  public AuditNotes(AuditNoteStore notes, DataKeys dataKeys, AtRestCipher atRest, Clock clock) {
    this.notes = notes;
    this.dataKeys = dataKeys;
    this.atRest = atRest;
    this.clock = clock;
  }

  /** Erases the notes of every entry about the person; returns how many were erased. */
  @Transactional
  public int eraseAbout(String subjectId) {
    return eraseAll(() -> notes.unerasedAbout(subjectId, BATCH));
  }

  /** Erases the notes of every entry recorded before {@code before}; returns how many. */
  @Transactional
  public int eraseRecordedBefore(Instant before) {
    return eraseAll(() -> notes.unerasedRecordedBefore(before, BATCH));
  }

  private int eraseAll(java.util.function.Supplier<List<AuditNote>> nextBatch) {
    Instant now = clock.instant();
    int erased = 0;
    List<AuditNote> batch;
    do {
      batch = nextBatch.get();
      for (AuditNote note : batch) {
        Optional<String> key = note.erase(now);
        key.ifPresent(
            id -> {
              dataKeys.destroy(id);
              atRest.forget(id);
            });
        erased++;
      }
    } while (batch.size() == BATCH);
    return erased;
  }

  /**
   * The entry's note: none, its text, or erased and when; altered if the stored note is not the one
   * the entry committed to, which the reader shows rather than hides.
   */
  @Transactional
  public NoteReading read(AuditEntry entry) {
    return reading(entry, notes.find(entry.log(), entry.seq()));
  }

  /**
   * The notes of {@code entries}, in their order, as {@link #read} reads each, with one query per
   * {@value #BATCH} entries of a log, so that a page of the log costs no query per entry.
   */
  @Transactional
  public List<NoteReading> readAll(List<AuditEntry> entries) {
    Map<AuditEntry.Key, AuditNote> stored = new HashMap<>();
    Map<AuditLogId, List<Long>> seqsByLog = new LinkedHashMap<>();
    for (AuditEntry entry : entries) {
      seqsByLog.computeIfAbsent(entry.log(), log -> new ArrayList<>()).add(entry.seq());
    }
    seqsByLog.forEach(
        (log, seqs) -> {
          for (int from = 0; from < seqs.size(); from += BATCH) {
            for (AuditNote note :
                notes.find(log, seqs.subList(from, Math.min(seqs.size(), from + BATCH)))) {
              stored.put(new AuditEntry.Key(note.log(), note.seq()), note);
            }
          }
        });
    return entries.stream()
        .map(e -> reading(e, Optional.ofNullable(stored.get(new AuditEntry.Key(e.log(), e.seq())))))
        .toList();
  }

  private static NoteReading reading(AuditEntry entry, Optional<AuditNote> stored) {
    String commitment = commitmentIn(entry.canonicalBytes());
    if (commitment == null) {
      if (stored.isPresent()) {
        return new NoteReading.Altered("a note is stored that the entry never committed to");
      }
      return new NoteReading.None();
    }
    if (stored.isEmpty()) {
      return new NoteReading.Altered("the entry's note is not stored");
    }
    AuditNote note = stored.get();
    if (note.erasedAt().isPresent()) {
      return new NoteReading.Erased(note.erasedAt().get());
    }
    if (!note.matches(commitment)) {
      return new NoteReading.Altered("the stored note is not the one the entry committed to");
    }
    return new NoteReading.Text(note.text().orElseThrow());
  }

  /** The entry's {@code "note"} member, or null if it has none. */
  static String commitmentIn(byte[] canonicalBytes) {
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(canonicalBytes))) {
      JsonObject json = reader.readObject();
      return json.get("note") instanceof JsonString s ? s.getString() : null;
    }
  }
}
