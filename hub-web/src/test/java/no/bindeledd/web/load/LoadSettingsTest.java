package no.bindeledd.web.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import no.bindeledd.web.load.LoadSettings.Phase;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {

  @Test
  void phasesAreNamedInAnyOrderAndCase() {
    assertThat(LoadSettings.Phase.parse(" Sustained,baseline ,"))
        .containsExactlyInAnyOrder(Phase.BASELINE, Phase.SUSTAINED);
  }

  @Test
  void anUnknownOrNoPhaseIsRefused() {
    assertThatThrownBy(() -> Phase.parse("baseline,soak"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("soak");
    assertThatThrownBy(() -> Phase.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hubOptionsAreJvmOptionsOnly() {
    assertThat(LoadSettings.hubOptions("  -XX:+UseSerialGC   -XX:TieredStopAtLevel=1 "))
        .containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    assertThat(LoadSettings.hubOptions("")).isEmpty();
    assertThatThrownBy(() -> LoadSettings.hubOptions("-Dhub.outbox.poll-interval=PT1S"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theGoalRatesNeedTheBaseline() {
    assertThatThrownBy(() -> settings(Phase.parse("sustained"), true, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseline");
    assertThat(settings(Phase.parse("sustained"), false, 100).sustainedRuns()).isEqualTo(1);
    assertThat(settings(Phase.parse("baseline,sustained"), true, 100).sustainedRuns()).isEqualTo(3);
  }

  @Test
  void theSustainedPhaseNeedsARate() {
    assertThatThrownBy(() -> settings(Phase.parse("sustained"), false, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("load.rate");
  }

  private static LoadSettings settings(
      java.util.Set<Phase> phases, boolean goalRates, double fixedRate) {
    java.time.Duration second = java.time.Duration.ofSeconds(1);
    return new LoadSettings(
        List.of(),
        phases,
        1,
        100,
        second,
        second,
        List.of(1),
        second,
        second,
        fixedRate,
        goalRates,
        second,
        second,
        1,
        second,
        1,
        second,
        second,
        second,
        second,
        0.01);
  }
}
