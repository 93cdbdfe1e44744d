package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Synthetic parties, patients and messages: no real person or office appears in the tests. */
final class GpTestData {

  static final Party REFUGEE_SERVICE = Party.of("Fjordvik Refugee Service", "311000004", "8100001");
  static final Party GP_OFFICE = Party.of("Fjordvik GP Office", "311000012", "8100002");
  static final Party GP_OFFICE_BY_HER_ID_ONLY = Party.of("Fjellet GP Office", null, "8100006");
  static final Party GP_OFFICE_BY_ORGANISATION_NUMBER_ONLY =
      Party.of("Fjellet GP Office", "311000063", null);

  /** A synthetic fødselsnummer (month + 80), as Norway's test environments issue them. */
  static final Patient AMAL = new Patient("12848500095", "Amal", "Testesen");

  /** A synthetic D number: 4 is added to the first digit of the day. */
  static final Patient YUSUF = new Patient("45037700154", "Yusuf", "Prøvesen");

  static final String REQUEST_ID = "3f2b1c1e-6a4d-4f7e-9a39-2c1d8e0f4b11";
  static final String ANSWER_ID = "9a1f0e2d-0b5c-4c61-8f3e-0d7a5b2c9e44";
  static final String RECEIPT_ID = "c0ffee00-1111-4222-8333-444455556666";

  static final Instant ASKED = Instant.parse("2025-11-20T10:15:30Z");
  static final Instant ANSWERED = Instant.parse("2025-11-21T08:00:00Z");
  static final Instant RECEIVED = Instant.parse("2025-11-21T08:00:05Z");

  private GpTestData() {}

  static DialogRequest request() {
    return DialogRequest.opening(
        REQUEST_ID,
        ASKED,
        REFUGEE_SERVICE,
        GP_OFFICE,
        AMAL,
        "Was Amal referred to hospital after the appointment on 20 November?",
        "Follow-up in the introduction programme");
  }

  /** A second question in the conversation the first request opened. */
  static DialogRequest followUpRequest() {
    return new DialogRequest(
        "5d0c9a7e-2b1f-4e8a-9c3d-7f6e5a4b3c21",
        ANSWERED.plusSeconds(3600),
        REQUEST_ID,
        Optional.of(ANSWER_ID),
        REFUGEE_SERVICE,
        GP_OFFICE,
        AMAL,
        "Which department was she referred to?",
        Optional.of("Follow-up in the introduction programme"),
        true);
  }

  static DialogAnswer answer() {
    return DialogAnswer.to(
        request(), ANSWER_ID, ANSWERED, "Yes, to the cardiology outpatient clinic on 22 November.");
  }

  /** The answer, as a record system that answers with another dialog message type sends it. */
  static DialogAnswer answerOfType(String messageType) {
    DialogAnswer answer = answer();
    return new DialogAnswer(
        answer.msgId(),
        answer.generated(),
        answer.conversationId(),
        answer.inReplyTo(),
        answer.sender(),
        answer.receiver(),
        answer.patient(),
        answer.answer(),
        answer.receiptRequested(),
        messageType);
  }

  /** A question in Dialogmelding 1.1's dialogue between health personnel (DIALOG_HELSEFAGLIG). */
  static DialogRequest healthDialogueQuestion() {
    return new DialogRequest(
        "7e3f5a1b-8c2d-4e6f-a0b1-c2d3e4f5a6b7",
        ASKED,
        "7e3f5a1b-8c2d-4e6f-a0b1-c2d3e4f5a6b7",
        Optional.empty(),
        GP_OFFICE,
        REFUGEE_SERVICE,
        AMAL,
        "Does Amal need an interpreter at the next appointment?",
        Optional.of("Booking the next appointment"),
        true,
        "DIALOG_HELSEFAGLIG");
  }

  static AppRec okReceipt() {
    return AppRec.acknowledging(answer(), RECEIPT_ID, RECEIVED, AppRecStatus.OK, List.of());
  }

  static AppRec rejectingReceipt() {
    return AppRec.acknowledging(
        request(),
        RECEIPT_ID,
        RECEIVED,
        AppRecStatus.REJECTED,
        List.of(AppRecError.of(AppRecErrorCode.E35, "No patient with this number is listed here")));
  }

  static AppRec okWithErrorsReceipt() {
    return AppRec.acknowledging(
        answer(),
        RECEIPT_ID,
        RECEIVED,
        AppRecStatus.OK_WITH_ERRORS,
        List.of(
            AppRecError.of(AppRecErrorCode.E32, null),
            AppRecError.of(AppRecErrorCode.X99, "The answer's date could not be shown")));
  }
}
