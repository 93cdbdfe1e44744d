package no.bindeledd.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogOriginTest {

  @TempDir Path keys;

  @Test
  void aNewLogTakesTheDefaultNameAndKeepsItWhenTheHubMoves() throws Exception {
    assertThat(LogOrigin.resolve(keys, Optional.empty(), "localhost:8080/audit"))
        .isEqualTo("localhost:8080/audit");

    assertThat(LogOrigin.resolve(keys, Optional.empty(), "localhost:9090/audit"))
        .as("started again on another port, the log is still the same log")
        .isEqualTo("localhost:8080/audit");
    assertThat(Files.readString(keys.resolve(LogOrigin.FILE_NAME)))
        .isEqualTo("localhost:8080/audit\n");
  }

  @Test
  void aConfiguredNameIsTakenAtTheFirstStartAndMayBeRepeated() {
    assertThat(
            LogOrigin.resolve(keys, Optional.of("fjordvik.example/audit"), "localhost:8080/audit"))
        .isEqualTo("fjordvik.example/audit");

    assertThat(LogOrigin.resolve(keys, Optional.of("fjordvik.example/audit"), "other/audit"))
        .isEqualTo("fjordvik.example/audit");
    assertThat(LogOrigin.resolve(keys, Optional.empty(), "other/audit"))
        .isEqualTo("fjordvik.example/audit");
  }

  @Test
  void configurationThatRenamesAnExistingLogStopsTheStartAndSaysWhy() {
    LogOrigin.resolve(keys, Optional.empty(), "localhost:8080/audit");

    assertThatThrownBy(
            () ->
                LogOrigin.resolve(
                    keys, Optional.of("fjordvik.example/audit"), "localhost:8080/audit"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is named localhost:8080/audit since its first start")
        .hasMessageContaining("hub.audit.origin names it fjordvik.example/audit");
  }
}
