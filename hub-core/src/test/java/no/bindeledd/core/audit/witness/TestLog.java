package no.bindeledd.core.audit.witness;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.LogTree;

/** A log for the witness tests: a real Merkle tree of numbered entries and a real signing key. */
final class TestLog {

  final String origin;
  final KeyPair keys = Ed25519Keys.generate();
  final VerifierKey key;
  final LogTree tree = new LogTree();

  TestLog(String origin) {
    this.origin = origin;
    this.key = VerifierKey.of(origin, keys.getPublic());
  }

  /** Appends entries until the tree has {@code size}; the entries say their number and a tag. */
  TestLog growTo(long size, String tag) {
    while (tree.size() < size) {
      tree.appendEntry(("entry " + (tree.size() + 1) + " " + tag).getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  WitnessedLog witnessed() {
    return WitnessedLog.of(key);
  }

  /** The signed checkpoint of the first {@code size} entries, with the hub's time line. */
  String checkpoint(long size) {
    return Checkpoint.at(origin, size, tree.root(size), Instant.parse("2026-11-25T03:40:00Z"))
        .sign(origin, keys.getPrivate());
  }

  /** The request to move a witness from {@code oldSize} to {@code size}, with the right proof. */
  AddCheckpoint request(long oldSize, long size) {
    List<byte[]> proof = oldSize == 0 ? List.of() : tree.consistencyProof(oldSize, size);
    return AddCheckpoint.of(oldSize, proof, checkpoint(size));
  }
}
