package no.bindeledd.core.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

/**
 * Writes key material and other state so that only the owner can read it, from the moment the file
 * exists, and so that a crash mid-write leaves the previous file intact rather than half a key
 * store. The audit log's witness keeps its key and its state through it too.
 */
public final class OwnerOnlyFiles {

  private static final Logger LOG = Logger.getLogger(OwnerOnlyFiles.class.getName());

  private OwnerOnlyFiles() {}

  /** Creates the folder and any missing parents, readable by the owner only where it can. */
  public static void createDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    if (posix()) {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(directory);
    }
  }

  /**
   * Writes a temporary file beside the target, forces it to the disk, and moves it into place in
   * one step.
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Path temporary =
        posix()
            ? Files.createTempFile(directory, "." + target.getFileName(), ".tmp", ownerReadWrite())
            : Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
    try {
      if (!posix()) {
        restrictToOwner(temporary);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?> ownerReadWrite() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  }

  /** The best a file system without POSIX permissions offers through java.io. */
  private static void restrictToOwner(Path file) {
    var asFile = file.toFile();
    boolean restricted =
        asFile.setReadable(false, false)
            && asFile.setReadable(true, true)
            && asFile.setWritable(false, false)
            && asFile.setWritable(true, true);
    if (!restricted) {
      LOG.warning("Cannot restrict " + file + " to its owner on this file system");
    }
  }
}
