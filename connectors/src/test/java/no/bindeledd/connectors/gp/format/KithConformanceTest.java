package no.bindeledd.connectors.gp.format;

import static no.bindeledd.connectors.gp.format.GpTestData.GP_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance with the published standards: everything the library writes validates against the
 * official schemas, and it reads the public sample messages with the values they hold.
 */
class KithConformanceTest {

  private static final GpMessageFormat FORMAT = new GpMessageFormat();

  @Nested
  class WhatTheLibraryWritesValidates {

    static Stream<Arguments> messages() {
      return Stream.of(
          Arguments.of("request", FORMAT.write(GpTestData.request())),
          Arguments.of("follow-up request", FORMAT.write(GpTestData.followUpRequest())),
          Arguments.of("answer", FORMAT.write(GpTestData.answer())),
          Arguments.of(
              "answer as a DIALOG_NOTAT", FORMAT.write(GpTestData.answerOfType("DIALOG_NOTAT"))),
          Arguments.of(
              "answer in a health dialogue",
              FORMAT.write(GpTestData.answerOfType("DIALOG_HELSEFAGLIG"))),
          Arguments.of(
              "question in a health dialogue", FORMAT.write(GpTestData.healthDialogueQuestion())),
          Arguments.of(
              "receipt for a health dialogue",
              FORMAT.write(
                  AppRec.acknowledging(
                      GpTestData.healthDialogueQuestion(),
                      GpTestData.RECEIPT_ID,
                      GpTestData.RECEIVED,
                      AppRecStatus.REJECTED,
                      List.of(AppRecError.of(AppRecErrorCode.T10, "not taken"))))),
          Arguments.of("receipt OK", FORMAT.write(GpTestData.okReceipt())),
          Arguments.of("receipt rejected", FORMAT.write(GpTestData.rejectingReceipt())),
          Arguments.of("receipt OK with errors", FORMAT.write(GpTestData.okWithErrorsReceipt())),
          Arguments.of(
              "receipt to a party with only an organisation number",
              FORMAT.write(
                  AppRec.acknowledging(
                      GpTestData.request(),
                      GpTestData.RECEIPT_ID,
                      GpTestData.RECEIVED,
                      AppRecStatus.OK,
                      List.of()))),
          Arguments.of(
              "request about a D number holder, to a party with only a HER-id",
              FORMAT.write(
                  DialogRequest.opening(
                      GpTestData.REQUEST_ID,
                      GpTestData.ASKED,
                      GpTestData.GP_OFFICE_BY_ORGANISATION_NUMBER_ONLY,
                      GpTestData.GP_OFFICE_BY_HER_ID_ONLY,
                      GpTestData.YUSUF,
                      "Is the vaccination record complete?",
                      "School health service"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void validatesAgainstTheOfficialSchemas(String what, byte[] xml) {
      assertThat(KithStandards.validationErrors(KithStandards.schema(), xml)).as(what).isEmpty();
    }

    @Test
    void theRejectionReceiptForARefusedMessageValidates() {
      byte[] noPatient = XmlEdit.of(FORMAT.write(GpTestData.request())).remove("Patient").bytes();
      UnacceptableGpMessage refusal =
          catchThrowableOfType(UnacceptableGpMessage.class, () -> FORMAT.read(noPatient));

      AppRec receipt =
          refusal
              .rejectionReceipt(GpTestData.RECEIPT_ID, GpTestData.RECEIVED, GP_OFFICE)
              .orElseThrow();

      assertThat(KithStandards.validationErrors(KithStandards.schema(), FORMAT.write(receipt)))
          .isEmpty();
    }

    @Test
    void theValidatorItselfRejectsWhatTheSchemasForbid() {
      byte[] withoutMsgId = XmlEdit.of(FORMAT.write(GpTestData.request())).remove("MsgId").bytes();
      byte[] unknownElementInBody =
          XmlEdit.of(FORMAT.write(GpTestData.answer()))
              .renameNamespace("Dialogmelding", "urn:example:not-a-dialogmelding")
              .bytes();
      byte[] receiptWithoutStatus =
          XmlEdit.of(FORMAT.write(GpTestData.okReceipt())).remove("Status").bytes();

      assertThat(KithStandards.validationErrors(KithStandards.schema(), withoutMsgId)).isNotEmpty();
      assertThat(KithStandards.validationErrors(KithStandards.schema(), unknownElementInBody))
          .isNotEmpty();
      assertThat(KithStandards.validationErrors(KithStandards.schema(), receiptWithoutStatus))
          .isNotEmpty();
    }
  }

  @Nested
  class ThePublicSamplesRead {

    @Test
    void dialogmelding10Request() throws Exception {
      GpMessage message =
          FORMAT.read(
              KithStandards.read(
                  KithStandards.sample("dialogmelding/1.0-foresporsel-samsvar-test.xml")));

      assertThat(message).isInstanceOf(DialogRequest.class);
      DialogRequest request = (DialogRequest) message;
      assertThat(request.msgId()).isEqualTo("6ddb98ed-9e34-4efa-9163-62e4ea0cbf43");
      // No offset in the sample: Norwegian time, summer time in May.
      assertThat(request.generated()).isEqualTo(Instant.parse("2025-05-13T09:51:01Z"));
      assertThat(request.conversationId()).isEqualTo(request.msgId());
      assertThat(request.inReplyTo()).isEmpty();
      assertThat(request.sender()).isEqualTo(Party.of("NORSK HELSENETT SF", null, "112374"));
      assertThat(request.receiver())
          .isEqualTo(Party.of("KS-DIGITALE FELLESTJENESTER AS", null, "8142987"));
      assertThat(request.patient()).isEqualTo(new Patient("15720255178", "BRUN", "LENESTOL"));
      assertThat(request.patient().idType()).isEqualTo(Patient.IdType.FNR);
      assertThat(request.question())
          .isEqualTo(
              "Pas går snart tom for cetirizin 10mg tabl og amlodipin 5mg tbl. Ber om fornyelse av"
                  + " resept.");
      assertThat(request.purpose()).isEmpty();
      assertThat(request.receiptRequested()).isFalse();
    }

    @Test
    void dialogmelding10Answer() throws Exception {
      GpMessage message =
          FORMAT.read(
              KithStandards.read(KithStandards.sample("dialogmelding/1.0-svar-webmed-test.xml")));

      assertThat(message).isInstanceOf(DialogAnswer.class);
      DialogAnswer answer = (DialogAnswer) message;
      assertThat(answer.msgId()).isEqualTo("a748bb20-4e0f-4922-9b06-ec2c101eb9c1");
      assertThat(answer.generated()).isEqualTo(Instant.parse("2025-06-10T07:55:20Z"));
      assertThat(answer.inReplyTo()).isEqualTo("4f77040c-3610-4d17-bef1-76994ab2726b");
      assertThat(answer.conversationId()).isEqualTo("4f77040c-3610-4d17-bef1-76994ab2726b");
      assertThat(answer.sender()).isEqualTo(Party.of("WebMed Feature PPS", "999988939", "8142952"));
      assertThat(answer.receiver())
          .isEqualTo(Party.of("KS-DIGITALE FELLESTJENESTER AS", null, "8142987"));
      assertThat(answer.patient().nationalId()).isEqualTo("15720255178");
      assertThat(answer.answer())
          .startsWith("Lege svarer med notat.")
          .contains("Innkommende melding vises OK.");
      assertThat(answer.receiptRequested()).isTrue();
    }

    private static XmlEdit svarSample() {
      return XmlEdit.of(
          KithStandards.read(KithStandards.sample("dialogmelding/1.0-svar-webmed-test.xml")));
    }

    private static XmlEdit foresporselSample() {
      return XmlEdit.of(
          KithStandards.read(
              KithStandards.sample("dialogmelding/1.0-foresporsel-samsvar-test.xml")));
    }

    @Test
    void theAnswerSampleIsAddressedByHerIdOnlyToAnotherParty() throws Exception {
      DialogAnswer answer =
          (DialogAnswer)
              FORMAT.read(
                  KithStandards.read(
                      KithStandards.sample("dialogmelding/1.0-svar-webmed-test.xml")));

      // What the hub checks against the agency that asked: no organisation number, HER 8142987.
      assertThat(answer.receiver().organisationNumber()).isEmpty();
      assertThat(answer.receiver().herId()).contains("8142987");
      assertThat(answer.messageType()).isEqualTo("DIALOG_SVAR");
    }

    @Test
    void aDialogmelding10NoteThatNamesWhatItAnswersIsAnAnswer() throws Exception {
      byte[] note = svarSample().setAttribute("Type", "V", "DIALOG_NOTAT").bytes();

      GpMessage message = FORMAT.read(note);

      assertThat(message).isInstanceOf(DialogAnswer.class);
      DialogAnswer answer = (DialogAnswer) message;
      assertThat(answer.messageType()).isEqualTo("DIALOG_NOTAT");
      assertThat(answer.msgId()).isEqualTo("a748bb20-4e0f-4922-9b06-ec2c101eb9c1");
      assertThat(answer.inReplyTo()).isEqualTo("4f77040c-3610-4d17-bef1-76994ab2726b");
      assertThat(answer.answer()).startsWith("Lege svarer med notat.");
      AppRec receipt =
          AppRec.acknowledging(
              answer, GpTestData.RECEIPT_ID, GpTestData.RECEIVED, AppRecStatus.OK, List.of());
      assertThat(receipt.originalMsgType()).isEqualTo("DIALOG_NOTAT");
      assertThat(KithStandards.validationErrors(KithStandards.schema(), FORMAT.write(receipt)))
          .isEmpty();
    }

    @Test
    void aDialogmelding10NoteThatNamesNothingOpensAConversation() throws Exception {
      byte[] note =
          svarSample().setAttribute("Type", "V", "DIALOG_NOTAT").remove("ConversationRef").bytes();

      GpMessage message = FORMAT.read(note);

      assertThat(message).isInstanceOf(DialogNote.class);
      DialogNote opening = (DialogNote) message;
      assertThat(opening.messageType()).isEqualTo("DIALOG_NOTAT");
      assertThat(opening.sender())
          .isEqualTo(Party.of("WebMed Feature PPS", "999988939", "8142952"));
      assertThat(opening.patient().nationalId()).isEqualTo("15720255178");
      assertThat(opening.text()).contains("Innkommende melding vises OK.");
      assertThat(opening.toString()).doesNotContain("Innkommende").doesNotContain("15720255178");
    }

    @Test
    void aHealthDialogueNoteInDialogmelding11IsAnAnswerOrOpensAConversation() throws Exception {
      XmlEdit helsefaglig =
          svarSample()
              .setAttribute("Type", "V", "DIALOG_HELSEFAGLIG")
              .setAttribute("Type", "DN", "Helsefaglig dialog")
              .renameNamespace("Dialogmelding", KithNamespaces.DIALOG_1_1);
      byte[] answering = helsefaglig.bytes();
      byte[] opening = helsefaglig.remove("ConversationRef").bytes();
      assertThat(KithStandards.validationErrors(KithStandards.schema(), answering)).isEmpty();
      assertThat(KithStandards.validationErrors(KithStandards.schema(), opening)).isEmpty();

      DialogAnswer answer = (DialogAnswer) FORMAT.read(answering);
      assertThat(answer.messageType()).isEqualTo("DIALOG_HELSEFAGLIG");
      assertThat(answer.conversationId()).isEqualTo("4f77040c-3610-4d17-bef1-76994ab2726b");
      assertThat(answer.answer()).startsWith("Lege svarer med notat.");
      assertThat(FORMAT.read(opening)).isInstanceOf(DialogNote.class);
      AppRec receipt =
          AppRec.acknowledging(
              answer, GpTestData.RECEIPT_ID, GpTestData.RECEIVED, AppRecStatus.OK, List.of());
      assertThat(KithStandards.validationErrors(KithStandards.schema(), FORMAT.write(receipt)))
          .isEmpty();
    }

    @Test
    void aHealthDialogueQuestionInDialogmelding11IsARequest() throws Exception {
      byte[] question =
          foresporselSample()
              .setAttribute("Type", "V", "DIALOG_HELSEFAGLIG")
              .setAttribute("Type", "DN", "Helsefaglig dialog")
              .renameNamespace("Dialogmelding", KithNamespaces.DIALOG_1_1)
              .bytes();

      DialogRequest request = (DialogRequest) FORMAT.read(question);

      assertThat(request.messageType()).isEqualTo("DIALOG_HELSEFAGLIG");
      assertThat(request.msgId()).isEqualTo("6ddb98ed-9e34-4efa-9163-62e4ea0cbf43");
      assertThat(request.question()).startsWith("Pas går snart tom for cetirizin");
      assertThat(request.receiver())
          .isEqualTo(Party.of("KS-DIGITALE FELLESTJENESTER AS", null, "8142987"));
    }

    @Test
    void anUpperCaseMsgIdIsReadAsItCameAndTheReceiptNamesItSo() throws Exception {
      String upper = "A748BB20-4E0F-4922-9B06-EC2C101EB9C1";
      byte[] answerWithUpperCaseIds =
          svarSample()
              .setText("MsgId", upper)
              .setText("RefToParent", "4F77040C-3610-4D17-BEF1-76994AB2726B")
              .bytes();

      DialogAnswer answer = (DialogAnswer) FORMAT.read(answerWithUpperCaseIds);
      AppRec receipt =
          AppRec.acknowledging(
              answer, GpTestData.RECEIPT_ID, GpTestData.RECEIVED, AppRecStatus.OK, List.of());

      assertThat(answer.msgId()).isEqualTo(upper);
      assertThat(answer.inReplyTo()).isEqualTo("4F77040C-3610-4D17-BEF1-76994AB2726B");
      byte[] written = FORMAT.write(receipt);
      assertThat(KithStandards.validationErrors(KithStandards.schema(), written)).isEmpty();
      assertThat(((AppRec) FORMAT.read(written)).originalMsgId()).isEqualTo(upper);
    }

    @Test
    void appRecOk() throws Exception {
      AppRec receipt = readReceipt("1.0-example-ok.xml");

      assertThat(receipt.msgId()).isEqualTo("1d6b0e00-33a1-11de-9255-0002a5d5c51b");
      assertThat(receipt.generated()).isEqualTo(Instant.parse("2020-06-19T16:05:23Z"));
      assertThat(receipt.status()).isEqualTo(AppRecStatus.OK);
      assertThat(receipt.errors()).isEmpty();
      assertThat(receipt.sender()).isEqualTo(Party.of("Kattskinnet legesenter", null, "56704"));
      assertThat(receipt.receiver()).isEqualTo(Party.of("Testsykehuset HF", null, "123459"));
      assertThat(receipt.originalMsgId()).isEqualTo("a6967e6a-8c0a-4be4-a647-c921d3086423");
      assertThat(receipt.originalMsgType()).isEqualTo("EPIKRISE");
      assertThat(receipt.originalIssued()).isEqualTo(Instant.parse("2020-06-19T15:02:15Z"));
    }

    @Test
    void appRecRejected() throws Exception {
      AppRec receipt = readReceipt("1.0-example-avvist.xml");

      assertThat(receipt.msgId()).isEqualTo("8d018d60-336b-11de-8bd7-0002a5d5c51b");
      assertThat(receipt.status()).isEqualTo(AppRecStatus.REJECTED);
      assertThat(receipt.errors())
          .containsExactly(
              new AppRecError(
                  Optional.of("2.16.578.1.12.4.1.1.8221"),
                  "E21",
                  Optional.of("Mottaker finnes ikke"),
                  Optional.of("Legen har sluttet")));
      assertThat(receipt.errors().get(0).knownCode()).contains(AppRecErrorCode.E21);
      // The sample's TypeId is V=" HER": xs:token, so the space does not count.
      assertThat(receipt.sender().herId()).contains("56704");
      assertThat(receipt.originalMsgId()).isEqualTo("a6967e6a-8c0a-4be4-a647-c921d3086423");
    }

    @Test
    void appRecOkWithErrorsFromAnotherCodeList() throws Exception {
      AppRec receipt = readReceipt("1.0-example-ok-feil-i-delmelding.xml");

      assertThat(receipt.msgId()).isEqualTo("97499dc0-33a8-11de-a044-0002a5d5c51b");
      assertThat(receipt.status()).isEqualTo(AppRecStatus.OK_WITH_ERRORS);
      assertThat(receipt.errors())
          .extracting(AppRecError::code, AppRecError::details)
          .containsExactly(tuple("07", Optional.of("93495")), tuple("16", Optional.of("93498")));
      assertThat(receipt.errors())
          .allSatisfy(
              error -> {
                assertThat(error.codeSystem()).contains("2.16.578.1.12.4.1.1.8223");
                assertThat(error.knownCode()).isEmpty();
              });
      assertThat(receipt.sender()).isEqualTo(Party.of("NAV", "974760924", null));
      assertThat(receipt.receiver()).isEqualTo(Party.of("Vassenden legekontor", "974793539", null));
      assertThat(receipt.originalMsgType()).isEqualTo("LOM");
      assertThat(receipt.originalMsgId()).isEqualTo("37de51e0-33a9-11de-a4cb-0002a5d5c51b");
    }

    @Test
    void appRecWithAllData() throws Exception {
      AppRec receipt = readReceipt("1.0-all-data.xml");

      assertThat(receipt.msgId()).isEqualTo("a761e9b9-3495-4f5a-a964-c13d544d2ceb");
      assertThat(receipt.status()).isEqualTo(AppRecStatus.OK);
      assertThat(receipt.sender())
          .isEqualTo(Party.of("KS-DIGITALE FELLESTJENESTER AS", null, "8142987"));
      assertThat(receipt.receiver()).isEqualTo(Party.of("Test Testinstitusjon", null, "998877"));
      assertThat(receipt.originalMsgType()).isEqualTo("DIALOG_HELSEFAGLIG");
      assertThat(receipt.originalMsgId()).isEqualTo("36bbe907-5c2a-4ca9-be92-c7e9c5f2e4d6");
      assertThat(receipt.originalIssued()).isEqualTo(Instant.parse("2025-05-24T22:00:00Z"));
    }

    private AppRec readReceipt(String name) throws UnacceptableGpMessage {
      GpMessage message = FORMAT.read(KithStandards.read(KithStandards.sample("apprec/" + name)));
      assertThat(message).isInstanceOf(AppRec.class);
      return (AppRec) message;
    }
  }

  @Test
  void everySampleIsRead() throws Exception {
    try (Stream<Path> samples = Files.walk(KithStandards.folder().resolve("samples"))) {
      List<Path> files = samples.filter(path -> path.toString().endsWith(".xml")).sorted().toList();
      assertThat(files).hasSize(6);
      for (Path file : files) {
        assertThat(FORMAT.read(KithStandards.read(file))).as(file.toString()).isNotNull();
      }
    }
  }
}
