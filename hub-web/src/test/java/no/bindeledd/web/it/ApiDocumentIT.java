package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.Test;

/** The running hub describes its API as OpenAPI. */
class ApiDocumentIT {

  @Test
  void theHubServesAnOpenApiDocumentListingItsEndpoints() {
    Reply document = RunningHub.get().anonymous().get("/openapi");

    assertThat(document.status()).isEqualTo(200);
    assertThat(document.body())
        .startsWith("openapi: 3.")
        .contains("/api/participants:")
        .contains("/api/participants/{id}/access-log:")
        .contains("/api/consents/{id}/withdrawal:")
        .contains("/api/consents/{id}/fhir:")
        .contains("/api/consents/{id}/receipt:")
        .contains("/api/requests:")
        .contains("/api/messages/{id}/answers:")
        .contains("/api/inbox:")
        .contains("bearerFormat: JWT");
  }

  /** The web app's types are generated from this document, so the screens' endpoints are in it. */
  @Test
  void theDocumentDescribesWhatTheScreensUse() {
    Reply document = RunningHub.get().anonymous().get("/openapi?format=json");

    assertThat(document.status()).isEqualTo(200);
    var json = document.json();
    var paths = json.getJsonObject("paths");
    assertThat(paths.keySet())
        .contains(
            "/api/me",
            "/api/me/counts",
            "/api/events",
            "/api/coverage/requests",
            "/api/coverage/plans",
            "/api/messages/{id}/decline",
            "/api/messages/{id}/seen",
            "/api/conversations",
            "/api/audit/entries/{seq}");
    assertThat(
            paths
                .getJsonObject("/api/events")
                .getJsonObject("get")
                .getJsonObject("responses")
                .toString())
        .contains("text/event-stream");
    assertThat(paths.getJsonObject("/api/events").getJsonObject("get").getString("description"))
        .contains("snapshot")
        .contains("Last-Event-ID");
    assertThat(json.getJsonObject("components").getJsonObject("schemas").keySet())
        .contains(
            "Me", "MyAgency", "CoverageView", "NearMissView", "ConversationView", "DeclineRequest");
  }
}
