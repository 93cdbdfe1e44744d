package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import no.bindeledd.connectors.gp.format.DialogmeldingBinding.Dialogmelding;
import no.bindeledd.connectors.gp.format.DialogmeldingBinding.FreeText;
import no.bindeledd.connectors.gp.format.MsgHeadBinding.MsgHead;
import no.bindeledd.connectors.gp.format.MsgHeadBinding.MsgInfo;

/** Turns the records into the JAXB classes, filling in what the standards fix. */
final class MessageWriter {

  private MessageWriter() {}

  static MsgHead toMsgHead(DialogRequest request) {
    if (request.purpose().isEmpty() || request.purpose().get().isBlank()) {
      throw new IllegalArgumentException(
          "a request for health information must state its purpose (Dialogmelding Begrunnelse)");
    }
    MsgHead head =
        envelope(
            request,
            request.inReplyTo().orElse(null),
            request.conversationId(),
            request.receiptRequested(),
            request.patient());

    DialogmeldingBinding.Foresporsel foresporsel = new DialogmeldingBinding.Foresporsel();
    foresporsel.type =
        CodedValue.inSystem(
            KithCodes.REQUEST_THEMES,
            KithCodes.HEALTH_INFORMATION,
            KithCodes.HEALTH_INFORMATION_NAME);
    foresporsel.question = FreeText.of(request.question());
    foresporsel.reason = request.purpose().get();
    Dialogmelding dialog = new Dialogmelding();
    dialog.requests.add(foresporsel);
    head.documents.add(document(dialog, request.generated()));
    return head;
  }

  static MsgHead toMsgHead(DialogAnswer answer) {
    MsgHead head =
        envelope(
            answer,
            answer.inReplyTo(),
            answer.conversationId(),
            answer.receiptRequested(),
            answer.patient());

    DialogmeldingBinding.Notat notat = new DialogmeldingBinding.Notat();
    notat.theme =
        CodedValue.inSystem(
            KithCodes.ANSWER_THEMES, KithCodes.ANSWER_TO_REQUEST, KithCodes.ANSWER_TO_REQUEST_NAME);
    notat.text = FreeText.of(answer.answer());
    notat.date =
        answer
            .generated()
            .atZone(KithDateTime.NORWAY)
            .toLocalDate()
            .format(DateTimeFormatter.ISO_DATE);
    Dialogmelding dialog = new Dialogmelding();
    dialog.notes.add(notat);
    head.documents.add(document(dialog, answer.generated()));
    return head;
  }

  static AppRecBinding.AppRec toAppRec(AppRec receipt) {
    AppRecBinding.AppRec xml = new AppRecBinding.AppRec();
    xml.msgType = CodedValue.simple(KithCodes.APPREC, KithCodes.APPREC_NAME);
    xml.migVersion = KithCodes.APPREC_MIG_VERSION;
    xml.genDate = KithDateTime.format(receipt.generated());
    xml.id = receipt.msgId();
    xml.sender = appRecAddressee(receipt.sender());
    xml.receiver = appRecAddressee(receipt.receiver());
    xml.status = CodedValue.simple(receipt.status().code(), receipt.status().displayName());
    for (AppRecError error : receipt.errors()) {
      CodedValue coded = new CodedValue();
      coded.codeSystem = error.codeSystem().orElse(null);
      coded.value = error.code();
      coded.displayName = error.description().orElse(null);
      coded.originalText = error.details().orElse(null);
      xml.errors.add(coded);
    }
    AppRecBinding.OriginalMsgId original = new AppRecBinding.OriginalMsgId();
    original.msgType =
        CodedValue.simple(receipt.originalMsgType(), messageTypeName(receipt.originalMsgType()));
    original.issueDate = KithDateTime.format(receipt.originalIssued());
    original.id = receipt.originalMsgId();
    xml.originalMsgId = original;
    return xml;
  }

  private static MsgHead envelope(
      GpMessage message,
      String parentMsgId,
      String conversationId,
      boolean receiptRequested,
      Patient patient) {
    MsgInfo info = new MsgInfo();
    info.type = CodedValue.simple(message.messageType(), messageTypeName(message.messageType()));
    info.migVersion = KithCodes.MSGHEAD_MIG_VERSION;
    info.genDate = KithDateTime.format(message.generated());
    info.msgId = message.msgId();
    if (receiptRequested) {
      info.ack = CodedValue.simple(KithCodes.ACK_YES, KithCodes.ACK_YES_NAME);
    }
    // MsgHead: the first message of a conversation carries no conversation reference.
    if (parentMsgId != null) {
      MsgHeadBinding.ConversationRef reference = new MsgHeadBinding.ConversationRef();
      reference.refToParent = parentMsgId;
      reference.refToConversation = conversationId;
      info.conversationRef = reference;
    }
    info.sender = msgHeadAddressee(message.sender());
    info.receiver = msgHeadAddressee(message.receiver());
    info.patient = msgHeadPatient(patient);
    MsgHead head = new MsgHead();
    head.msgInfo = info;
    return head;
  }

  private static MsgHeadBinding.Addressee msgHeadAddressee(Party party) {
    MsgHeadBinding.Organisation organisation = new MsgHeadBinding.Organisation();
    organisation.organisationName = party.name();
    party
        .herId()
        .ifPresent(
            herId ->
                organisation.idents.add(
                    MsgHeadBinding.Ident.of(
                        herId,
                        CodedValue.inSystem(
                            KithCodes.ORGANISATION_ID_TYPES,
                            KithCodes.HER_ID,
                            KithCodes.HER_ID_NAME))));
    party
        .organisationNumber()
        .ifPresent(
            number ->
                organisation.idents.add(
                    MsgHeadBinding.Ident.of(
                        number,
                        CodedValue.inSystem(
                            KithCodes.ORGANISATION_ID_TYPES,
                            KithCodes.ORGANISATION_NUMBER,
                            KithCodes.ORGANISATION_NUMBER_NAME))));
    MsgHeadBinding.Addressee addressee = new MsgHeadBinding.Addressee();
    addressee.organisation = organisation;
    return addressee;
  }

  private static MsgHeadBinding.Patient msgHeadPatient(Patient patient) {
    MsgHeadBinding.Patient xml = new MsgHeadBinding.Patient();
    xml.familyName = patient.familyName();
    xml.givenName = patient.givenName();
    Patient.IdType type = patient.idType();
    xml.idents.add(
        MsgHeadBinding.Ident.of(
            patient.nationalId(),
            CodedValue.inSystem(KithCodes.PERSON_ID_TYPES, type.name(), type.displayName())));
    return xml;
  }

  private static MsgHeadBinding.Document document(Dialogmelding dialog, Instant issued) {
    MsgHeadBinding.RefDoc refDoc = new MsgHeadBinding.RefDoc();
    refDoc.issueDate = MsgHeadBinding.TimeStamp.of(KithDateTime.format(issued));
    refDoc.msgType = CodedValue.simple(KithCodes.REFDOC_XML, KithCodes.REFDOC_XML_NAME);
    refDoc.content = new MsgHeadBinding.Content();
    refDoc.content.documents.add(dialog);
    MsgHeadBinding.Document document = new MsgHeadBinding.Document();
    document.refDoc = refDoc;
    return document;
  }

  /**
   * An AppRec Inst has one identifier of its own; the hub puts the HER-id there, as NHN addresses
   * by it, and the organisation number in an AdditionalId.
   */
  private static AppRecBinding.Addressee appRecAddressee(Party party) {
    AppRecBinding.Inst inst = new AppRecBinding.Inst();
    inst.name = party.name();
    if (party.herId().isPresent()) {
      inst.id = party.herId().get();
      inst.typeId = CodedValue.simple(KithCodes.HER_ID, KithCodes.HER_ID_NAME);
      party
          .organisationNumber()
          .ifPresent(
              number -> {
                AppRecBinding.AdditionalId additional = new AppRecBinding.AdditionalId();
                additional.id = number;
                additional.type =
                    CodedValue.simple(
                        KithCodes.ORGANISATION_NUMBER, KithCodes.ORGANISATION_NUMBER_NAME);
                inst.additionalIds.add(additional);
              });
    } else {
      inst.id = party.organisationNumber().orElseThrow();
      inst.typeId =
          CodedValue.simple(KithCodes.ORGANISATION_NUMBER, KithCodes.ORGANISATION_NUMBER_NAME);
    }
    AppRecBinding.Hcp hcp = new AppRecBinding.Hcp();
    hcp.inst = inst;
    AppRecBinding.Addressee addressee = new AppRecBinding.Addressee();
    addressee.hcp = hcp;
    return addressee;
  }

  private static String messageTypeName(String messageType) {
    return switch (messageType) {
      case KithCodes.DIALOG_REQUEST -> KithCodes.DIALOG_REQUEST_NAME;
      case KithCodes.DIALOG_ANSWER -> KithCodes.DIALOG_ANSWER_NAME;
      case KithCodes.DIALOG_NOTE -> KithCodes.DIALOG_NOTE_NAME;
      case KithCodes.HEALTH_DIALOGUE -> KithCodes.HEALTH_DIALOGUE_NAME;
      default -> null;
    };
  }
}
