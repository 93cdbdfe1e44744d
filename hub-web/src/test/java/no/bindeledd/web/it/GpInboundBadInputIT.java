package no.bindeledd.web.it;

import static no.bindeledd.web.it.Demo.CASEWORKER;
import static no.bindeledd.web.it.Demo.FILE_GP_OFFICE;
import static no.bindeledd.web.it.Demo.HTTP_GP_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.bindeledd.connectors.gp.format.AppRec;
import no.bindeledd.connectors.gp.format.AppRecStatus;
import no.bindeledd.connectors.gp.format.DialogAnswer;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.connectors.gp.format.GpMessage;
import no.bindeledd.connectors.gp.format.Party;
import no.bindeledd.connectors.gp.format.Patient;
import no.bindeledd.connectors.gp.format.UnacceptableGpMessage;
import no.bindeledd.connectors.simulator.AgencyKeys;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input on the GP office channels: each message gets a clear rejection (the
 * hub's signed AppRec with the right error code, or a problem detail where no receipt can be
 * addressed), and nothing of it is stored.
 */
class GpInboundBadInputIT {

  static final String INBOUND = "/api/connectors/gp-offices/" + HTTP_GP_OFFICE + "/messages";
  static final String PKCS7 = "application/pkcs7-mime";

  static RunningHub hub;
  static Simulators simulators;
  static HubClient caseworker;
  static HubClient office;
  static HubClient officeStaff;
  static AgencyKeys officeKeys;
  static DialogRequest request;
  static String conversation;

  @BeforeAll
  static void aRequestTheOfficeHas() {
    hub = RunningHub.get();
    simulators = Simulators.get();
    caseworker = hub.as(CASEWORKER);
    office = hub.anonymous();
    officeStaff = hub.as(Demo.OTHER_GP);
    officeKeys = simulators.keysOf(HTTP_GP_OFFICE);
    Reply participant =
        caseworker.post("/api/participants", Demo.participantJson(Demo.adultNationalId()));
    String id = participant.json().getString("id");
    caseworker.post("/api/consents", Demo.gpConsentJson(id, HTTP_GP_OFFICE));
    Reply asked = caseworker.post("/api/requests", Demo.referralQuestionJson(id, HTTP_GP_OFFICE));
    conversation = asked.json().getString("conversationId");
    String requestId = asked.json().getString("id");
    request =
        Await.until(
                "the office has the request",
                () ->
                    simulators.httpOffice.requests().stream()
                        .filter(r -> r.msgId().equals(requestId))
                        .toList(),
                found -> !found.isEmpty())
            .get(0);
    // The office sees the conversation once the hub has its receipt for the request.
    Await.until(
        "the request is delivered",
        () -> caseworker.get("/api/messages/" + requestId + "/status").json(),
        m -> "delivered".equals(m.getString("status")));
    // The simulator answers by itself; wait for that, so that the counts below are settled.
    Await.until("the office's own answer arrived", () -> conversationSize(), size -> size == 2);
  }

  private int storedBefore;

  @BeforeEach
  void countStored() {
    storedBefore = conversationSize();
  }

  /**
   * What the hub holds in the conversation, as the office sees it: the request, and every answer
   * the office sent, whether delivered yet or not. A rejected message must never be among them.
   */
  private static int conversationSize() {
    return officeStaff.get("/api/conversations/" + conversation).jsonArray().size();
  }

  private static DialogAnswer answer(String text) {
    return DialogAnswer.to(request, UUID.randomUUID().toString(), Instant.now(), text);
  }

  /** Signed as the office, and encrypted for the refugee service that asked. */
  private static byte[] signedXml(String xml) {
    return officeKeys.seal(xml.getBytes(StandardCharsets.UTF_8), Demo.REFUGEE_SERVICE);
  }

  private static String xml(GpMessage message) {
    return new String(
        message instanceof DialogAnswer a
            ? simulators.format().write(a)
            : simulators.format().write((AppRec) message),
        StandardCharsets.UTF_8);
  }

  private static AppRec receiptIn(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith(PKCS7);
    try {
      return (AppRec) simulators.format().read(officeKeys.open(reply.bytes()));
    } catch (UnacceptableGpMessage e) {
      throw new AssertionError("the hub's receipt does not read", e);
    }
  }

  private void assertRejectedWith(Reply reply, String code) {
    AppRec receipt = receiptIn(reply);
    assertThat(receipt.status()).isEqualTo(AppRecStatus.REJECTED);
    assertThat(receipt.errors()).extracting(e -> e.code()).containsExactly(code);
    assertThat(conversationSize()).as("nothing stored").isEqualTo(storedBefore);
  }

  private void assertProblem(Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.isProblem()).as(reply.toString()).isTrue();
    assertThat(reply.json().getString("type")).endsWith("/" + type);
    assertThat(conversationSize()).as("nothing stored").isEqualTo(storedBefore);
  }

  @Test
  void aGoodAnswerIsTakenOnceAndADuplicateIsRefused() {
    byte[] signed = signedXml(xml(answer("An addition: the referral was accepted.")));

    AppRec first = receiptIn(office.post(INBOUND, PKCS7, signed));
    assertThat(first.originalMsgId()).isNotBlank();
    assertThat(first.status()).isEqualTo(AppRecStatus.OK);
    assertThat(conversationSize()).isEqualTo(storedBefore + 1);

    Reply again = office.post(INBOUND, PKCS7, signed);
    assertThat(again.status()).isEqualTo(409);
    assertThat(conversationSize()).as("stored and shown once").isEqualTo(storedBefore + 1);
  }

  @Test
  void emptyOversizedAndUnsignedMessagesAreProblems() {
    assertProblem(office.post(INBOUND, PKCS7, new byte[0]), 400, "empty-message");
    assertProblem(office.post(INBOUND, PKCS7, new byte[300 * 1024]), 413, "body-too-large");
    assertProblem(
        office.post(INBOUND, PKCS7, xml(answer("unsigned")).getBytes(StandardCharsets.UTF_8)),
        400,
        "not-signed");
  }

  @Test
  void anAnswerSignedButNotEncryptedIsRejectedWithAReceiptAndNotStored() {
    byte[] signedOnly =
        officeKeys.sign(xml(answer("Not encrypted.")).getBytes(StandardCharsets.UTF_8));

    Reply reply = office.post(INBOUND, PKCS7, signedOnly);

    assertRejectedWith(reply, "X99");
    assertThat(receiptIn(reply).errors().get(0).details())
        .hasValueSatisfying(d -> assertThat(d).contains("signed but not encrypted"));
  }

  @Test
  void whatDoesNotDecryptIsAProblemNamingTheReason() {
    byte[] forTheOfficeItself =
        simulators.encryptedFor(
            HTTP_GP_OFFICE,
            officeKeys.sign(xml(answer("For the wrong one.")).getBytes(StandardCharsets.UTF_8)));
    byte[] truncated = signedXml(xml(answer("Cut short.")));
    truncated = java.util.Arrays.copyOf(truncated, truncated.length - 40);

    Reply wrongRecipient = office.post(INBOUND, PKCS7, forTheOfficeItself);
    assertProblem(wrongRecipient, 400, "not-decrypted");
    assertThat(wrongRecipient.json().getString("detail")).contains("unknown-recipient");
    assertProblem(office.post(INBOUND, PKCS7, truncated), 400, "not-decrypted");
  }

  @Test
  void aMessageSignedByAnotherAgencyIsRefusedAsABadSignature() {
    byte[] signedByNav =
        simulators.keysOf(Demo.NAV).sign(xml(answer("forged")).getBytes(StandardCharsets.UTF_8));

    assertProblem(office.post(INBOUND, PKCS7, signedByNav), 403, "bad-signature");
  }

  @Test
  void malformedXmlIsRefused() {
    assertProblem(
        office.post(INBOUND, PKCS7, signedXml("<MsgHead><MsgInfo>")), 400, "unreadable-message");
    assertProblem(
        office.post(INBOUND, PKCS7, signedXml("not xml at all")), 400, "unreadable-message");
  }

  @Test
  void externalEntitiesAreNeverResolved(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-7431");
    String withEntity =
        xml(answer("&xxe;"))
            .replaceFirst(
                "\\?>", "?>\n<!DOCTYPE MsgHead [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>");

    Reply reply = office.post(INBOUND, PKCS7, signedXml(withEntity));

    assertProblem(reply, 400, "unreadable-message");
    assertThat(reply.body()).doesNotContain("TOP-SECRET");
  }

  @Test
  void entityExpansionIsRefused() {
    String laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
            + "<MsgHead xmlns=\"http://www.kith.no/xmlstds/msghead/2006-05-24\">&lol3;</MsgHead>";

    assertProblem(office.post(INBOUND, PKCS7, signedXml(laughs)), 400, "unreadable-message");
  }

  @Test
  void aSchemaInvalidMessageWithAReadableIdGetsARejectionReceipt() {
    String withoutConversationRef =
        xml(answer("answering nothing"))
            .replaceAll("(?s)<(\\w+:)?ConversationRef>.*</(\\w+:)?ConversationRef>", "");

    assertRejectedWith(office.post(INBOUND, PKCS7, signedXml(withoutConversationRef)), "T02");
  }

  @Test
  void anAnswerWithoutAPatientIsRejectedForTheMissingIdentityNumber() {
    String withoutPatient =
        xml(answer("no patient")).replaceAll("(?s)<(\\w+:)?Patient>.*</(\\w+:)?Patient>", "");

    assertRejectedWith(office.post(INBOUND, PKCS7, signedXml(withoutPatient)), "E30");
  }

  @Test
  void anAnswerAboutAnotherPatientIsRejectedAsUnknownPatient() {
    DialogAnswer good = answer("about someone else");
    DialogAnswer otherPatient =
        new DialogAnswer(
            good.msgId(),
            good.generated(),
            good.conversationId(),
            good.inReplyTo(),
            good.sender(),
            good.receiver(),
            new Patient(Demo.adultNationalId(), "Nora", "Annensen"),
            good.answer(),
            true);

    assertRejectedWith(office.post(INBOUND, PKCS7, signedXml(xml(otherPatient))), "E35");
  }

  @Test
  void anAnswerForAnUnknownReceiverIsRejected() {
    DialogAnswer good = answer("to someone else");
    DialogAnswer toNav =
        new DialogAnswer(
            good.msgId(),
            good.generated(),
            good.conversationId(),
            good.inReplyTo(),
            good.sender(),
            Party.of("NAV Fjordvik", Demo.NAV, null),
            good.patient(),
            good.answer(),
            true);

    assertRejectedWith(office.post(INBOUND, PKCS7, signedXml(xml(toNav))), "E21");
  }

  @Test
  void anAnswerAddressedByHerIdOnlyToAnotherPartyIsRejectedAsAnUnknownReceiver() {
    DialogAnswer good = answer("to another party");
    // The receiver of the public Dialogmelding 1.0 svar sample: by HER-id only, not the hub's.
    DialogAnswer toAnotherParty =
        new DialogAnswer(
            good.msgId(),
            good.generated(),
            good.conversationId(),
            good.inReplyTo(),
            good.sender(),
            Party.of("KS-DIGITALE FELLESTJENESTER AS", null, "8142987"),
            good.patient(),
            good.answer(),
            true);

    assertRejectedWith(office.post(INBOUND, PKCS7, signedXml(xml(toAnotherParty))), "E21");
  }

  @Test
  void anUpperCaseMsgIdIsTakenComparedWithoutCaseAndNamedAsSentInTheReceipt() {
    DialogAnswer lower = answer("Answered with upper-case ids, as some record systems write them.");
    String upper = lower.msgId().toUpperCase(java.util.Locale.ROOT);
    DialogAnswer upperCase =
        new DialogAnswer(
            upper,
            lower.generated(),
            lower.conversationId().toUpperCase(java.util.Locale.ROOT),
            lower.inReplyTo().toUpperCase(java.util.Locale.ROOT),
            lower.sender(),
            lower.receiver(),
            lower.patient(),
            lower.answer(),
            true);

    AppRec receipt = receiptIn(office.post(INBOUND, PKCS7, signedXml(xml(upperCase))));

    assertThat(receipt.status()).as(receipt.toString()).isEqualTo(AppRecStatus.OK);
    assertThat(receipt.originalMsgId()).isEqualTo(upper);
    assertThat(conversationSize()).isEqualTo(storedBefore + 1);
    Reply again = office.post(INBOUND, PKCS7, signedXml(xml(lower)));
    assertThat(again.status()).as("the same id in lower case").isEqualTo(409);
    assertThat(conversationSize()).isEqualTo(storedBefore + 1);
  }

  @Test
  void anIdThatIsNoGuidIsRejectedAsAnInvalidMessageId() {
    DialogAnswer good = answer("with an id that is no GUID");
    DialogAnswer notAGuid =
        new DialogAnswer(
            "msg-4711",
            good.generated(),
            good.conversationId(),
            good.inReplyTo(),
            good.sender(),
            good.receiver(),
            good.patient(),
            good.answer(),
            true);

    assertRejectedWith(office.post(INBOUND, PKCS7, signedXml(xml(notAGuid))), "E10");
  }

  @Test
  void anAnswerWhoseTextOrPatientNameHoldsACharacterTheHubDoesNotCarryIsRejected() {
    String controlInText =
        xml(answer("The referral was\u0085 accepted.")).replace("\u0085", "&#x85;");
    String overrideInName =
        xml(answer("about a name that reorders its line"))
            .replaceFirst("<(\\w+:)?GivenName>[^<]*<", "<GivenName>&#x202E;LAMA<");

    Reply text = office.post(INBOUND, PKCS7, signedXml(controlInText));
    assertRejectedWith(text, "T99");
    assertThat(receiptIn(text).errors().get(0).details().orElseThrow())
        .contains("TekstNotatInnhold holds U+0085");
    Reply name = office.post(INBOUND, PKCS7, signedXml(overrideInName));
    assertRejectedWith(name, "T99");
    assertThat(receiptIn(name).errors().get(0).details().orElseThrow())
        .contains("Patient/GivenName holds U+202E (RIGHT-TO-LEFT OVERRIDE)");
  }

  @Test
  void aNoteThatOpensAConversationIsRejectedWithItsReason() {
    String answering = xml(answer("A note the office writes first."));
    String withoutReference =
        answering.replaceAll("(?s)<(\\w+:)?ConversationRef>.*</(\\w+:)?ConversationRef>", "");
    String note = withoutReference.replace("V=\"DIALOG_SVAR\" DN=\"Svar\"", "V=\"DIALOG_NOTAT\"");
    String dialogue =
        withoutReference.replace(
            "V=\"DIALOG_SVAR\" DN=\"Svar\"", "V=\"DIALOG_HELSEFAGLIG\" DN=\"Helsefaglig dialog\"");
    assertThat(note).contains("DIALOG_NOTAT").doesNotContain("ConversationRef");

    Reply notat = office.post(INBOUND, PKCS7, signedXml(note));
    assertRejectedWith(notat, "X99");
    assertThat(receiptIn(notat).originalMsgType()).isEqualTo("DIALOG_NOTAT");
    assertThat(receiptIn(notat).errors().get(0).details().orElseThrow())
        .contains("a note that opens a conversation");
    assertRejectedWith(office.post(INBOUND, PKCS7, signedXml(dialogue)), "X99");
  }

  @Test
  void aQuestionFromTheOfficeInAHealthDialogueIsNotSupported() {
    DialogRequest question =
        new DialogRequest(
            UUID.randomUUID().toString(),
            Instant.now(),
            request.conversationId(),
            Optional.of(request.msgId()),
            request.receiver(),
            request.sender(),
            request.patient(),
            "Does the participant need an interpreter at the next appointment?",
            Optional.of("Booking"),
            true,
            "DIALOG_HELSEFAGLIG");
    String xml = new String(simulators.format().write(question), StandardCharsets.UTF_8);

    Reply reply = office.post(INBOUND, PKCS7, signedXml(xml));

    assertRejectedWith(reply, "T10");
    assertThat(receiptIn(reply).originalMsgType()).isEqualTo("DIALOG_HELSEFAGLIG");
  }

  @Test
  void anAnswerToAConversationThatDoesNotExistIsRejected() {
    DialogAnswer good = answer("to nothing");
    String nowhere = UUID.randomUUID().toString();
    DialogAnswer orphan =
        new DialogAnswer(
            good.msgId(),
            good.generated(),
            nowhere,
            nowhere,
            good.sender(),
            good.receiver(),
            good.patient(),
            good.answer(),
            true);

    assertRejectedWith(office.post(INBOUND, PKCS7, signedXml(xml(orphan))), "X99");
  }

  @Test
  void anOfficeWithoutAConnectorIsNotFound() {
    Reply reply =
        office.post(
            "/api/connectors/gp-offices/" + Demo.GP_OFFICE + "/messages",
            PKCS7,
            signedXml(xml(answer("x"))));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(office.post("/api/connectors/gp-offices/123/messages", PKCS7, new byte[1]).status())
        .isEqualTo(400);
  }

  @Test
  void aBrokenFileInTheDropFolderIsMovedAsideWithItsReason() throws IOException {
    Path fromOffice =
        hub.dataDir().resolve("file-drop").resolve(FILE_GP_OFFICE).resolve("from-office");
    Files.createDirectories(fromOffice);
    String name = UUID.randomUUID() + ".p7m";
    Files.write(fromOffice.resolve(".writing-" + name), "garbage".getBytes(StandardCharsets.UTF_8));
    Files.move(fromOffice.resolve(".writing-" + name), fromOffice.resolve(name));

    Path reason = fromOffice.resolve(".rejected").resolve(name + ".reason.txt");
    List<String> lines =
        Await.until(
            "the broken file is moved aside",
            () -> Files.exists(reason) ? Files.readAllLines(reason) : List.<String>of(),
            found -> !found.isEmpty());
    assertThat(String.join("\n", lines)).contains("not-signed");
    assertThat(fromOffice.resolve(".rejected").resolve(name)).exists();
    assertThat(fromOffice.resolve(name)).doesNotExist();
  }
}
