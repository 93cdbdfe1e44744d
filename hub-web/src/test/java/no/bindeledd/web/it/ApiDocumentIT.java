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
}
