package no.bindeledd.web.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The hub's resident memory as Linux tells it in {@code /proc/<pid>/status}: {@code VmRSS}, what is
 * in memory now, and {@code VmHWM}, the most it has been since the process started. Heap figures
 * would leave out the JVM's own code, metaspace, threads and buffers; the resident set is what the
 * machine has to give.
 *
 * @param rssBytes resident now
 * @param highWaterBytes the peak resident so far
 */
record ResidentMemory(long rssBytes, long highWaterBytes) {

  /** The hub's resident memory now, if the machine tells (Linux). */
  static Optional<ResidentMemory> of(long pid) {
    Path status = Path.of("/proc", String.valueOf(pid), "status");
    try {
      return parse(Files.readString(status, StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the hub is gone.
      return Optional.empty();
    }
  }

  /**
   * Reads the two lines from the text of a {@code status} file, where they read {@code VmRSS:
   * 123456 kB}; empty if either is missing.
   */
  static Optional<ResidentMemory> parse(String status) {
    long rss = -1;
    long highWater = -1;
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        rss = kilobytes(line);
      } else if (line.startsWith("VmHWM:")) {
        highWater = kilobytes(line);
      }
    }
    if (rss < 0 || highWater < 0) {
      return Optional.empty();
    }
    return Optional.of(new ResidentMemory(rss * 1024, highWater * 1024));
  }

  private static long kilobytes(String line) {
    String[] fields = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
    if (fields.length != 2 || !fields[1].equals("kB")) {
      throw new IllegalArgumentException("not a size in kB: " + line);
    }
    return Long.parseLong(fields[0]);
  }

  /** Samples of one phase: their mean and peak, and the high-water mark at the last one. */
  static final class Samples {

    private long count;
    private double sumBytes;
    private long peakBytes;
    private long highWaterBytes;

    synchronized void add(ResidentMemory sample) {
      count++;
      sumBytes += sample.rssBytes();
      peakBytes = Math.max(peakBytes, sample.rssBytes());
      highWaterBytes = Math.max(highWaterBytes, sample.highWaterBytes());
    }

    synchronized long count() {
      return count;
    }

    synchronized long meanBytes() {
      return count == 0 ? 0 : Math.round(sumBytes / count);
    }

    synchronized long peakBytes() {
      return peakBytes;
    }

    /** The process's peak since it started, as of the last sample: it catches what 1 s misses. */
    synchronized long highWaterBytes() {
      return highWaterBytes;
    }
  }
}
