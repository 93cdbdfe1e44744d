package no.bindeledd.core.audit.witness;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.crypto.OwnerOnlyFiles;

/**
 * A witness's own memory, in its own folder: for each log, the latest checkpoint it cosigned, as
 * the log signed it with the witness's cosignature added. That note is all a witness must remember;
 * its size and root are read back from it.
 *
 * <p>Layout: {@code logs/<origin hash>.checkpoint} per log, the origin hash being the lowercase hex
 * SHA-256 of the origin (as tlog-witness's monitoring path names a log); {@code logs/<origin
 * hash>.refused}, the last request refused as inconsistent, kept as evidence of the log's
 * misbehaviour; {@code witness.lock}, held while a witness uses the folder, so that two witnesses
 * never share one memory. Each file is replaced in one atomic step after being forced to the disk,
 * so a crash leaves the previous checkpoint, never half a new one.
 *
 * <p>A file that cannot be read is an error, never a log the witness has not seen: forgetting a log
 * would let it cosign a rewritten history.
 */
public final class WitnessState implements Closeable {

  static final String LOCK_FILE = "witness.lock";
  static final String LOGS = "logs";

  private final Path folder;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Map<String, Optional<Head>> heads = new ConcurrentHashMap<>();

  /**
   * The latest checkpoint the witness cosigned for a log.
   *
   * @param size its tree size
   * @param root its root hash
   * @param cosignedCheckpoint the signed note: the log's signatures and the witness's cosignature
   */
  public record Head(long size, byte[] root, String cosignedCheckpoint) {

    public Head {
      Objects.requireNonNull(cosignedCheckpoint, "cosignedCheckpoint");
      root = root.clone();
    }

    @Override
    public byte[] root() {
      return root.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Head that
          && size == that.size
          && Arrays.equals(root, that.root)
          && cosignedCheckpoint.equals(that.cosignedCheckpoint);
    }

    @Override
    public int hashCode() {
      return Objects.hash(size, Arrays.hashCode(root), cosignedCheckpoint);
    }

    @Override
    public String toString() {
      return "Head[size=" + size + ", root=" + HexFormat.of().formatHex(root) + "]";
    }
  }

  private WitnessState(Path folder, FileChannel lockChannel, FileLock lock) {
    this.folder = folder;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (and makes, the first time) a witness's folder and holds it until {@link #close()}.
   *
   * @throws IllegalStateException if another witness holds the folder
   * @throws UncheckedIOException if the folder cannot be made or locked
   */
  public static WitnessState open(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    try {
      OwnerOnlyFiles.createDirectories(absolute.resolve(LOGS));
      FileChannel channel =
          FileChannel.open(
              absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "Another witness uses " + absolute + "; a witness's memory is its own");
      }
      return new WitnessState(absolute, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the witness's folder " + absolute, e);
    }
  }

  /** The folder the witness keeps its memory in. */
  public Path folder() {
    return folder;
  }

  /**
   * The latest checkpoint cosigned for a log, read from its file the first time.
   *
   * @throws IllegalStateException if the log's file exists but holds no readable checkpoint of it
   */
  public Optional<Head> head(String origin) {
    return heads.computeIfAbsent(origin, this::read);
  }

  /**
   * Remembers a newly cosigned checkpoint, on the disk before this returns. The caller holds the
   * log's lock from reading the previous head until this returns.
   */
  public void save(String origin, Head head) {
    Path file = checkpointFile(origin);
    try {
      OwnerOnlyFiles.writeAtomically(
          file, head.cosignedCheckpoint().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remember the checkpoint in " + file, e);
    }
    heads.put(origin, Optional.of(head));
  }

  /** Keeps the last request refused as inconsistent, as evidence; a failure to is only logged. */
  public void keepRefused(String origin, byte[] request) throws IOException {
    OwnerOnlyFiles.writeAtomically(
        folder.resolve(LOGS).resolve(originHash(origin) + ".refused"), request);
  }

  /** The file of a log's latest cosigned checkpoint. */
  public Path checkpointFile(String origin) {
    return folder.resolve(LOGS).resolve(originHash(origin) + ".checkpoint");
  }

  private Optional<Head> read(String origin) {
    Path file = checkpointFile(origin);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      String note = Files.readString(file, StandardCharsets.UTF_8);
      int split = note.lastIndexOf("\n\n");
      if (split < 0) {
        throw new IllegalArgumentException("it holds no signed note");
      }
      Checkpoint checkpoint = Checkpoint.parse(note.substring(0, split + 1));
      if (!checkpoint.origin().equals(origin)) {
        throw new IllegalArgumentException("it holds a checkpoint of " + checkpoint.origin());
      }
      return Optional.of(new Head(checkpoint.size(), checkpoint.rootHash(), note));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the witness's memory of " + origin, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "The witness's memory of "
              + origin
              + " in "
              + file
              + " is unreadable ("
              + e.getMessage()
              + "); the witness will not forget a log, so it cosigns nothing more of it",
          e);
    }
  }

  /** The lowercase hex SHA-256 of an origin, as tlog-witness's monitoring path names a log. */
  public static String originHash(String origin) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java runtime has no SHA-256", e);
    }
  }

  /** Lets the folder go, for another witness process to use. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }
}
