package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.HTTP_GP_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A recipient that is down: the hub keeps what it could not deliver, tries again with growing
 * delays, and delivers everything once when the recipient is back; a message that outlives its
 * lifetime expires, and its sender sees why.
 */
class DeliveryReliabilityIT {

  static RunningHub hub;
  static Simulators simulators;
  static HubClient caseworker;

  @BeforeAll
  static void start() {
    hub = RunningHub.get();
    simulators = Simulators.get();
    caseworker = hub.as(CASEWORKER);
  }

  @AfterEach
  void recipientIsBack() {
    simulators.bringBack();
  }

  private static String askTheHttpOffice() {
    Reply participant =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    String id = participant.json().getString("id");
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(id, HTTP_GP_OFFICE));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    Reply request = caseworker.post("/api/requests", Demo.referralQuestionJson(id, HTTP_GP_OFFICE));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    return request.json().getString("id");
  }

  private static String status(String messageId) {
    return caseworker.get("/api/messages/" + messageId + "/status").json().getString("status");
  }

  @Test
  void aRecipientThatWasDownGetsEverythingOnceItIsBack() {
    simulators.takeDown();
    List<String> requests = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      requests.add(askTheHttpOffice());
    }

    // One request tried again shows the hub kept it for later; waiting for all three would let
    // them outlive their short test lifetime, as in-place retries take each claim a few seconds.
    String first = requests.get(0);
    JsonObject waiting =
        Await.until(
            "request " + first + " was tried again",
            () -> caseworker.get("/api/messages/" + first + "/status").json(),
            m -> m.containsKey("delivery") && m.getJsonObject("delivery").getInt("attempts") >= 2);
    assertThat(waiting.getJsonObject("delivery").getString("lastError"))
        .as("the sender sees why it has not arrived")
        .isNotBlank();
    for (String id : requests) {
      assertThat(status(id)).as("not delivered while the office is down").isEqualTo("created");
    }
    simulators.bringBack();

    for (String id : requests) {
      Await.until("request " + id + " is delivered", () -> status(id), "delivered"::equals);
    }
    List<String> receivedIds =
        simulators.httpOffice.requests().stream().map(DialogRequest::msgId).toList();
    for (String id : requests) {
      assertThat(receivedIds).as("delivered exactly once").containsOnlyOnce(id);
    }
  }

  @Test
  void aRequestNotDeliveredWithinItsLifetimeExpiresAndItsSenderSeesWhy() {
    simulators.takeDown();

    String requestId = askTheHttpOffice();

    JsonObject expired =
        Await.until(
            "request " + requestId + " expires",
            RunningHub.REQUEST_LIFETIME.plus(Duration.ofSeconds(30)),
            () -> caseworker.get("/api/messages/" + requestId + "/status").json(),
            m -> "expired".equals(m.getString("status")));
    assertThat(expired.getString("statusReason"))
        .contains("not delivered within its lifetime")
        .contains("last error");
    simulators.bringBack();
    JsonObject sent =
        caseworker.get("/api/sent").jsonArray().stream()
            .map(v -> v.asJsonObject())
            .filter(m -> requestId.equals(m.getString("id")))
            .findFirst()
            .orElseThrow();
    assertThat(sent.getString("status")).isEqualTo("expired");
  }
}
