package no.bindeledd.web.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who used the processors between two moments: the hub, this load generator, and everything else on
 * the machine. A measurement on a shared machine is only worth something if the last is near zero,
 * so the report says how much it was.
 */
record ProcessorUse(
    double seconds,
    Optional<Double> hub,
    Optional<Double> hubCompiler,
    double generator,
    Optional<Double> machine) {

  /** Clock ticks per second in /proc when the machine does not tell otherwise. */
  private static final double USER_HZ = 100;

  /** What the processors had done by one moment. */
  record Snapshot(
      long nanoTime,
      Optional<Duration> hubCpu,
      Optional<Map<Long, Long>> hubCompilerTicks,
      long generatorCpuNanos,
      Optional<long[]> machine) {

    static Snapshot now() {
      return new Snapshot(
          System.nanoTime(),
          readHubCpu(),
          readHubCompilerTicks(),
          readGeneratorCpuNanos(),
          readMachineJiffies());
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
    Optional<Double> hubCompiler =
        from.hubCompilerTicks()
            .flatMap(
                a ->
                    to.hubCompilerTicks()
                        .map(
                            b ->
                                b.entrySet().stream()
                                        .mapToLong(
                                            e -> e.getValue() - a.getOrDefault(e.getKey(), 0L))
                                        .sum()
                                    / USER_HZ
                                    / seconds));
    return new ProcessorUse(seconds, hub, hubCompiler, generator, machine);
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

  /**
   * Processor time of the hub's JIT compiler threads so far, in clock ticks by thread id, from
   * /proc. A compiler thread that ends between two snapshots takes its time with it, so the
   * difference is a lower bound.
   */
  private static Optional<Map<Long, Long>> readHubCompilerTicks() {
    Optional<ProcessHandle> hub = hubProcess();
    if (hub.isEmpty()) {
      return Optional.empty();
    }
    Path tasks = Path.of("/proc", String.valueOf(hub.get().pid()), "task");
    if (!Files.isDirectory(tasks)) {
      return Optional.empty();
    }
    Map<Long, Long> ticks = new HashMap<>();
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        String name = Files.readString(thread.resolve("comm"), StandardCharsets.UTF_8);
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
          continue;
        }
        String stat = Files.readString(thread.resolve("stat"), StandardCharsets.UTF_8);
        // After the name in parentheses: state, then utime and stime as the 12th and 13th.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks.put(
            Long.parseLong(thread.getFileName().toString()),
            Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
      }
    } catch (IOException | RuntimeException e) {
      // A thread may end while it is read; this snapshot then says nothing about the compiler.
      return Optional.empty();
    }
    return Optional.of(ticks);
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
