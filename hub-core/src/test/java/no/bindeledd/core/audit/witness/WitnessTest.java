package no.bindeledd.core.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.MerkleHash;
import no.bindeledd.core.audit.witness.WitnessRefusal.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessTest {

  private static final Instant NOW = Instant.parse("2026-11-25T03:40:07Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path folder;

  private final TestLog log = new TestLog("bindeledd.example/fjordvik-audit").growTo(20, "true");
  private final List<WitnessState> opened = new ArrayList<>();

  private Witness witness(TestLog... logs) {
    WitnessState state = WitnessState.open(folder);
    opened.add(state);
    return new Witness(
        Cosigner.loadOrCreate(folder, "witness.example/w1"),
        java.util.Arrays.stream(logs).map(TestLog::witnessed).toList(),
        state,
        CLOCK);
  }

  @AfterEach
  void closeStates() throws Exception {
    for (WitnessState state : opened) {
      state.close();
    }
  }

  private static WitnessRefusal refusal(Witness witness, AddCheckpoint request) {
    try {
      witness.addCheckpoint(request);
    } catch (WitnessRefusal refusal) {
      return refusal;
    }
    throw new AssertionError("the witness cosigned " + request);
  }

  @Test
  void aFirstCheckpointIsCosignedFromSizeZeroWithTheWitnessKeyAndItsTime() {
    Witness witness = witness(log);

    String line = witness.addCheckpoint(log.request(0, 5));

    String text = log.checkpoint(5).substring(0, log.checkpoint(5).lastIndexOf("\n\n") + 1);
    Cosignatures.Found found = Cosignatures.verify(text, line, List.of(witness.verifierKey()));
    assertThat(found.verified()).hasSize(1);
    assertThat(found.verified().get(0).time()).isEqualTo(NOW);
    assertThat(witness.verifierKey().type()).isEqualTo(VerifierKey.Type.COSIGNATURE_V1);
    assertThat(line).startsWith("\u2014 witness.example/w1 ").endsWith("\n").hasLineCount(1);
  }

  @Test
  void eachLaterCheckpointIsCosignedWithAConsistencyProofFromTheLastOne() {
    Witness witness = witness(log);
    witness.addCheckpoint(log.request(0, 5));

    witness.addCheckpoint(log.request(5, 8));
    witness.addCheckpoint(log.request(8, 8));
    witness.addCheckpoint(log.request(8, 20));

    assertThat(refusal(witness, log.request(8, 20)).witnessSize()).hasValue(20);
  }

  @Test
  void aWrongOldSizeIsAnsweredWithTheWitnessSize() {
    Witness witness = witness(log);
    assertThat(refusal(witness, log.request(3, 5)).witnessSize()).hasValue(0);
    witness.addCheckpoint(log.request(0, 5));

    WitnessRefusal fromZero = refusal(witness, log.request(0, 8));
    WitnessRefusal fromThree = refusal(witness, log.request(3, 8));

    assertThat(fromZero.reason()).isEqualTo(Reason.OLD_SIZE_MISMATCH);
    assertThat(fromZero.reason().status()).isEqualTo(409);
    assertThat(fromZero.witnessSize()).hasValue(5);
    assertThat(fromThree.witnessSize()).hasValue(5);
  }

  @Test
  void aCheckpointOfARewrittenHistoryIsRefusedAsInconsistentAndChangesNothing() throws Exception {
    Witness witness = witness(log);
    witness.addCheckpoint(log.request(0, 10));
    // The same log with entry 4 changed and every later entry recomputed: a relinked rewrite.
    TestLog rewritten = new TestLog(log.origin);
    rewritten.tree.appendEntry("entry 1 true".getBytes(StandardCharsets.UTF_8));
    rewritten.tree.appendEntry("entry 2 true".getBytes(StandardCharsets.UTF_8));
    rewritten.tree.appendEntry("entry 3 true".getBytes(StandardCharsets.UTF_8));
    rewritten.growTo(12, "rewritten");
    AddCheckpoint signedByTheLog =
        AddCheckpoint.of(
            10,
            rewritten.tree.consistencyProof(10, 12),
            Checkpoint.at(log.origin, 12, rewritten.tree.root(12), NOW)
                .sign(log.origin, log.keys.getPrivate()));

    WitnessRefusal refused = refusal(witness, signedByTheLog);

    assertThat(refused.reason()).isEqualTo(Reason.INCONSISTENT);
    assertThat(refused.reason().status()).isEqualTo(422);
    assertThat(refused.detail())
        .contains("the checkpoint of 12 entries does not extend the one of 10 entries");
    assertThat(refusal(witness, log.request(0, 12)).witnessSize())
        .as("the witness still remembers 10")
        .hasValue(10);
    Path evidence =
        folder.resolve("logs").resolve(WitnessState.originHash(log.origin) + ".refused");
    assertThat(Files.readAllBytes(evidence)).isEqualTo(signedByTheLog.encode());
    witness.addCheckpoint(log.request(10, 12));
  }

  @Test
  void theSameSizeWithAnotherRootIsRefused() {
    Witness witness = witness(log);
    witness.addCheckpoint(log.request(0, 10));
    TestLog other = new TestLog(log.origin).growTo(10, "other");
    AddCheckpoint sameSize =
        AddCheckpoint.of(
            10,
            List.of(),
            Checkpoint.at(log.origin, 10, other.tree.root(10), NOW)
                .sign(log.origin, log.keys.getPrivate()));

    assertThat(refusal(witness, sameSize).reason()).isEqualTo(Reason.INCONSISTENT);
  }

  @Test
  void fromSizeZeroTheProofMustBeEmptyAndTheEmptyTreeHasTheEmptyRoot() {
    Witness witness = witness(log);
    AddCheckpoint withProof = AddCheckpoint.of(0, List.of(new byte[32]), log.checkpoint(5));
    AddCheckpoint emptyWithOtherRoot =
        AddCheckpoint.of(
            0,
            List.of(),
            Checkpoint.at(log.origin, 0, log.tree.root(1), NOW)
                .sign(log.origin, log.keys.getPrivate()));
    AddCheckpoint empty =
        AddCheckpoint.of(
            0,
            List.of(),
            Checkpoint.at(log.origin, 0, MerkleHash.emptyRoot(), NOW)
                .sign(log.origin, log.keys.getPrivate()));

    assertThat(refusal(witness, withProof).reason()).isEqualTo(Reason.INCONSISTENT);
    assertThat(refusal(witness, emptyWithOtherRoot).reason()).isEqualTo(Reason.INCONSISTENT);
    witness.addCheckpoint(empty);
    witness.addCheckpoint(log.request(0, 3));
  }

  @Test
  void anOldSizeAboveTheCheckpointsIsABadRequestAndTheWitnessNeverGoesBack() {
    Witness witness = witness(log);
    witness.addCheckpoint(log.request(0, 10));

    // Cosigning the same checkpoint again is allowed; going below it never is.
    witness.addCheckpoint(log.request(10, 10));
    WitnessRefusal smaller = refusal(witness, AddCheckpoint.of(10, List.of(), log.checkpoint(5)));
    WitnessRefusal fromFive = refusal(witness, log.request(5, 7));

    assertThat(smaller.reason()).isEqualTo(Reason.OLD_SIZE_TOO_LARGE);
    assertThat(smaller.reason().status()).isEqualTo(400);
    assertThat(fromFive.witnessSize()).hasValue(10);
  }

  @Test
  void anUnknownLogIsNotFoundAndASignatureByAnotherKeyIsForbidden() {
    Witness witness = witness(log);
    TestLog stranger = new TestLog("elsewhere.example/log").growTo(3, "x");
    TestLog impostor = new TestLog(log.origin).growTo(5, "true");
    String tampered = log.checkpoint(5).replaceFirst("\n5\n", "\n6\n");

    assertThat(refusal(witness, stranger.request(0, 3)).reason()).isEqualTo(Reason.UNKNOWN_LOG);
    assertThat(refusal(witness, stranger.request(0, 3)).reason().status()).isEqualTo(404);
    WitnessRefusal byImpostor = refusal(witness, impostor.request(0, 5));
    assertThat(byImpostor.reason()).isEqualTo(Reason.NOT_SIGNED_BY_LOG);
    assertThat(byImpostor.reason().status()).isEqualTo(403);
    assertThat(refusal(witness, AddCheckpoint.of(0, List.of(), tampered)).reason())
        .isEqualTo(Reason.NOT_SIGNED_BY_LOG);
    assertThat(refusal(witness, AddCheckpoint.of(0, List.of(), "not a note")).reason())
        .isEqualTo(Reason.MALFORMED);
    assertThat(
            refusal(witness, AddCheckpoint.of(0, List.of(), log.origin + "\nno signatures\n"))
                .reason())
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void theCosignedCheckpointCarriesTheLogSignatureAndTheCosignatureAndSurvivesARestart()
      throws Exception {
    Witness witness = witness(log);
    witness.addCheckpoint(log.request(0, 7));
    opened.remove(0).close();

    Witness restarted = witness(log);

    assertThat(restarted.verifierKey()).isEqualTo(witness.verifierKey());
    assertThat(refusal(restarted, log.request(0, 9)).witnessSize()).hasValue(7);
    String kept = restarted.latestCheckpoint(WitnessState.originHash(log.origin)).orElseThrow();
    assertThat(SignedNote.verify(kept, log.key))
        .isEqualTo(Checkpoint.parse(SignedNote.verify(kept, log.key)).body());
    assertThat(SignedNote.verify(kept, restarted.verifierKey())).startsWith(log.origin + "\n7\n");
    assertThat(restarted.latestCheckpoint("00".repeat(32))).isEmpty();
    restarted.addCheckpoint(log.request(7, 9));
  }

  @Test
  void aFolderIsOneWitnessesOnly() {
    witness(log);

    assertThatThrownBy(() -> WitnessState.open(folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Another witness uses");
  }

  @Test
  void aMemoryThatCannotBeReadIsNeverTakenForALogNotSeenYet() throws Exception {
    Witness witness = witness(log);
    witness.addCheckpoint(log.request(0, 7));
    opened.remove(0).close();
    Files.writeString(
        folder.resolve("logs").resolve(WitnessState.originHash(log.origin) + ".checkpoint"),
        "garbage");

    Witness restarted = witness(log);

    assertThatThrownBy(() -> restarted.addCheckpoint(log.request(0, 9)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unreadable");
  }

  @Test
  void aFolderKeepsTheNameItsKeyWasMadeFor() {
    Cosigner.loadOrCreate(folder, "witness.example/w1");

    assertThatThrownBy(() -> Cosigner.loadOrCreate(folder, "witness.example/w2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keeps its name");
  }

  @Test
  void racingRequestsFromOneSizeGetOneCosignatureAndTheRestTheNewSize() throws Exception {
    Witness witness = witness(log);
    witness.addCheckpoint(log.request(0, 5));
    List<AddCheckpoint> requests = new ArrayList<>();
    for (long size = 6; size <= 20; size++) {
      requests.add(log.request(5, size));
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> outcomes = new ArrayList<>();
    for (AddCheckpoint request : requests) {
      outcomes.add(
          threads.submit(
              () -> {
                start.await();
                try {
                  witness.addCheckpoint(request);
                  return -1L;
                } catch (WitnessRefusal refusal) {
                  return refusal.witnessSize().orElseThrow();
                }
              }));
    }
    start.countDown();
    List<Long> results = new ArrayList<>();
    for (Future<Long> outcome : outcomes) {
      results.add(outcome.get(30, TimeUnit.SECONDS));
    }
    threads.shutdown();

    assertThat(results).filteredOn(r -> r == -1L).hasSize(1);
    long winner = refusal(witness, log.request(0, 20)).witnessSize().orElseThrow();
    assertThat(results).filteredOn(r -> r != -1L).allMatch(r -> r == winner);
  }

  @Test
  void twoLogsWithOneOriginAreAConfigurationError() {
    WitnessState state = WitnessState.open(folder);
    opened.add(state);
    Cosigner cosigner = new Cosigner("w", Ed25519Keys.generate().getPrivate());

    assertThatThrownBy(
            () -> new Witness(cosigner, List.of(log.witnessed(), log.witnessed()), state, CLOCK))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
