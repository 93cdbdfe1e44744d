package no.bindeledd.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import no.bindeledd.core.exchange.DeliveryLagBounds;
import org.junit.jupiter.api.Test;

/** The two bounds on an agency's delivery lag, and the start that a bad pair stops. */
class DeliveryLagSettingsTest {

  private static HubSettings settings(Duration warnAfter, Duration refuseAfter) {
    HubSettings settings = new HubSettings();
    settings.deliveryLagWarnAfter = warnAfter;
    settings.deliveryLagRefuseAfter = refuseAfter;
    return settings;
  }

  @Test
  void theConfiguredBoundsAreTheOnesTheHubJudgesBy() {
    assertThat(settings(Duration.ofSeconds(2), Duration.ofSeconds(5)).deliveryLagBounds())
        .isEqualTo(new DeliveryLagBounds(Duration.ofSeconds(2), Duration.ofSeconds(5)));
  }

  @Test
  void aRefusalBoundNoLongerThanTheWarningBoundStopsTheStartNamingBothSettings() {
    assertThatThrownBy(
            () -> settings(Duration.ofMinutes(2), Duration.ofSeconds(30)).deliveryLagBounds())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("hub.delivery.lag.warn-after (HUB_DELIVERY_LAG_WARN_AFTER) is PT2M")
        .hasMessageContaining(
            "hub.delivery.lag.refuse-after (HUB_DELIVERY_LAG_REFUSE_AFTER) is PT30S")
        .hasMessageContaining("the second longer than the first");
    assertThatThrownBy(
            () -> settings(Duration.ofMinutes(2), Duration.ofMinutes(2)).deliveryLagBounds())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBoundThatIsNotPositiveStopsTheStart() {
    assertThatThrownBy(() -> settings(Duration.ZERO, Duration.ofMinutes(2)).deliveryLagBounds())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("both must be positive");
    assertThatThrownBy(
            () -> settings(Duration.ofSeconds(-30), Duration.ofMinutes(2)).deliveryLagBounds())
        .isInstanceOf(IllegalStateException.class);
  }
}
