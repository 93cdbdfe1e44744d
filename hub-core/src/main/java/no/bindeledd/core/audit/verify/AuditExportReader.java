package no.bindeledd.core.audit.verify;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads an audit export, the ZIP file the package description specifies, defensively: the archive
 * may have been made by anyone. Opening it checks the archive as a whole: nothing before the first
 * member or after the end of the central directory, no member but those the format names, no name
 * twice, no name that could point outside the export, and no more members than the limits allow.
 * Every read is bounded by the {@link ExportLimits}: each member's size, each line's length, and
 * the uncompressed bytes read in all, so a zip bomb stops at the limit. What the members say is not
 * checked here; that is {@link ExportVerifier}'s work.
 *
 * <p>Problems with the archive are reported as {@link ExportRejected}, naming the member and line;
 * an {@link IOException} means the file itself could not be read. Not thread-safe.
 */
public final class AuditExportReader implements Closeable {

  private static final int LOCAL_HEADER = 0x04034b50;
  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  private static final int ZIP64_END_LOCATOR = 0x07064b50;
  private static final int ZIP64_END = 0x06064b50;
  private static final int END_LENGTH = 22;
  private static final int ZIP64_LOCATOR_LENGTH = 20;
  private static final int ZIP64_END_LENGTH = 56;
  private static final Set<String> FOLDERS =
      Set.of(ExportLayout.CHECKPOINT_FOLDER, ExportLayout.TSA_FOLDER);

  /**
   * The files of one checkpoint: its note, its token, its witnesses' cosignatures, or (wrongly) a
   * token or cosignatures without the note.
   */
  public record CheckpointFiles(
      long treeSize, boolean hasNote, boolean hasToken, boolean hasCosignatures) {

    public String noteName() {
      return ExportLayout.noteName(treeSize);
    }

    public String tokenName() {
      return ExportLayout.tokenName(treeSize);
    }

    public String cosignaturesName() {
      return ExportLayout.cosignaturesName(treeSize);
    }

    CheckpointFiles with(ExportLayout.Part part) {
      return new CheckpointFiles(
          treeSize,
          hasNote || part == ExportLayout.Part.NOTE,
          hasToken || part == ExportLayout.Part.TOKEN,
          hasCosignatures || part == ExportLayout.Part.COSIGNATURES);
    }
  }

  private final ZipFile zip;
  private final ExportLimits limits;
  private final Map<String, ZipEntry> members = new HashMap<>();
  private final TreeMap<Long, CheckpointFiles> checkpoints = new TreeMap<>();
  private final List<String> tsaCertificates = new ArrayList<>();
  private final CanonicalObjects objects = new CanonicalObjects();
  private long bytesRead;
  private ExportManifest manifest;

  private AuditExportReader(ZipFile zip, ExportLimits limits) {
    this.zip = zip;
    this.limits = limits;
    Enumeration<? extends ZipEntry> entries = zip.entries();
    int count = 0;
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      if (++count > limits.maxMembers()) {
        throw new ExportRejected(
            null, 0, "it has more than " + limits.maxMembers() + " members, the limit");
      }
      admit(entry);
    }
    for (String required :
        List.of(ExportLayout.MANIFEST, ExportLayout.ENTRIES, ExportLayout.LOG_KEY)) {
      if (!members.containsKey(required)) {
        throw new ExportRejected(required, 0, "the export has no " + required);
      }
    }
    Collections.sort(tsaCertificates);
  }

  /** Opens an export with the {@link ExportLimits#DEFAULT default limits}. */
  public static AuditExportReader open(Path file) throws IOException {
    return open(file, ExportLimits.DEFAULT);
  }

  /**
   * Opens an export and checks the archive as a whole.
   *
   * @throws ExportRejected if the file is not a well-formed export archive
   * @throws IOException if the file cannot be read
   */
  public static AuditExportReader open(Path file, ExportLimits limits) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    checkEnvelope(file, limits);
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new ExportRejected(
          null, 0, "it is not a readable ZIP archive (" + e.getMessage() + ")");
    }
    try {
      return new AuditExportReader(zip, limits);
    } catch (RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  /**
   * The manifest.
   *
   * @throws ExportRejected if it is not a well-formed manifest
   */
  public ExportManifest manifest() throws IOException {
    if (manifest == null) {
      byte[] bytes = read(ExportLayout.MANIFEST);
      try {
        manifest = ExportManifest.parse(bytes, objects);
      } catch (IllegalArgumentException e) {
        throw new ExportRejected(ExportLayout.MANIFEST, 0, e.getMessage());
      }
    }
    return manifest;
  }

  /**
   * The bytes of {@code manifest.note}, the signed copy of the manifest, as stored; empty if the
   * export has none.
   */
  public Optional<byte[]> manifestNote() throws IOException {
    return members.containsKey(ExportLayout.MANIFEST_NOTE)
        ? Optional.of(read(ExportLayout.MANIFEST_NOTE))
        : Optional.empty();
  }

  /** The bytes of {@code log-key.vkey}, as stored. */
  public byte[] logKey() throws IOException {
    return read(ExportLayout.LOG_KEY);
  }

  /** The names of the TSA certificate files, in order. */
  public List<String> tsaCertificateNames() {
    return List.copyOf(tsaCertificates);
  }

  /** The bytes of a TSA certificate file, as stored. */
  public byte[] tsaCertificate(String name) throws IOException {
    if (!tsaCertificates.contains(name)) {
      throw new IllegalArgumentException("The export has no " + name);
    }
    return read(name);
  }

  /** The checkpoint files, by tree size, smallest first. */
  public List<CheckpointFiles> checkpoints() {
    return List.copyOf(checkpoints.values());
  }

  /** The bytes of a checkpoint's signed note. */
  public byte[] note(long treeSize) throws IOException {
    return read(ExportLayout.noteName(treeSize));
  }

  /** The bytes of a checkpoint's timestamp token, if the export has one. */
  public Optional<byte[]> token(long treeSize) throws IOException {
    String name = ExportLayout.tokenName(treeSize);
    return members.containsKey(name) ? Optional.of(read(name)) : Optional.empty();
  }

  /** The bytes of a checkpoint's cosignature lines, if the export has any. */
  public Optional<byte[]> cosignatures(long treeSize) throws IOException {
    String name = ExportLayout.cosignaturesName(treeSize);
    return members.containsKey(name) ? Optional.of(read(name)) : Optional.empty();
  }

  /** The lines of {@code entries.jsonl}, from the first. */
  public EntryLines entries() throws IOException {
    return new EntryLines(open(ExportLayout.ENTRIES));
  }

  /** The uncompressed bytes read so far. */
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  /**
   * The lines of {@code entries.jsonl}, each without its newline. Every line must end in a newline,
   * and none may be longer than the limit.
   */
  public final class EntryLines implements Closeable {

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private long lines;

    private EntryLines(InputStream in) {
      this.in = in;
    }

    /**
     * The next line without its newline, or null after the last.
     *
     * @throws ExportRejected if the line is too long, the last line has no newline, or the archive
     *     is damaged
     */
    public byte[] next() throws IOException {
      int length = 0;
      while (true) {
        if (position == limit && !fill()) {
          if (length == 0) {
            return null;
          }
          throw new ExportRejected(
              ExportLayout.ENTRIES,
              lines + 1,
              "the last line does not end in a newline: the file was cut off or has bytes after"
                  + " its last entry");
        }
        int newline = position;
        while (newline < limit && buffer[newline] != '\n') {
          newline++;
        }
        int chunk = newline - position;
        if ((long) length + chunk > limits.maxEntryBytes()) {
          throw new ExportRejected(
              ExportLayout.ENTRIES,
              lines + 1,
              "the line is longer than the limit of " + limits.maxEntryBytes() + " bytes");
        }
        if (length + chunk > line.length) {
          line = Arrays.copyOf(line, Math.max(length + chunk, Math.min(2 * line.length, BUFFER)));
        }
        System.arraycopy(buffer, position, line, length, chunk);
        length += chunk;
        position = newline;
        if (newline < limit) {
          position++;
          lines++;
          return Arrays.copyOf(line, length);
        }
      }
    }

    /** The lines returned so far. */
    public long lines() {
      return lines;
    }

    private boolean fill() throws IOException {
      int n;
      try {
        n = in.read(buffer);
      } catch (ZipException | EOFException e) {
        throw damaged(ExportLayout.ENTRIES, e);
      }
      if (n <= 0) {
        return false;
      }
      charge(ExportLayout.ENTRIES, n);
      position = 0;
      limit = n;
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private void admit(ZipEntry entry) {
    String name = entry.getName();
    if (escapes(name)) {
      throw new ExportRejected(
          null,
          0,
          "it has a member named "
              + quoted(name)
              + ", which points outside the export (path traversal)");
    }
    if (members.containsKey(name)) {
      throw new ExportRejected(null, 0, "it holds two members named " + quoted(name));
    }
    if (FOLDERS.contains(name)) {
      if (entry.getSize() > 0) {
        throw new ExportRejected(null, 0, "its folder entry " + quoted(name) + " holds data");
      }
      members.put(name, entry);
      return;
    }
    if (entry.isDirectory()) {
      throw new ExportRejected(
          null, 0, "it has a folder " + quoted(name) + ", which an audit export does not have");
    }
    if (entry.getSize() > limits.maxFileBytes() && !ExportLayout.ENTRIES.equals(name)) {
      throw new ExportRejected(
          name, 0, "it is larger than the limit of " + limits.maxFileBytes() + " bytes");
    }
    Optional<ExportLayout.CheckpointFile> checkpoint = ExportLayout.checkpointFile(name);
    if (checkpoint.isPresent()) {
      long size = checkpoint.get().treeSize();
      CheckpointFiles known =
          checkpoints.getOrDefault(size, new CheckpointFiles(size, false, false, false));
      checkpoints.put(size, known.with(checkpoint.get().part()));
    } else if (ExportLayout.isTsaCertificate(name)) {
      tsaCertificates.add(name);
    } else if (!name.equals(ExportLayout.MANIFEST)
        && !name.equals(ExportLayout.MANIFEST_NOTE)
        && !name.equals(ExportLayout.ENTRIES)
        && !name.equals(ExportLayout.LOG_KEY)) {
      throw new ExportRejected(
          null,
          0,
          "it has a member named " + quoted(name) + ", which an audit export does not have");
    }
    members.put(name, entry);
  }

  /** Absolute, with a drive or backslashes, or with a "." or ".." step: never a name of ours. */
  private static boolean escapes(String name) {
    if (name.isEmpty()
        || name.startsWith("/")
        || name.indexOf('\\') >= 0
        || name.indexOf(':') >= 0
        || name.indexOf('\0') >= 0) {
      return true;
    }
    for (String step : name.split("/", -1)) {
      if (step.equals("..") || step.equals(".")) {
        return true;
      }
    }
    return false;
  }

  private byte[] read(String name) throws IOException {
    try (InputStream in = open(name)) {
      byte[] bytes = in.readNBytes(limits.maxFileBytes() + 1);
      charge(name, bytes.length);
      if (bytes.length > limits.maxFileBytes()) {
        throw new ExportRejected(
            name, 0, "it is larger than the limit of " + limits.maxFileBytes() + " bytes");
      }
      return bytes;
    } catch (ZipException | EOFException e) {
      throw damaged(name, e);
    }
  }

  private InputStream open(String name) throws IOException {
    ZipEntry entry = members.get(name);
    if (entry == null) {
      throw new ExportRejected(name, 0, "the export has no " + name);
    }
    try {
      return zip.getInputStream(entry);
    } catch (ZipException | EOFException e) {
      throw damaged(name, e);
    }
  }

  private void charge(String name, long bytes) {
    bytesRead += bytes;
    if (bytesRead > limits.maxTotalBytes()) {
      throw new ExportRejected(
          name,
          0,
          "the export unpacks to more than the limit of "
              + limits.maxTotalBytes()
              + " bytes (a zip bomb, or a limit too low for this log)");
    }
  }

  private static ExportRejected damaged(String name, IOException e) {
    return new ExportRejected(name, 0, "the member is damaged (" + e.getMessage() + ")");
  }

  private static String quoted(String name) {
    String visible = name.replaceAll("\\p{Cntrl}", "?");
    return "'" + (visible.length() <= 80 ? visible : visible.substring(0, 80) + "...") + "'";
  }

  /**
   * The archive must fill the file exactly: a member's header first, the end of the central
   * directory last, and the central directory right before it. Java's own reader skips bytes before
   * and after an archive without a word.
   */
  private static void checkEnvelope(Path file, ExportLimits limits) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long length = channel.size();
      if (length < END_LENGTH + 4) {
        throw new ExportRejected(null, 0, "it is too short to be a ZIP archive");
      }
      if (read(channel, 0, 4).getInt(0) != LOCAL_HEADER) {
        throw new ExportRejected(
            null,
            0,
            "it does not begin with a ZIP member: there are bytes before the archive, or it is"
                + " not a ZIP archive");
      }
      ByteBuffer end = read(channel, length - END_LENGTH, END_LENGTH);
      if (end.getInt(0) != END_OF_CENTRAL_DIRECTORY || end.getShort(20) != 0) {
        throw new ExportRejected(
            null,
            0,
            "it does not end with the end of a ZIP archive: there are bytes after the archive,"
                + " or a comment");
      }
      if (end.getShort(4) != 0 || end.getShort(6) != 0 || end.getShort(8) != end.getShort(10)) {
        throw new ExportRejected(null, 0, "it is a ZIP archive split over several parts");
      }
      long members = Short.toUnsignedLong(end.getShort(10));
      long directorySize = Integer.toUnsignedLong(end.getInt(12));
      long directoryOffset = Integer.toUnsignedLong(end.getInt(16));
      long directoryEnd = length - END_LENGTH;
      if (members == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
        long locatorAt = length - END_LENGTH - ZIP64_LOCATOR_LENGTH;
        if (locatorAt < 0) {
          throw new ExportRejected(null, 0, "its ZIP64 end records are missing or misplaced");
        }
        ByteBuffer locator = read(channel, locatorAt, ZIP64_LOCATOR_LENGTH);
        long zip64At = locator.getInt(0) == ZIP64_END_LOCATOR ? locator.getLong(8) : -1;
        ByteBuffer zip64 =
            zip64At >= 0 && zip64At <= locatorAt - ZIP64_END_LENGTH
                ? read(channel, zip64At, ZIP64_END_LENGTH)
                : null;
        if (zip64 == null
            || zip64.getInt(0) != ZIP64_END
            || zip64At + 12 + zip64.getLong(4) != locatorAt) {
          throw new ExportRejected(null, 0, "its ZIP64 end records are missing or misplaced");
        }
        members = zip64.getLong(32);
        directorySize = zip64.getLong(40);
        directoryOffset = zip64.getLong(48);
        directoryEnd = zip64At;
      }
      if (directoryOffset < 0
          || directorySize < 0
          || directoryOffset + directorySize != directoryEnd) {
        throw new ExportRejected(
            null,
            0,
            "its central directory is not where the archive says: bytes were added before the"
                + " archive or inside it");
      }
      if (members < 0 || members > limits.maxMembers()) {
        throw new ExportRejected(
            null,
            0,
            "it says it has "
                + Long.toUnsignedString(members)
                + " members; the limit is "
                + limits.maxMembers());
      }
    }
  }

  private static ByteBuffer read(SeekableByteChannel channel, long at, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    channel.position(at);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("The file ended early");
      }
    }
    return buffer.flip();
  }
}
