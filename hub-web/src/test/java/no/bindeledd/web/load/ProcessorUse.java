package no.bindeledd.web.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Who used the processors between two moments: the hub, this load generator, and everything else on
 * the machine. A measurement on a shared machine is only worth something if the last is near zero,
 * so the report says how much it was.
 */
record ProcessorUse(
    double seconds, Optional<Double> hub, double generator, Optional<Double> machine) {

  /** What the processors had done by one moment. */
  record Snapshot(
      long nanoTime, Optional<Duration> hubCpu, long generatorCpuNanos, Optional<long[]> machine) {

    static Snapshot now() {
      return new Snapshot(
          System.nanoTime(), readHubCpu(), readGeneratorCpuNanos(), readMachineJiffies());
    }
  }

  static ProcessorUse between(Snapshot from, Snapshot to) {
    double seconds = (to.nanoTime() - from.nanoTime()) / 1e9;
    Optional<Double> hub =
        from.hubCpu().flatMap(a -> to.hubCpu().map(b -> b.minus(a).toNanos() / 1e9 / seconds));
    double generator = (to.generatorCpuNanos() - from.generatorCpuNanos()) / 1e9 / seconds;
    Optional<Double> machine =
        from.machine()
            .flatMap(
                a ->
                    to.machine()
                        .filter(b -> b[1] > a[1])
                        .map(b -> (double) (b[0] - a[0]) / (b[1] - a[1]) * processors()));
    return new ProcessorUse(seconds, hub, generator, machine);
  }

  /** Processors busy with anything but the hub and the generator, when the machine tells. */
  Optional<Double> others() {
    return machine.map(busy -> Math.max(0, busy - hub.orElse(0.0) - generator));
  }

  static String cores(double used) {
    return String.format(Locale.ROOT, "%.2f of %d processors", used, processors());
  }

  static int processors() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The hub is this JVM's only child process: RunningHub starts it. */
  static Optional<ProcessHandle> hubProcess() {
    return ProcessHandle.current().children().findFirst();
  }

  private static Optional<Duration> readHubCpu() {
    return hubProcess().flatMap(hub -> hub.info().totalCpuDuration());
  }

  private static long readGeneratorCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /**
   * Busy and total processor time of the whole machine so far, in clock ticks, from the first line
   * of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal.
   */
  private static Optional<long[]> readMachineJiffies() {
    Path stat = Path.of("/proc/stat");
    if (!Files.isReadable(stat)) {
      return Optional.empty();
    }
    try (BufferedReader reader = Files.newBufferedReader(stat, StandardCharsets.US_ASCII)) {
      String[] fields = reader.readLine().strip().split("\\s+");
      if (fields.length < 9 || !fields[0].equals("cpu")) {
        return Optional.empty();
      }
      long total = 0;
      long idle = 0;
      for (int i = 1; i <= 8; i++) {
        long value = Long.parseLong(fields[i]);
        total += value;
        if (i == 4 || i == 5) {
          idle += value;
        }
      }
      return Optional.of(new long[] {total - idle, total});
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
