package no.bindeledd.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.bindeledd.core.exchange.MessageEnvelope;
import no.bindeledd.core.exchange.ParticipantPlan;
import no.bindeledd.web.ApiEndpoints;
import no.bindeledd.web.LargestBodies;
import no.bindeledd.web.json.JsonRequest;
import org.junit.jupiter.api.Test;

class BodyLimitsTest {

  @Test
  void everyEndpointThatTakesABodyIsInTheTableAndNothingElseIs() {
    List<String> takingBodies =
        ApiEndpoints.all().stream()
            .filter(ApiEndpoints.Endpoint::takesBody)
            .map(e -> e.method() + " " + e.pathShape())
            .toList();
    List<String> listed =
        BodyLimits.endpoints().stream()
            .map(e -> e.method() + " " + ApiEndpoints.shapeOf(e.path()))
            .toList();

    assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(takingBodies);
  }

  @Test
  void aRequestPathFindsItsEndpointsLimit() {
    assertThat(BodyLimits.forRequest("POST", "/api/messages/abc/answers"))
        .isEqualTo(BodyLimits.LONG_TEXT);
    assertThat(BodyLimits.forRequest("post", "/api/requests")).isEqualTo(BodyLimits.LONG_TEXT);
    assertThat(BodyLimits.forRequest("POST", "/api/requests/")).isEqualTo(BodyLimits.LONG_TEXT);
    assertThat(BodyLimits.forRequest("POST", "/api/requests;v=1")).isEqualTo(BodyLimits.LONG_TEXT);
    assertThat(BodyLimits.forRequest("POST", "/api/plans")).isEqualTo(BodyLimits.LONG_TEXT);
    assertThat(BodyLimits.forRequest("POST", "/api/messages")).isEqualTo(BodyLimits.SIGNED);
    assertThat(BodyLimits.forRequest("POST", "/api/messages/abc/decline"))
        .isEqualTo(BodyLimits.JSON);
    assertThat(BodyLimits.forRequest("POST", "/api/connectors/gp-offices/311000063/messages"))
        .isEqualTo(BodyLimits.GP_MESSAGE);
  }

  @Test
  void whatTheTableDoesNotKnowGetsItsSmallestLimit() {
    int smallest =
        BodyLimits.endpoints().stream().mapToInt(BodyLimits.Endpoint::maxBytes).min().orElseThrow();

    assertThat(BodyLimits.JSON).isEqualTo(smallest);
    assertThat(BodyLimits.forRequest("GET", "/api/plans")).isEqualTo(smallest);
    assertThat(BodyLimits.forRequest("POST", "/api/messages/abc")).isEqualTo(smallest);
    assertThat(BodyLimits.forRequest("POST", "/api/plans/extra")).isEqualTo(smallest);
    assertThat(BodyLimits.forRequest("POST", "/API/plans")).isEqualTo(smallest);
    assertThat(BodyLimits.forRequest("PUT", "/")).isEqualTo(smallest);
  }

  /**
   * The largest body each JSON endpoint must take: every text at its longest, every character
   * escaped as six bytes, every list at its longest. Texts without a length rule (codes, instants)
   * are given 64 characters, more than any code the hub knows. A plan is bounded by the core, not
   * by its fields' rules alone ({@link LargestBodies#plan}).
   */
  @Test
  void theLargestValidBodyOfEveryJsonEndpointFitsItsLimitWithoutMuchToSpare() {
    Map<String, Integer> largest =
        ApiEndpoints.all().stream()
            .filter(e -> e.entityType().filter(JsonRequest.class::isAssignableFrom).isPresent())
            .collect(
                Collectors.toMap(
                    e -> e.method() + " " + e.path(),
                    e ->
                        LargestBodies.of(e.entityType().orElseThrow())
                            .getBytes(StandardCharsets.UTF_8)
                            .length));

    assertThat(largest).hasSize(13);
    largest.forEach(
        (endpoint, bytes) -> {
          String[] parts = endpoint.split(" ");
          int limit = BodyLimits.forRequest(parts[0], parts[1].replaceAll("\\{[^}]*}", "x"));
          assertThat(bytes).as(endpoint).isLessThanOrEqualTo(limit);
          if (limit > BodyLimits.JSON) {
            assertThat(bytes)
                .as(endpoint + " needs more than the JSON limit")
                .isGreaterThan(BodyLimits.JSON);
          }
        });
  }

  @Test
  void theLargestValidPlanIsAsLargeAsAMessageBody() {
    ParticipantPlan plan = LargestBodies.largestPlan();

    assertThat(plan.toJson().length())
        .isLessThanOrEqualTo(MessageEnvelope.MAX_BODY_LENGTH)
        .isGreaterThan(MessageEnvelope.MAX_BODY_LENGTH - 100);
  }
}
