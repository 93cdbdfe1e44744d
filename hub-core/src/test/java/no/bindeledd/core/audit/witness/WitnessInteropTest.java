package no.bindeledd.core.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The witness against checkpoints and consistency proofs of another witness implementation's tests,
 * quoted from github.com/transparency-dev/witness, file internal/http/server_test.go: the log key
 * {@code monkeys}, its checkpoints of 5 and 8 entries with the proof between them, and of 10 and 15
 * entries with theirs. The log's origin there is {@code Log Checkpoint v0}, which is not its key's
 * name.
 */
class WitnessInteropTest {

  private static final String ORIGIN = "Log Checkpoint v0";
  private static final VerifierKey MONKEYS =
      VerifierKey.parse("monkeys+87be2a55+AeK/t7elVrIheVCPxQNYkvKFw/2ahkj6Gm9afBJw6S8q");

  private static final String INIT =
      "Log Checkpoint v0\n5\n41smjBUiAU70EtKlT6lIOIYtRTYxYXsDB+XHfcvu/BE=\n\n"
          + "\u2014 monkeys h74qVe5jWoK8CX/zXrT9X80SyEaiwPb/0p7VW7u+cnXxq5pJYQ6vhxUZ5Ywz9WSD3HIyygccizAg+oMxOe6pRgqqOQE=\n";
  private static final String NEXT =
      "Log Checkpoint v0\n8\nV8K9aklZ4EPB+RMOk1/8VsJUdFZR77GDtZUQq84vSbo=\n\n"
          + "\u2014 monkeys h74qVetPycmWeWIySx/cMKcLopNS9h2je2DWe2w7PLRmczqdqinRGPscYklpBQO5Un6B5eUMJDwZprVpJie0lSBNPg8=\n";
  private static final List<byte[]> PROOF =
      hashes(
          "b9e1d62618f7fee8034e4c5010f727ab24d8e4705cb296c374bf2025a87a10d2",
          "aac66cd7a79ce4012d80762fe8eec3a77f22d1ca4145c3f4cee022e7efcd599d",
          "89d0f753f66a290c483b39cd5e9eafb12021293395fad3d4a2ad053cfbcfdc9e",
          "29e40bb79c966f4c6fe96aff6f30acfce5f3e8d84c02215175d6e018a5dee833");

  @TempDir Path folder;

  private static List<byte[]> hashes(String... hex) {
    return Arrays.stream(hex).map(HexFormat.of()::parseHex).toList();
  }

  private void witnessMovesAlong(String first, long firstSize, String second, List<byte[]> proof)
      throws Exception {
    try (WitnessState state = WitnessState.open(folder)) {
      Witness witness =
          new Witness(
              new Cosigner("witness.example/w1", Ed25519Keys.generate().getPrivate()),
              List.of(new WitnessedLog(ORIGIN, List.of(MONKEYS))),
              state,
              Clock.systemUTC());

      witness.addCheckpoint(AddCheckpoint.of(0, List.of(), first));
      String cosignature = witness.addCheckpoint(AddCheckpoint.of(firstSize, proof, second));

      String text = second.substring(0, second.lastIndexOf("\n\n") + 1);
      assertThat(Cosignatures.verify(text, cosignature, List.of(witness.verifierKey())).verified())
          .hasSize(1);
    }
  }

  @Test
  void theirCheckpointsOfFiveAndEightEntriesAreCosignedWithTheirProof() throws Exception {
    witnessMovesAlong(INIT, 5, NEXT, PROOF);
  }

  @Test
  void theirProofWithOneHashChangedIsRefusedAsInconsistent() throws Exception {
    try (WitnessState state = WitnessState.open(folder)) {
      Witness witness =
          new Witness(
              new Cosigner("witness.example/w1", Ed25519Keys.generate().getPrivate()),
              List.of(new WitnessedLog(ORIGIN, List.of(MONKEYS))),
              state,
              Clock.systemUTC());
      witness.addCheckpoint(AddCheckpoint.of(0, List.of(), INIT));
      List<byte[]> damaged = new java.util.ArrayList<>(PROOF);
      damaged.set(2, new byte[32]);

      assertThatThrownBy(() -> witness.addCheckpoint(AddCheckpoint.of(5, damaged, NEXT)))
          .isInstanceOfSatisfying(
              WitnessRefusal.class,
              refusal -> assertThat(refusal.reason().status()).isEqualTo(422));
      witness.addCheckpoint(AddCheckpoint.of(5, PROOF, NEXT));
    }
  }
}
