package no.bindeledd.core.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RFC 6962 reference data of the Certificate Transparency implementations
 * (transparency-dev/merkle {@code testonly/constants.go} and {@code cmd/proofgen/main.go}, as in
 * google/certificate-transparency): eight leaves, the root of every prefix, and proofs between
 * them. RFC 9162 hashes the tree exactly as RFC 6962 did, so the answers carry over.
 */
class MerkleKnownAnswerTest {

  private static final HexFormat HEX = HexFormat.of();

  private static final List<String> LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** The leaf hashes: level 0 of the reference's node hashes. */
  private static final List<String> LEAF_HASHES =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
          "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
          "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
          "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");

  /** The root of the first n leaves, n = 0..8. */
  private static final List<String> ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  /** An inclusion proof of the reference: leaf index (from 0), tree size, audit path. */
  private record Inclusion(int leafIndex, int treeSize, List<String> path) {}

  /** A consistency proof of the reference. */
  private record Consistency(int size1, int size2, List<String> proof) {}

  // The reference numbers leaves from 1 here; these are its vectors with the index less one.
  private static final List<Inclusion> INCLUSIONS =
      List.of(
          new Inclusion(0, 1, List.of()),
          new Inclusion(
              0,
              8,
              List.of(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new Inclusion(
              5,
              8,
              List.of(
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new Inclusion(
              2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
          new Inclusion(
              1,
              5,
              List.of(
                  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

  private static final List<Consistency> CONSISTENCIES =
      List.of(
          new Consistency(1, 1, List.of()),
          new Consistency(
              1,
              8,
              List.of(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new Consistency(
              6,
              8,
              List.of(
                  "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new Consistency(
              2,
              5,
              List.of(
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
          new Consistency(
              6,
              7,
              List.of(
                  "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                  "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

  private static LogTree referenceTree() {
    LogTree tree = new LogTree();
    for (String leaf : LEAVES) {
      tree.appendEntry(HEX.parseHex(leaf));
    }
    return tree;
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }

  @Test
  void theEmptyTreesRootIsTheHashOfNothing() {
    assertThat(HEX.formatHex(MerkleHash.emptyRoot())).isEqualTo(ROOTS.get(0));
    assertThat(HEX.formatHex(new LogTree().root())).isEqualTo(ROOTS.get(0));
  }

  @Test
  void leafHashesMatchTheReference() {
    for (int i = 0; i < LEAVES.size(); i++) {
      assertThat(HEX.formatHex(MerkleHash.leaf(HEX.parseHex(LEAVES.get(i)))))
          .as("leaf %d", i)
          .isEqualTo(LEAF_HASHES.get(i));
    }
  }

  @Test
  void innerNodeHashIsTheHashOfOneAndBothChildren() {
    assertThat(
            HEX.formatHex(
                MerkleHash.node(
                    HEX.parseHex(LEAF_HASHES.get(0)), HEX.parseHex(LEAF_HASHES.get(1)))))
        .isEqualTo(ROOTS.get(2));
  }

  @ParameterizedTest(name = "the root of the first {0} leaves")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
  void rootsOfEveryPrefixMatchTheReference(int size) {
    assertThat(HEX.formatHex(referenceTree().root(size))).isEqualTo(ROOTS.get(size));

    LogTree grown = new LogTree();
    LEAVES.subList(0, size).forEach(leaf -> grown.appendEntry(HEX.parseHex(leaf)));
    assertThat(HEX.formatHex(grown.root())).isEqualTo(ROOTS.get(size));
  }

  @Test
  void inclusionProofsMatchTheReferenceAndVerify() {
    LogTree tree = referenceTree();
    for (Inclusion vector : INCLUSIONS) {
      List<byte[]> path = tree.inclusionProof(vector.leafIndex(), vector.treeSize());
      assertThat(hex(path)).as("%s", vector).isEqualTo(vector.path());
      assertThatCode(
              () ->
                  MerkleVerifier.verifyInclusion(
                      vector.leafIndex(),
                      vector.treeSize(),
                      HEX.parseHex(LEAF_HASHES.get(vector.leafIndex())),
                      path,
                      HEX.parseHex(ROOTS.get(vector.treeSize()))))
          .as("%s", vector)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void consistencyProofsMatchTheReferenceAndVerify() {
    LogTree tree = referenceTree();
    for (Consistency vector : CONSISTENCIES) {
      List<byte[]> proof = tree.consistencyProof(vector.size1(), vector.size2());
      assertThat(hex(proof)).as("%s", vector).isEqualTo(vector.proof());
      assertThatCode(
              () ->
                  MerkleVerifier.verifyConsistency(
                      vector.size1(),
                      vector.size2(),
                      HEX.parseHex(ROOTS.get(vector.size1())),
                      HEX.parseHex(ROOTS.get(vector.size2())),
                      proof))
          .as("%s", vector)
          .doesNotThrowAnyException();
    }
  }
}
