package no.bindeledd.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.NoteRejected;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.crypto.OwnerOnlyFiles;

/**
 * What the hub remembers having signed in one audit log, outside the database: its latest signed
 * checkpoint, in a file beside the log key ({@link AuditLogs#memoryFileName}, {@value #FILE_NAME}
 * for the hub's own log), and the alarm raised when the log no longer matches it. An insider who
 * rewrites the stored entries, relinks them and deletes the stored checkpoints still cannot make
 * the hub sign the rewritten history: the hub holds every tree it is about to sign against this
 * checkpoint first.
 *
 * <p>The file holds the signed note's exact UTF-8 bytes. It is written whole, owner only, forced to
 * disk and moved into place in one step, and only after the database transaction that stored the
 * checkpoint has committed: a file never names a checkpoint the database lost by a rollback. Safe
 * for concurrent use; {@link Checkpointer} serialises the writes.
 */
public final class CheckpointMemory {

  /** The file's name in the keys folder for the hub's own log. */
  public static final String FILE_NAME = "latest-checkpoint.note";

  private static final Logger LOG = Logger.getLogger(CheckpointMemory.class.getName());

  /**
   * A checkpoint the hub signed and remembers, verified with the log key.
   *
   * @param checkpoint what it signs
   * @param signedNote the signed note, exactly as signed
   */
  public record Remembered(Checkpoint checkpoint, String signedNote) {

    public Remembered {
      Objects.requireNonNull(checkpoint, "checkpoint");
      Objects.requireNonNull(signedNote, "signedNote");
    }

    public long size() {
      return checkpoint.size();
    }

    /** The line the next checkpoint names this one with. */
    public Checkpoint.Previous asPrevious() {
      return Checkpoint.Previous.of(size(), signedNote);
    }
  }

  private final Path file;
  private final LogIdentity identity;
  private volatile Remembered remembered;
  private volatile String alarm;

  /**
   * @param file where the memory is kept, {@value #FILE_NAME} in the keys folder
   * @param identity the log, whose key every remembered checkpoint must verify with
   */
  public CheckpointMemory(Path file, LogIdentity identity) {
    this.file = Objects.requireNonNull(file, "file");
    this.identity = Objects.requireNonNull(identity, "identity");
  }

  public Path file() {
    return file;
  }

  /**
   * The checkpoint the hub remembers signing last; empty before its first, or before {@link #load}.
   */
  public Optional<Remembered> remembered() {
    return Optional.ofNullable(remembered);
  }

  /**
   * Why the hub signs no more checkpoints: its log no longer matches what it signed. Empty while
   * all is well. Raised once, it stays until the hub is restarted on a log that matches again.
   */
  public Optional<String> alarm() {
    return Optional.ofNullable(alarm);
  }

  /**
   * Reads the file, if there is one, and remembers what it holds.
   *
   * @return the remembered checkpoint, or empty if there is no file
   * @throws IllegalStateException if the file holds no checkpoint of this log signed by its key
   */
  Optional<Remembered> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String note;
    try {
      note = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(
          "the checkpoint the hub remembers, in " + file + ", cannot be read: " + e.getMessage(),
          e);
    }
    Remembered read = verified(note, "the checkpoint the hub remembers, in " + file + ",");
    remembered = read;
    return Optional.of(read);
  }

  /**
   * Remembers a checkpoint the database has committed: writes the file, then holds it. A checkpoint
   * no larger than the one remembered is ignored.
   *
   * @throws IllegalStateException if the note is not a checkpoint signed by the log key
   * @throws UncheckedIOException if the file cannot be written; the previous one is then intact
   */
  void remember(String signedNote) {
    Remembered next = verified(signedNote, "a checkpoint to remember");
    Remembered current = remembered;
    if (current != null && next.size() <= current.size()) {
      return;
    }
    try {
      OwnerOnlyFiles.createDirectories(file.toAbsolutePath().getParent());
      OwnerOnlyFiles.writeAtomically(file, signedNote.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot remember checkpoint " + next.size() + " in " + file, e);
    }
    remembered = next;
  }

  /** Raises the alarm, logging it once: the hub signs nothing more. */
  void raise(String why) {
    if (alarm == null) {
      alarm = why;
      LOG.severe(
          () ->
              "Audit history alarm: "
                  + why
                  + ". The hub signs no more checkpoints until this is put right and it is"
                  + " restarted (see docs/audit.md, What the hub remembers).");
    }
  }

  /**
   * Where a tree no longer matches the remembered checkpoint, if it does not: the tree must be no
   * shorter, and its root at the remembered size must be the remembered root. The range is narrowed
   * with the stored checkpoints on the remembered chain that still verify and chain: the newest of
   * them whose root the tree still gives bounds it from below, the oldest that it does not give
   * bounds it from above. With all of them deleted, the range starts at entry 1.
   *
   * @param tree the log's tree, as the hub holds it or as rebuilt from the stored entries
   * @param stored the stored checkpoints
   * @param log the log this memory is of
   */
  public Optional<HistoryMismatch> compare(LogTree tree, Checkpoints stored, AuditLogId log) {
    Remembered last = remembered;
    if (last == null) {
      return Optional.empty();
    }
    long logSize = tree.size();
    long signedSize = last.size();
    if (logSize < signedSize) {
      return Optional.of(new HistoryMismatch(logSize + 1, signedSize, signedSize, logSize));
    }
    if (MessageDigest.isEqual(tree.root(signedSize), last.checkpoint().rootHash())) {
      return Optional.empty();
    }
    long upper = signedSize;
    long lower = 0;
    Optional<Checkpoint.Previous> link = last.checkpoint().previous();
    while (link.isPresent()) {
      Checkpoint.Previous previous = link.get();
      Optional<Checkpoint> earlier =
          stored
              .atSize(log, previous.size())
              .filter(row -> previous.names(row.signedNote().getBytes(StandardCharsets.UTF_8)))
              .flatMap(row -> verifiedQuietly(row.signedNote()));
      if (earlier.isEmpty()) {
        break;
      }
      if (MessageDigest.isEqual(tree.root(previous.size()), earlier.get().rootHash())) {
        lower = previous.size();
        break;
      }
      upper = previous.size();
      link = earlier.get().previous();
    }
    return Optional.of(new HistoryMismatch(lower + 1, upper, signedSize, logSize));
  }

  private Remembered verified(String note, String what) {
    try {
      return new Remembered(
          Checkpoint.verify(note, identity.origin(), identity.verifierKey()), note);
    } catch (NoteRejected e) {
      throw new IllegalStateException(
          what + " is not a checkpoint of this log signed by its key: " + e.getMessage(), e);
    }
  }

  private Optional<Checkpoint> verifiedQuietly(String note) {
    try {
      return Optional.of(Checkpoint.verify(note, identity.origin(), identity.verifierKey()));
    } catch (NoteRejected e) {
      return Optional.empty();
    }
  }
}
