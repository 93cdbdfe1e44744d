package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.FILE_GP_OFFICE;
import static no.bindeledd.web.it.Demo.HTTP_GP_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.bindeledd.connectors.gp.format.AppRec;
import no.bindeledd.connectors.gp.format.AppRecStatus;
import no.bindeledd.connectors.gp.format.DialogAnswer;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.connectors.simulator.GpOfficeSimulator;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * J2 to J4 through the GP office connectors: the office's record system (a simulator in this JVM)
 * gets a Dialogmelding request over HTTP or through its file folder, answers with a receipt and a
 * Dialogmelding answer, and gets the hub's receipt back.
 */
class ConnectorJourneysIT {

  static final String DIALOGMELDING_1_0 = "http://www.kith.no/xmlstds/dialog/2006-10-11";

  static RunningHub hub;
  static Simulators simulators;
  static HubClient caseworker;

  @BeforeAll
  static void start() {
    hub = RunningHub.get();
    simulators = Simulators.get();
    caseworker = hub.as(CASEWORKER);
  }

  private static GpOfficeSimulator office(String org) {
    return HTTP_GP_OFFICE.equals(org) ? simulators.httpOffice : simulators.fileOffice;
  }

  /** A participant with J1's consent for the office, and the national id they were given. */
  private static String[] consentingParticipant(String office) {
    String nationalId = Demo.adultNationalId();
    Reply created = caseworker.post("/api/participants", Demo.participantJson(nationalId));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    Reply consent = caseworker.post("/api/consents", Demo.gpConsentJson(id, office));
    assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
    return new String[] {id, nationalId, consent.json().getString("id")};
  }

  private static String ask(String participant, String office) {
    Reply request =
        caseworker.post("/api/requests", Demo.referralQuestionJson(participant, office));
    assertThat(request.status()).as(request.toString()).isEqualTo(201);
    return request.json().getString("id");
  }

  private static JsonObject awaitStatus(String messageId, String status) {
    return Await.until(
        "message " + messageId + " is " + status,
        () -> caseworker.get("/api/messages/" + messageId + "/status").json(),
        m -> status.equals(m.getString("status")));
  }

  private static DialogRequest awaitRequestAt(GpOfficeSimulator office, String messageId) {
    return Await.until(
            "the office's system has request " + messageId,
            () -> office.requests().stream().filter(r -> r.msgId().equals(messageId)).toList(),
            found -> !found.isEmpty())
        .get(0);
  }

  private static JsonObject awaitAnswerInInbox(String requestId) {
    return Await.until(
            "the answer to " + requestId + " is in the caseworker's inbox",
            () ->
                caseworker.get("/api/inbox").jsonArray().stream()
                    .map(v -> v.asJsonObject())
                    .filter(m -> requestId.equals(m.getString("inReplyTo", null)))
                    .toList(),
            found -> !found.isEmpty())
        .get(0);
  }

  private static AppRec awaitHubReceiptFor(GpOfficeSimulator office, String answerId) {
    return Await.until(
            "the office has the hub's receipt for " + answerId,
            () ->
                office.receiptsFromHub().stream()
                    .filter(r -> r.originalMsgId().equals(answerId))
                    .toList(),
            found -> !found.isEmpty())
        .get(0);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {HTTP_GP_OFFICE, FILE_GP_OFFICE})
  void j2AndJ3TheOfficesRecordSystemGetsTheRequestAndItsAnswerComesBackLinked(String org) {
    String[] amal = consentingParticipant(org);
    GpOfficeSimulator office = office(org);

    String requestId = ask(amal[0], org);

    DialogRequest received = awaitRequestAt(office, requestId);
    assertThat(received.patient().nationalId()).isEqualTo(amal[1]);
    assertThat(received.receiver().organisationNumber()).contains(org);
    assertThat(received.receiver().herId()).isPresent();
    assertThat(received.sender().organisationNumber()).contains(Demo.REFUGEE_SERVICE);
    assertThat(received.question()).contains("referred to hospital");
    assertThat(received.purpose().orElseThrow()).contains(amal[2]);
    assertThat(received.receiptRequested()).isTrue();
    JsonObject delivered = awaitStatus(requestId, "delivered");
    assertThat(delivered.getString("receipt")).isEqualTo("ok");

    JsonObject answer = awaitAnswerInInbox(requestId);
    assertThat(answer.getString("sender")).isEqualTo(org);
    assertThat(answer.getString("conversationId")).isEqualTo(requestId);
    assertThat(answer.getString("signedFormat")).isEqualTo("msghead-1.2");
    Reply opened = caseworker.get("/api/messages/" + answer.getString("id"));
    assertThat(opened.json().getString("body")).contains("henvist");
    AppRec receipt = awaitHubReceiptFor(office, answer.getString("id"));
    assertThat(receipt.status()).isEqualTo(AppRecStatus.OK);
    assertThat(receipt.sender().organisationNumber()).contains(Demo.REFUGEE_SERVICE);
    assertThat(office.unencryptedFromHub())
        .as("the request and the receipt reached the office encrypted for it")
        .isZero();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {HTTP_GP_OFFICE, FILE_GP_OFFICE})
  void j4AnAnswerAfterWithdrawalIsHeldAndTheOfficeIsToldInItsReceipt(String org) {
    String[] amal = consentingParticipant(org);
    GpOfficeSimulator office = office(org);
    String requestId = ask(amal[0], org);
    DialogRequest received = awaitRequestAt(office, requestId);
    awaitAnswerInInbox(requestId);

    Reply withdrawn =
        caseworker.post(
            "/api/consents/" + amal[2] + "/withdrawal",
            "{\"reason\":\"the participant withdrew\"}");
    assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
    DialogAnswer late =
        DialogAnswer.to(
            received,
            java.util.UUID.randomUUID().toString(),
            java.time.Instant.now(),
            "A late addition: the referral was accepted.");
    try {
      office.send(late);
    } catch (Exception e) {
      throw new AssertionError(e);
    }

    AppRec receipt = awaitHubReceiptFor(office, late.msgId());
    assertThat(receipt.status()).isEqualTo(AppRecStatus.REJECTED);
    assertThat(receipt.errors().get(0).details().orElseThrow()).contains("held");
    List<String> inbox =
        caseworker.get("/api/inbox").jsonArray().stream()
            .map(v -> v.asJsonObject().getString("id"))
            .toList();
    assertThat(inbox).doesNotContain(late.msgId());
    Reply refused = caseworker.post("/api/requests", Demo.referralQuestionJson(amal[0], org));
    assertThat(refused.status()).isEqualTo(403);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {HTTP_GP_OFFICE, FILE_GP_OFFICE})
  void aRequestTheOfficeRejectsFailsWithTheOfficesErrorCode(String org) {
    String[] amal = consentingParticipant(org);
    office(org).doesNotKnow(amal[1]);

    String requestId = ask(amal[0], org);

    JsonObject failed = awaitStatus(requestId, "failed");
    assertThat(failed.getString("receipt")).contains("rejected").contains("E35");
    assertThat(failed.getString("statusReason")).contains("E35");
    assertThat(office(org).requests().stream().filter(r -> r.msgId().equals(requestId)))
        .as("handed over once, never again")
        .hasSize(1);
    assertThat(hub.log()).doesNotContain("Delivery of " + requestId + " failed, to be tried again");
  }

  @ParameterizedTest(name = "the office answers as a {0}")
  @ValueSource(strings = {"DIALOG_NOTAT", "DIALOG_HELSEFAGLIG"})
  void anAnswerWrittenAsANoteOrInAHealthDialogueReachesTheCaseworkersInbox(String type)
      throws Exception {
    String[] amal = consentingParticipant(HTTP_GP_OFFICE);
    String requestId = ask(amal[0], HTTP_GP_OFFICE);
    DialogRequest received = awaitRequestAt(simulators.httpOffice, requestId);
    // The office's receipt for the request settles it first, as it does before any answer.
    awaitStatus(requestId, "delivered");
    DialogAnswer answer =
        new DialogAnswer(
            java.util.UUID.randomUUID().toString(),
            java.time.Instant.now(),
            received.conversationId(),
            received.msgId(),
            received.receiver(),
            received.sender(),
            received.patient(),
            "Notat: henvist til lungepoliklinikken 3. desember.",
            true,
            type);
    String xml = new String(simulators.format().write(answer), StandardCharsets.UTF_8);
    if (type.equals("DIALOG_NOTAT")) {
      // A DIALOG_NOTAT is Dialogmelding 1.0's.
      xml = xml.replace("http://www.kith.no/xmlstds/dialog/2013-01-23", DIALOGMELDING_1_0);
      assertThat(xml).contains(DIALOGMELDING_1_0);
    }

    byte[] reply =
        simulators
            .httpOffice
            .sendSigned(
                simulators
                    .keysOf(HTTP_GP_OFFICE)
                    .seal(xml.getBytes(StandardCharsets.UTF_8), Demo.REFUGEE_SERVICE))
            .orElseThrow();

    AppRec receipt =
        (AppRec) simulators.format().read(simulators.keysOf(HTTP_GP_OFFICE).open(reply));
    assertThat(receipt.status()).as(receipt.toString()).isEqualTo(AppRecStatus.OK);
    assertThat(receipt.originalMsgType()).isEqualTo(type);
    JsonObject inInbox =
        Await.until(
                "the " + type + " is in the caseworker's inbox",
                () ->
                    caseworker.get("/api/inbox").jsonArray().stream()
                        .map(v -> v.asJsonObject())
                        .filter(m -> answer.msgId().equals(m.getString("id")))
                        .toList(),
                found -> !found.isEmpty())
            .get(0);
    assertThat(inInbox.getString("inReplyTo")).isEqualTo(requestId);
    assertThat(caseworker.get("/api/messages/" + answer.msgId()).json().getString("body"))
        .contains("lungepoliklinikken");
  }

  @Test
  void aRequestTheOfficesSystemRefusesOutrightFailsAtOnceAndIsNotTriedAgain() {
    String[] amal = consentingParticipant(HTTP_GP_OFFICE);
    simulators.httpOffice.refusesRequestsAbout(amal[1]);

    String requestId = ask(amal[0], HTTP_GP_OFFICE);

    JsonObject failed = awaitStatus(requestId, "failed");
    assertThat(failed.getString("statusReason"))
        .contains("the GP office refused the message (HTTP 422)")
        .contains("does not take requests about this patient");
    assertThat(simulators.httpOffice.requests().stream().filter(r -> r.msgId().equals(requestId)))
        .as("handed over once, never again")
        .hasSize(1);
    assertThat(hub.log())
        .contains(requestId + " cannot be delivered, failed at once")
        .doesNotContain("Delivery of " + requestId + " failed, to be tried again");
  }
}
