package no.bindeledd.core.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.audit.merkle.MerkleVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit log's Merkle tree in memory: how fast entries are added to it (what the checkpointer
 * does to catch up with the log), and how long an auditor takes to check an inclusion or a
 * consistency proof of a log of a million entries, and the hub to make one.
 */
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MerkleBenchmark {

  private static final Logger LOG = Logger.getLogger(MerkleBenchmark.class.getName());

  /** The size of the tree the proofs are about. */
  static final long LEAVES = 1_000_000;

  /** Where a growing tree starts again, so that a long run does not fill the heap: 64 MiB. */
  static final long GROWING_LIMIT = 1L << 20;

  /** A canonical audit entry, stamped with a counter so that no two leaves are alike. */
  @State(Scope.Thread)
  public static class Entries {
    private final byte[] entry = AuditSamples.canonicalEntry();
    private long counter;

    byte[] next() {
      long n = counter++;
      for (int i = 0; i < Long.BYTES; i++) {
        entry[i] = (byte) (n >>> (8 * i));
      }
      return entry;
    }
  }

  /** A tree that appends keep growing, started afresh every {@link #GROWING_LIMIT} leaves. */
  @State(Scope.Thread)
  public static class Growing {
    LogTree tree = new LogTree();
  }

  /** A tree of a million entries, with one proof of each kind made from it. */
  @State(Scope.Benchmark)
  public static class Million {
    LogTree tree;
    byte[] root;

    // The leaf and the older size are arbitrary, away from powers of two.
    final long leaf = 314_159;
    byte[] leafHash;
    List<byte[]> inclusion;

    final long oldSize = 618_034;
    byte[] oldRoot;
    List<byte[]> consistency;

    @Setup(Level.Trial)
    public void build() {
      Entries entries = new Entries();
      tree = new LogTree();
      for (long i = 0; i < LEAVES; i++) {
        tree.appendEntry(entries.next());
      }
      root = tree.root();
      leafHash = tree.leafHash(leaf);
      inclusion = tree.inclusionProof(leaf, LEAVES);
      oldRoot = tree.root(oldSize);
      consistency = tree.consistencyProof(oldSize, LEAVES);
      MerkleVerifier.verifyInclusion(leaf, LEAVES, leafHash, inclusion, root);
      MerkleVerifier.verifyConsistency(oldSize, LEAVES, oldRoot, root, consistency);
      LOG.info(
          "Tree of "
              + LEAVES
              + " leaves; inclusion proof of leaf "
              + leaf
              + ": "
              + inclusion.size()
              + " hashes; consistency proof from "
              + oldSize
              + ": "
              + consistency.size()
              + " hashes");
    }
  }

  /** One entry hashed as a leaf and added to the tree, with the inner nodes it completes. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long appendEntry(Growing growing, Entries entries) {
    if (growing.tree.size() == GROWING_LIMIT) {
      growing.tree = new LogTree();
    }
    return growing.tree.appendEntry(entries.next());
  }

  /** An auditor's check that an entry is in the log of a million entries. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void verifyInclusion(Million million) {
    MerkleVerifier.verifyInclusion(
        million.leaf, LEAVES, million.leafHash, million.inclusion, million.root);
  }

  /** An auditor's check that the log of a million entries extends an earlier checkpoint. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void verifyConsistency(Million million) {
    MerkleVerifier.verifyConsistency(
        million.oldSize, LEAVES, million.oldRoot, million.root, million.consistency);
  }

  /** The hub making the inclusion proof an auditor asks for, from the tree it keeps. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<byte[]> makeInclusionProof(Million million) {
    return million.tree.inclusionProof(million.leaf, LEAVES);
  }
}
