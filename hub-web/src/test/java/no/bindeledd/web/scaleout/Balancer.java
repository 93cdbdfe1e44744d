package no.bindeledd.web.scaleout;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * HAProxy from the machine's packages in front of the nodes, on loopback: round robin, with health
 * checks, retries on another node when one cannot be reached, and long timeouts for live streams.
 * The test fails at once, naming the package, when HAProxy is not installed.
 */
final class Balancer implements AutoCloseable {

  private final Process process;
  private final URI base;
  private final Path log;

  private Balancer(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** The haproxy binary, from PATH or Debian's place for it. */
  static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
    return Stream.of(path.split(":"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "haproxy"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Starts HAProxy on {@code port}, balancing over the nodes on {@code nodePorts}. */
  static Balancer start(Path folder, int port, List<Integer> nodePorts) throws IOException {
    Path haproxy =
        binary()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "HAProxy is not installed: the two-node test needs its load balancer"
                            + " (apt-get install haproxy; .ci/run installs it)"));
    Files.createDirectories(folder);
    StringBuilder config =
        new StringBuilder(
            """
            global
                maxconn 512
            defaults
                mode http
                timeout connect 2s
                timeout client 10m
                timeout server 10m
                timeout tunnel 10m
                retries 3
                option redispatch
            frontend hub
                bind 127.0.0.1:%d
                default_backend nodes
            backend nodes
                balance roundrobin
                option httpchk GET /api/audit/log-key
                default-server inter 500ms fall 2 rise 1
            """
                .formatted(port));
    for (int i = 0; i < nodePorts.size(); i++) {
      config
          .append("    server node")
          .append(i)
          .append(" 127.0.0.1:")
          .append(nodePorts.get(i))
          .append(" check\n");
    }
    Path file = Files.writeString(folder.resolve("haproxy.cfg"), config.toString());
    Path log = folder.resolve("haproxy.log");
    Process process =
        new ProcessBuilder(haproxy.toString(), "-db", "-f", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new Balancer(process, URI.create("http://localhost:" + port), log);
  }

  URI base() {
    return base;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
