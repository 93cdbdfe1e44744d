package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.GP;
import static no.bindeledd.web.it.Demo.NAV_ADVISER;
import static no.bindeledd.web.it.Demo.OTHER_GP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.bindeledd.web.it.EventStream.Event;
import no.bindeledd.web.it.HubClient.Reply;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live stream over real HTTP, as a browser's EventSource reads it: a delivery reaches the
 * recipient's stream and the sender's, once it committed, and never another agency's.
 */
class LiveEventsIT {

  static RunningHub hub;
  static HubClient caseworker;
  static HubClient gp;
  static HubClient otherGp;

  @BeforeAll
  static void signIn() {
    hub = RunningHub.get();
    caseworker = hub.as(CASEWORKER);
    gp = hub.as(GP);
    otherGp = hub.as(OTHER_GP);
  }

  private static String participantWithGpConsent() {
    String amal =
        caseworker
            .post("/api/participants", Demo.participantJson(Demo.adultNationalId()))
            .json()
            .getString("id");
    assertThat(caseworker.post("/api/consents", Demo.gpConsentJson(amal)).status()).isEqualTo(201);
    return amal;
  }

  private static Event awaitSnapshot(EventStream stream) {
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.contentType()).startsWith("text/event-stream");
    Event first = stream.await("the first event", e -> true);
    assertThat(first.name()).isEqualTo("snapshot");
    assertThat(first.json().getJsonNumber("unreadInInbox")).isNotNull();
    assertThat(first.json().getJsonNumber("sentNeedingAttention")).isNotNull();
    return first;
  }

  @Test
  void aDeliveryReachesTheRecipientsAndTheSendersStreamsAndNoOtherAgencys() {
    String amal = participantWithGpConsent();
    // The other GP office may ask the refugee service about her: its own request is the marker
    // that shows its stream was told everything meant for it.
    assertThat(
            caseworker
                .post(
                    "/api/consents",
                    Demo.gpConsentJson(amal, Demo.OTHER_GP_OFFICE)
                        .replace(
                            "\"disclosingAgency\":\"" + Demo.OTHER_GP_OFFICE + "\"",
                            "\"disclosingAgency\":\"" + Demo.REFUGEE_SERVICE + "\"")
                        .replace(
                            "\"receivingAgency\":\"" + Demo.REFUGEE_SERVICE + "\"",
                            "\"receivingAgency\":\"" + Demo.OTHER_GP_OFFICE + "\""))
                .status())
        .isEqualTo(201);
    try (EventStream office = EventStream.open(hub, gp);
        EventStream asker = EventStream.open(hub, caseworker);
        EventStream elsewhere = EventStream.open(hub, otherGp)) {
      awaitSnapshot(office);
      awaitSnapshot(asker);
      awaitSnapshot(elsewhere);

      String request =
          caseworker.post("/api/requests", Demo.referralQuestionJson(amal)).json().getString("id");

      Event delivered =
          office.await(
              "the office is told the request arrived",
              EventStream.about(request)
                  .and(e -> e.json().getString("status").equals("delivered")));
      assertThat(delivered.json().getString("box")).isEqualTo("inbox");
      assertThat(delivered.json().getString("kind")).isEqualTo("request");
      assertThat(delivered.data())
          .as("an event names the message, never the person")
          .doesNotContain(amal)
          .doesNotContain("referral");
      assertThat(gp.get("/api/messages/" + request + "/status").json().getString("status"))
          .as("what the event told has committed")
          .isEqualTo("delivered");
      office.await(
          "the office's counts follow",
          e -> e.name().equals("counts") && e.json().getInt("unreadInInbox") >= 1);
      asker.await(
          "the asker sees its request stored",
          EventStream.about(request)
              .and(e -> e.json().getString("status").equals("created"))
              .and(e -> e.json().getString("box").equals("sent")));
      asker.await(
          "and delivered",
          EventStream.about(request).and(e -> e.json().getString("status").equals("delivered")));
      assertThat(office.events())
          .as("the recipient learns nothing before the request reached it")
          .filteredOn(EventStream.about(request))
          .extracting(e -> e.json().getString("status"))
          .doesNotContain("created");

      Reply marker =
          otherGp.post(
              "/api/requests",
              """
              {"recipient":"%s","subjectId":"%s","category":"referral-status",
               "purpose":"introduction-programme-follow-up","question":"Was she seen by you?"}"""
                  .formatted(Demo.REFUGEE_SERVICE, amal));
      assertThat(marker.status()).as(marker.toString()).isEqualTo(201);
      elsewhere.await(
          "the other office's own request", EventStream.about(marker.json().getString("id")));

      // Each stream is told in the order the changes committed, so by the time the other office
      // heard of its own request it would have heard of the first one, had it been told.
      assertThat(elsewhere.events())
          .as("another office never learns of the request")
          .noneMatch(EventStream.about(request))
          .noneMatch(e -> e.data().contains(request));
    }
  }

  @Test
  void aReconnectWithLastEventIdStartsWithAFreshSnapshotAndTheRetryDelay() {
    try (EventStream stream = EventStream.open(hub, gp, "12345")) {
      Event first = awaitSnapshot(stream);

      assertThat(first.retry()).isEqualTo(5000L);
      assertThat(first.id()).isNotBlank();
    }
  }

  @Test
  void oneUserHoldsAtMostThreeStreamsAndTheFourthIsToldToPoll() {
    List<EventStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        EventStream stream = EventStream.open(hub, hub.as(NAV_ADVISER));
        open.add(stream);
        awaitSnapshot(stream);
      }

      try (EventStream fourth = EventStream.open(hub, hub.as(NAV_ADVISER))) {
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.contentType()).startsWith("application/problem+json");
        assertThat(fourth.problem().getString("type")).endsWith("/too-many-streams");
      }
    } finally {
      open.forEach(EventStream::close);
    }
  }

  @Test
  void aBrowserSessionsStreamEndsWhenTheSessionIsSignedOut() {
    BrowserSession session = BrowserSession.signIn(hub, CASEWORKER);
    try (EventStream stream = EventStream.open(hub, session)) {
      awaitSnapshot(stream);
      assertThat(session.post("/auth/logout", null, session.csrfToken()).statusCode())
          .isEqualTo(200);
      Awaitility.await("the stream ends with its session")
          .atMost(Duration.ofSeconds(10))
          .until(stream::ended);
    }
    assertThat(session.get("/api/me/counts").statusCode()).isEqualTo(401);
  }
}
