package no.bindeledd.core.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline: how many SHA-256 digests this machine's Java makes per second, of one canonical
 * audit entry (what a Merkle leaf hashes, and what the hash chain hashes again) and of the 65 bytes
 * of an inner node (what a proof's every step hashes). The audit figures are read against it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class Sha256Benchmark {

  private static final Logger LOG = Logger.getLogger(Sha256Benchmark.class.getName());

  /** {@code entry}: a canonical audit entry; {@code node}: an inner node, 0x01 and two hashes. */
  @Param({"entry", "node"})
  public String input;

  private byte[] bytes;
  private MessageDigest sha256;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    bytes = input.equals("entry") ? AuditSamples.canonicalEntry() : new byte[1 + 2 * 32];
    sha256 = MessageDigest.getInstance("SHA-256");
    LOG.info("SHA-256 input: " + input + ", " + bytes.length + " bytes");
  }

  @Benchmark
  public byte[] digest() {
    return sha256.digest(bytes);
  }
}
