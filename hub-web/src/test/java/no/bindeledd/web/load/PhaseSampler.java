package no.bindeledd.web.load;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Once a second, while a phase's window is open, the hub's resident memory and, where the phase has
 * one, its backlog. One thread, reading {@code /proc} and counters of this JVM: it adds nothing to
 * the hub's load.
 */
final class PhaseSampler implements AutoCloseable {

  /** What one window was sampled to. */
  static final class Window {
    final String name;
    final ResidentMemory.Samples memory = new ResidentMemory.Samples();
    final Backlog backlog = new Backlog();
    private final LongSupplier undelivered;
    private final long openedNanos;

    private Window(String name, LongSupplier undelivered) {
      this.name = name;
      this.undelivered = undelivered;
      this.openedNanos = System.nanoTime();
    }
  }

  private final long hubPid;
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(
          work -> {
            Thread thread = new Thread(work, "phase-sampler");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Window current;

  PhaseSampler(long hubPid) {
    this.hubPid = hubPid;
    clock.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Opens a window and samples it from now on; {@code undelivered} tells the backlog, or is null
   * where a phase has none.
   */
  Window open(String name, LongSupplier undelivered) {
    Window window = new Window(name, undelivered);
    current = window;
    sample(window);
    return window;
  }

  /** Closes the window, with a last sample. */
  void close(Window window) {
    if (current == window) {
      current = null;
    }
    sample(window);
  }

  private void sample() {
    Window window = current;
    if (window != null) {
      sample(window);
    }
  }

  private void sample(Window window) {
    Optional<ResidentMemory> memory = ResidentMemory.of(hubPid);
    memory.ifPresent(window.memory::add);
    if (window.undelivered != null) {
      window.backlog.add(
          (System.nanoTime() - window.openedNanos) / 1e9, window.undelivered.getAsLong());
    }
  }

  @Override
  public void close() {
    clock.shutdownNow();
  }
}
