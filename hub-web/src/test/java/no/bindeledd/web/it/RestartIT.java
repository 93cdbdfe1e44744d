package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.Test;

/** Restarting the hub keeps its data, its keys and its demo users' passwords. */
class RestartIT {

  @Test
  void aRestartedHubKeepsPeopleConsentsKeysAndTokens() throws Exception {
    Path dataDir =
        Files.createTempDirectory(Path.of(System.getProperty("hub.build.dir")), "restart-data-");
    String participantId;
    String consentId;
    String gpCertificate;
    String password;
    RunningHub first = RunningHub.start(dataDir);
    try {
      HubClient caseworker = first.as(Demo.CASEWORKER);
      participantId =
          caseworker
              .post("/api/participants", Demo.participantJson(Demo.adultNationalId()))
              .json()
              .getString("id");
      consentId =
          caseworker
              .post("/api/consents", Demo.gpConsentJson(participantId))
              .json()
              .getString("id");
      gpCertificate =
          first.anonymous().get("/api/agencies/" + Demo.GP_OFFICE + "/certificate").body();
      password = first.passwordOf(Demo.CASEWORKER);
    } finally {
      first.stop();
    }

    RunningHub second = RunningHub.start(dataDir);
    try {
      assertThat(second.passwordOf(Demo.CASEWORKER)).isEqualTo(password);
      HubClient caseworker = second.as(Demo.CASEWORKER);
      Reply participant = caseworker.get("/api/participants/" + participantId);
      assertThat(participant.status()).as(participant.toString()).isEqualTo(200);
      Reply consent = caseworker.get("/api/consents/" + consentId);
      assertThat(consent.json().getString("status")).isEqualTo("active");
      assertThat(second.anonymous().get("/api/agencies/" + Demo.GP_OFFICE + "/certificate").body())
          .as("the agencies keep their keys and certificates")
          .isEqualTo(gpCertificate);
      assertThat(
              caseworker.post("/api/requests", Demo.referralQuestionJson(participantId)).status())
          .as("the consent still covers requests after the restart")
          .isEqualTo(201);
    } finally {
      second.stop();
    }
  }
}
