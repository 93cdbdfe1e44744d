package no.bindeledd.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogTreeTest {

  @Test
  void rootsGrownOneLeafAtATimeEqualRootsComputedFromScratch() {
    Random random = new Random(6962);
    LogTree grown = new LogTree();
    List<byte[]> entries = new ArrayList<>();
    List<byte[]> rootsOnTheWay = new ArrayList<>();
    rootsOnTheWay.add(grown.root());
    for (int i = 0; i < 200; i++) {
      byte[] entry = new byte[random.nextInt(100)];
      random.nextBytes(entry);
      entries.add(entry);
      assertThat(grown.appendEntry(entry)).isEqualTo(i);
      rootsOnTheWay.add(grown.root());
    }
    for (int n = 0; n <= entries.size(); n++) {
      LogTree fromScratch = new LogTree();
      entries.subList(0, n).forEach(fromScratch::appendEntry);
      List<byte[]> leafHashes = entries.subList(0, n).stream().map(MerkleHash::leaf).toList();
      byte[] definition = ReferenceMerkle.mth(leafHashes, 0, n);

      assertThat(fromScratch.root()).as("size %d from scratch", n).isEqualTo(definition);
      assertThat(rootsOnTheWay.get(n)).as("size %d while growing", n).isEqualTo(definition);
      assertThat(grown.root(n)).as("size %d looked back on", n).isEqualTo(definition);
    }
  }

  @Test
  void appendingByLeafHashIsAppendingTheEntry() {
    LogTree byEntry = new LogTree();
    LogTree byHash = new LogTree();
    for (int i = 0; i < 10; i++) {
      byte[] entry = ("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byEntry.appendEntry(entry);
      byHash.appendLeafHash(MerkleHash.leaf(entry));
      assertThat(byHash.root()).isEqualTo(byEntry.root());
    }
    assertThat(byHash.leafHash(3)).isEqualTo(MerkleHash.leaf("entry 3".getBytes()));
  }

  @Test
  void theTreeKeepsItsOwnCopies() {
    LogTree tree = new LogTree();
    byte[] leaf = MerkleHash.leaf(new byte[] {1});
    tree.appendLeafHash(leaf);
    tree.appendEntry(new byte[] {2});
    byte[] root = tree.root();
    leaf[0] ^= 1;
    tree.leafHash(0)[0] ^= 1;
    tree.inclusionProof(0, 2).get(0)[0] ^= 1;
    assertThat(tree.root()).isEqualTo(root);
  }

  @Test
  void refusesWhatItCannotAnswer() {
    LogTree tree = new LogTree();
    for (int i = 0; i < 5; i++) {
      tree.appendEntry(new byte[] {(byte) i});
    }
    assertThatThrownBy(() -> tree.appendLeafHash(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, not 31");
    assertThatThrownBy(() -> tree.root(6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not between 0 and the tree's 5 leaves");
    assertThatThrownBy(() -> tree.root(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no leaf 5 in a tree of 5 leaves");
    assertThatThrownBy(() -> tree.inclusionProof(0, 6))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < size1 ≤ size2");
    assertThatThrownBy(() -> tree.consistencyProof(4, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.leafHash(5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesRangesThatAreNotSubtrees() {
    LogTree tree = new LogTree();
    for (int i = 0; i < 8; i++) {
      tree.appendEntry(new byte[] {(byte) i});
    }
    assertThatThrownBy(() -> tree.subtreeHash(2, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2, 5) is not a subtree of the tree of 8 leaves");
    assertThatThrownBy(() -> tree.subtreeHash(8, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.subtreeHash(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.subtreeInclusionProof(3, 4, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no leaf 3 in the subtree [4, 8)");
    assertThatThrownBy(() -> tree.subtreeInclusionProof(4, 4, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.subtreeConsistencyProof(4, 8, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[4, 8) is not a subtree of the tree of 6 leaves");
    assertThatThrownBy(() -> tree.subtreeConsistencyProof(0, 4, 9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tree.subtreeHash(5, 5)).isEqualTo(MerkleHash.emptyRoot());
    assertThat(tree.subtreeHash(0, 8)).isEqualTo(tree.root());
    assertThat(tree.subtreeConsistencyProof(5, 5, 8)).isEmpty();
    assertThat(tree.subtreeConsistencyProof(0, 6, 6)).isEmpty();
  }

  /** 32 bytes per leaf and as much again for the inner nodes, and little else. */
  @Test
  void aMillionLeavesTakeAbout64Megabytes() {
    LogTree tree = new LogTree();
    ByteBuffer entry = ByteBuffer.allocate(Long.BYTES);
    int leaves = 1_000_000;
    for (long i = 0; i < leaves; i++) {
      tree.appendEntry(entry.putLong(0, i).array());
    }
    long hashes = 2L * leaves - Long.bitCount(leaves);
    assertThat(tree.allocatedBytes())
        .isGreaterThanOrEqualTo(hashes * MerkleHash.SIZE)
        .isLessThan(hashes * MerkleHash.SIZE + 3 * 1024 * 1024);
    assertThat(tree.inclusionProof(123_456, leaves)).hasSize(20);
    MerkleVerifier.verifyInclusion(
        123_456, leaves, tree.leafHash(123_456), tree.inclusionProof(123_456, leaves), tree.root());
    MerkleVerifier.verifyConsistency(
        999_999, leaves, tree.root(999_999), tree.root(), tree.consistencyProof(999_999, leaves));
  }
}
