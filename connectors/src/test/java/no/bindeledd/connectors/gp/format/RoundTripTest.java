package no.bindeledd.connectors.gp.format;

import static no.bindeledd.connectors.gp.format.GpTestData.AMAL;
import static no.bindeledd.connectors.gp.format.GpTestData.ASKED;
import static no.bindeledd.connectors.gp.format.GpTestData.GP_OFFICE;
import static no.bindeledd.connectors.gp.format.GpTestData.REFUGEE_SERVICE;
import static no.bindeledd.connectors.gp.format.GpTestData.REQUEST_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the library writes, it reads back as the same records. */
class RoundTripTest {

  private final GpMessageFormat format = new GpMessageFormat();

  static Stream<GpMessage> messages() {
    return Stream.of(
        GpTestData.request(),
        GpTestData.followUpRequest(),
        GpTestData.answer(),
        GpTestData.okReceipt(),
        GpTestData.rejectingReceipt(),
        GpTestData.okWithErrorsReceipt(),
        DialogRequest.opening(
            REQUEST_ID,
            ASKED,
            GpTestData.GP_OFFICE_BY_ORGANISATION_NUMBER_ONLY,
            GpTestData.GP_OFFICE_BY_HER_ID_ONLY,
            GpTestData.YUSUF,
            "Is the vaccination record complete?",
            "School health service"),
        new DialogAnswer(
            GpTestData.ANSWER_ID,
            GpTestData.ANSWERED,
            REQUEST_ID,
            REQUEST_ID,
            GP_OFFICE,
            REFUGEE_SERVICE,
            AMAL,
            "No receipt wanted for this one.",
            false),
        GpTestData.answerOfType("DIALOG_NOTAT"),
        GpTestData.answerOfType("DIALOG_HELSEFAGLIG"),
        GpTestData.healthDialogueQuestion());
  }

  @Test
  void writesTheTypeOfAnAnswerOrQuestionWithItsName() {
    String note =
        new String(format.write(GpTestData.answerOfType("DIALOG_NOTAT")), StandardCharsets.UTF_8);
    String dialogue =
        new String(format.write(GpTestData.healthDialogueQuestion()), StandardCharsets.UTF_8);

    assertThat(note).contains("<Type V=\"DIALOG_NOTAT\" DN=\"Notat\"/>");
    assertThat(dialogue).contains("<Type V=\"DIALOG_HELSEFAGLIG\" DN=\"Helsefaglig dialog\"/>");
    assertThatThrownBy(
            () ->
                new DialogAnswer(
                    GpTestData.ANSWER_ID,
                    GpTestData.ANSWERED,
                    REQUEST_ID,
                    REQUEST_ID,
                    GP_OFFICE,
                    REFUGEE_SERVICE,
                    AMAL,
                    "x",
                    true,
                    "DIALOG_FORESPORSEL"))
        .hasMessageContaining("an answer is a DIALOG_SVAR, DIALOG_NOTAT or DIALOG_HELSEFAGLIG");
  }

  @ParameterizedTest
  @MethodSource("messages")
  void readsBackWhatItWrote(GpMessage message) throws Exception {
    assertThat(format.read(write(message))).isEqualTo(message);
  }

  @Test
  void keepsTextAsWritten() throws Exception {
    String question =
        "Æ, ø og å; <b>not markup</b> & \"quotes\" 'too'\n"
            + "  indented second line\tand a tab, Arabic: مرحبا, and 🩺 outside the BMP.  ";
    DialogRequest request =
        DialogRequest.opening(
            REQUEST_ID, ASKED, REFUGEE_SERVICE, GP_OFFICE, AMAL, question, "Ærend: oppfølging");

    DialogRequest read = (DialogRequest) format.read(format.write(request));

    assertThat(read.question()).isEqualTo(question);
    assertThat(read.purpose()).contains("Ærend: oppfølging");
  }

  @Test
  void keepsTimesToTheNanosecond() throws Exception {
    Instant precise = Instant.parse("2025-03-30T00:59:59.123456789Z");
    DialogAnswer answer =
        new DialogAnswer(
            GpTestData.ANSWER_ID,
            precise,
            REQUEST_ID,
            REQUEST_ID,
            GP_OFFICE,
            REFUGEE_SERVICE,
            AMAL,
            "Answered in the night summer time began.",
            true);

    assertThat(format.read(format.write(answer)).generated()).isEqualTo(precise);
  }

  @Test
  void writesUtf8WithAnXmlDeclarationAndNorwegianTime() {
    String xml = new String(format.write(GpTestData.request()), StandardCharsets.UTF_8);

    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"");
    assertThat(xml).contains("<GenDate>2025-11-20T11:15:30+01:00</GenDate>");
    assertThat(xml).contains("DN=\"Fødselsnummer\"");
  }

  @Test
  void writesTheStandardsFixedValues() {
    String request = new String(format.write(GpTestData.request()), StandardCharsets.UTF_8);
    String answer = new String(format.write(GpTestData.answer()), StandardCharsets.UTF_8);
    String receipt =
        new String(format.write(GpTestData.rejectingReceipt()), StandardCharsets.UTF_8);

    assertThat(request)
        .contains("<Type V=\"DIALOG_FORESPORSEL\" DN=\"Forespørsel\"/>")
        .contains("<MIGversion>v1.2 2006-05-24</MIGversion>")
        .contains("<Ack V=\"J\" DN=\"Ja\"/>")
        .doesNotContain("ConversationRef")
        .contains("V=\"1\" S=\"2.16.578.1.12.4.1.1.9152\" DN=\"Helseopplysninger\"")
        .contains("xmlns:ns2=\"" + KithNamespaces.DIALOG_1_1 + "\"");
    assertThat(answer)
        .contains("<Type V=\"DIALOG_SVAR\" DN=\"Svar\"/>")
        .contains("<RefToParent>" + REQUEST_ID + "</RefToParent>")
        .contains("<RefToConversation>" + REQUEST_ID + "</RefToConversation>");
    assertThat(receipt)
        .contains("<AppRec xmlns=\"" + KithNamespaces.APPREC_1_0 + "\">")
        .contains("<Status V=\"2\" DN=\"Avvist\"/>")
        .contains(
            "<Error V=\"E35\" S=\"2.16.578.1.12.4.1.1.8221\" DN=\"Pasienten finnes ikke i"
                + " mottakersystemet\"");
  }

  @Test
  void refusesToWriteARequestForHealthInformationWithoutAPurpose() {
    DialogRequest withoutPurpose =
        new DialogRequest(
            REQUEST_ID,
            ASKED,
            REQUEST_ID,
            Optional.empty(),
            REFUGEE_SERVICE,
            GP_OFFICE,
            AMAL,
            "A question",
            Optional.empty(),
            true);

    assertThatThrownBy(() -> format.write(withoutPurpose))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("purpose");
  }

  @Test
  void recordsRefuseWhatCouldNotBeWrittenOrRead() {
    assertThatThrownBy(() -> new Patient("12848500096", "Amal", "Testesen"))
        .hasMessageContaining("check digits");
    assertThatThrownBy(() -> Party.of("Nobody", null, null)).hasMessageContaining("HER-id");
    assertThatThrownBy(() -> Party.of("Short", "12345", null)).hasMessageContaining("nine digits");
    assertThatThrownBy(
            () ->
                DialogRequest.opening(
                    "not an id", ASKED, REFUGEE_SERVICE, GP_OFFICE, AMAL, "Q", "P"))
        .hasMessageContaining("msgId");
    assertThatThrownBy(
            () ->
                DialogRequest.opening(
                    REQUEST_ID, ASKED, REFUGEE_SERVICE, GP_OFFICE, AMAL, "Bell \u0007", "P"))
        .hasMessageContaining("XML cannot carry");
    assertThatThrownBy(
            () ->
                new DialogRequest(
                    REQUEST_ID,
                    ASKED,
                    "another-conversation",
                    Optional.empty(),
                    REFUGEE_SERVICE,
                    GP_OFFICE,
                    AMAL,
                    "Q",
                    Optional.of("P"),
                    true))
        .hasMessageContaining("opens a conversation");
    assertThatThrownBy(
            () ->
                AppRec.acknowledging(
                    GpTestData.request(),
                    GpTestData.RECEIPT_ID,
                    GpTestData.RECEIVED,
                    AppRecStatus.REJECTED,
                    java.util.List.of()))
        .hasMessageContaining("names its errors");
    assertThatThrownBy(
            () ->
                AppRec.acknowledging(
                    GpTestData.okReceipt(),
                    GpTestData.RECEIPT_ID,
                    GpTestData.RECEIVED,
                    AppRecStatus.OK,
                    java.util.List.of()))
        .hasMessageContaining("never answered");
  }

  @Test
  void aPatientsNumberDecidesItsIdentifierTypeAndStaysOutOfLogs() {
    assertThat(AMAL.idType()).isEqualTo(Patient.IdType.FNR);
    assertThat(GpTestData.YUSUF.idType()).isEqualTo(Patient.IdType.DNR);
    assertThat(AMAL.toString()).doesNotContain(AMAL.nationalId()).contains("128485");
  }

  @Test
  void healthInformationStaysOutOfLogs() {
    DialogRequest request = GpTestData.request();
    DialogAnswer answer = GpTestData.answer();

    assertThat(request.toString())
        .contains(request.msgId())
        .doesNotContain(request.question())
        .doesNotContain(request.purpose().orElseThrow())
        .doesNotContain(AMAL.nationalId());
    assertThat(answer.toString())
        .contains(answer.msgId())
        .doesNotContain(answer.answer())
        .doesNotContain(AMAL.nationalId());
  }

  private byte[] write(GpMessage message) {
    if (message instanceof DialogRequest request) {
      return format.write(request);
    }
    if (message instanceof DialogAnswer answer) {
      return format.write(answer);
    }
    return format.write((AppRec) message);
  }
}
