package no.bindeledd.core.audit;

import java.time.Instant;

/** What an audit entry's note reads as: none, its text, erased and when, or altered. */
public sealed interface NoteReading {

  /** The entry was written without a note (every entry of form 1 is). */
  record None() implements NoteReading {}

  /** The note's text, checked against the entry's commitment. */
  record Text(String text) implements NoteReading {}

  /** The note was erased; the entry still holds its commitment. */
  record Erased(Instant at) implements NoteReading {}

  /** The stored note is not the one the entry committed to, or is missing: it was altered. */
  record Altered(String problem) implements NoteReading {}
}
