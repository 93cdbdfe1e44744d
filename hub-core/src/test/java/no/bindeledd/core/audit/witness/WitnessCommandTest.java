package no.bindeledd.core.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessCommandTest {

  @TempDir Path folder;

  private final TestLog log = new TestLog("bindeledd.example/fjordvik-audit").growTo(9, "true");

  private String[] arguments(String logArgument) {
    return new String[] {
      "--state",
      folder.resolve("state").toString(),
      "--name",
      "witness.example/w1",
      "--log",
      logArgument,
      "--listen",
      "127.0.0.1:0"
    };
  }

  @Test
  void aStandaloneWitnessCosignsAndRemembersAcrossARestart() throws Exception {
    Path keyFile = folder.resolve("log-key.vkey");
    Files.writeString(keyFile, log.key.encoded() + "\n");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    VerifierKey witnessKey;
    try (WitnessCommand.Running running =
        WitnessCommand.start(
            arguments(keyFile.toString()),
            new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      witnessKey = running.witness().verifierKey();
      WitnessClient client = new WitnessClient(running.server().url(), Duration.ofSeconds(10));
      assertThat(client.addCheckpoint(log.request(0, 4)))
          .isInstanceOf(WitnessClient.Cosigned.class);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Witness   " + witnessKey.encoded())
        .contains("Listens   http://127.0.0.1:")
        .contains("Witnesses bindeledd.example/fjordvik-audit");
    assertThat(Files.readString(folder.resolve("state/witness.vkey")).strip())
        .isEqualTo(witnessKey.encoded());

    try (WitnessCommand.Running again =
        WitnessCommand.start(
            arguments(log.key.encoded()), new PrintStream(new ByteArrayOutputStream()))) {
      WitnessClient client = new WitnessClient(again.server().url(), Duration.ofSeconds(10));

      assertThat(again.witness().verifierKey()).isEqualTo(witnessKey);
      assertThat(client.addCheckpoint(log.request(0, 9))).isEqualTo(new WitnessClient.Conflict(4));
      assertThat(client.addCheckpoint(log.request(4, 9)))
          .isInstanceOf(WitnessClient.Cosigned.class);
    }
  }

  @Test
  void aLogWhoseOriginIsNotItsKeysNameIsGivenAsOriginEqualsKey() {
    try (WitnessCommand.Running running =
        WitnessCommand.start(
            arguments("Log Checkpoint v0=" + log.key.encoded()),
            new PrintStream(new ByteArrayOutputStream()))) {
      assertThat(running.witness().logs())
          .extracting(WitnessedLog::origin)
          .containsExactly("Log Checkpoint v0");
    }
  }

  @Test
  void wrongUseIsRefusedWithTheReason() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream());
    assertThatThrownBy(() -> WitnessCommand.start(new String[] {"--name", "w"}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--state");
    assertThatThrownBy(
            () -> WitnessCommand.start(new String[] {"--state", "s", "--name", "w"}, out))
        .hasMessageContaining("--log");
    assertThatThrownBy(() -> WitnessCommand.start(arguments("not a key"), out))
        .hasMessageContaining("--log not a key");
    assertThatThrownBy(() -> WitnessCommand.start(new String[] {"--listen", "nowhere"}, out))
        .hasMessageContaining("<host>:<port>");
    assertThatThrownBy(() -> WitnessCommand.start(new String[] {"--frobnicate"}, out))
        .hasMessageContaining("unknown argument");
    ByteArrayOutputStream help = new ByteArrayOutputStream();
    assertThat(
            WitnessCommand.start(
                new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8)))
        .isNull();
    assertThat(help.toString(StandardCharsets.UTF_8)).startsWith("Usage: bindeledd-witness");
  }
}
