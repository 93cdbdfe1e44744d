package no.bindeledd.connectors.gp.format;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.bindeledd.connectors.gp.format.DialogmeldingBinding.Dialogmelding;
import no.bindeledd.connectors.gp.format.MsgHeadBinding.MsgHead;
import no.bindeledd.connectors.gp.format.MsgHeadBinding.MsgInfo;
import no.bindeledd.core.text.TextKind;
import no.bindeledd.core.text.TextViolation;
import org.w3c.dom.Element;

/**
 * Turns bound messages into records, checking what the hub relies on. The published schemas cannot
 * ship with the hub, so the checks the hub depends on are made here: required elements, known
 * types, the shape of identifiers, and the hub's rules for the texts it keeps ({@link TextKind}).
 * Each failure names the error code to answer with.
 *
 * <p>What each message type is read as: DIALOG_FORESPORSEL a request; DIALOG_SVAR an answer, which
 * must name what it answers; DIALOG_NOTAT a note, and DIALOG_HELSEFAGLIG a note or a question, each
 * read as an answer when it names the message it answers and otherwise as a {@link DialogNote} or a
 * request that opens a conversation.
 */
final class MessageReader {

  /** Binds a Dialogmelding that JAXB left as a DOM element, such as a version 1.0 one. */
  interface DialogmeldingBinder {
    Dialogmelding bindVersion10(Element dialogmelding) throws UnacceptableGpMessage;
  }

  private static final int QUOTE_LIMIT = 60;

  /** The dialog message types the hub reads, in the order a refusal lists them. */
  private static final List<String> DIALOG_TYPES =
      List.of(
          KithCodes.DIALOG_REQUEST,
          KithCodes.DIALOG_ANSWER,
          KithCodes.DIALOG_NOTE,
          KithCodes.HEALTH_DIALOGUE);

  private final ReadSoFar readSoFar;

  private MessageReader(ReadSoFar readSoFar) {
    this.readSoFar = readSoFar;
  }

  static GpMessage read(MsgHead head, DialogmeldingBinder binder) throws UnacceptableGpMessage {
    MsgInfo info = head.msgInfo;
    if (info == null) {
      throw new UnacceptableGpMessage(
          AppRecErrorCode.T02, "MsgHead has no MsgInfo", ReadSoFar.nothing());
    }
    MessageReader reader = new MessageReader(readSoFar(info));
    return reader.dialogMessage(head, info, binder);
  }

  static AppRec read(AppRecBinding.AppRec receipt) throws UnacceptableGpMessage {
    return new MessageReader(readSoFar(receipt)).appRec(receipt);
  }

  private GpMessage dialogMessage(MsgHead head, MsgInfo info, DialogmeldingBinder binder)
      throws UnacceptableGpMessage {
    String type = requiredCode(info.type, "MsgInfo/Type");
    if (info.migVersion == null) {
      throw reject(AppRecErrorCode.T02, "MsgInfo/MIGversion is missing");
    }
    if (!KithCodes.MSGHEAD_MIG_VERSION.equals(info.migVersion)) {
      throw reject(
          AppRecErrorCode.T02,
          "MsgInfo/MIGversion is "
              + quote(info.migVersion)
              + "; MsgHead 1.2 fixes it to "
              + quote(KithCodes.MSGHEAD_MIG_VERSION));
    }
    String msgId = messageId(info.msgId, "MsgInfo/MsgId");
    Instant generated = dateTime(info.genDate, "MsgInfo/GenDate");
    if (!DIALOG_TYPES.contains(type)) {
      throw reject(
          AppRecErrorCode.T10,
          "message type "
              + quote(type)
              + " is not supported; the hub reads "
              + String.join(", ", DIALOG_TYPES));
    }
    Envelope envelope =
        new Envelope(
            msgId,
            generated,
            msgHeadParty(info.sender, "MsgInfo/Sender"),
            msgHeadParty(info.receiver, "MsgInfo/Receiver"),
            patient(info.patient),
            info.ack != null && KithCodes.ACK_YES.equals(info.ack.value));
    Dialogmelding body = dialogmelding(head.documents, binder);
    MsgHeadBinding.ConversationRef reference = info.conversationRef;
    return switch (type) {
      case KithCodes.DIALOG_REQUEST -> request(envelope, reference, body, type);
      case KithCodes.DIALOG_ANSWER -> answer(envelope, reference, body, type);
      case KithCodes.DIALOG_NOTE -> note(envelope, reference, body, type);
      default -> {
        // Dialogmelding 1.1's dialogue carries either questions or notes, never both.
        if (!body.requests.isEmpty() && !body.notes.isEmpty()) {
          throw reject(
              AppRecErrorCode.T02,
              "a Dialogmelding holds either Foresporsel or Notat elements, not both");
        }
        yield body.requests.isEmpty()
            ? note(envelope, reference, body, type)
            : request(envelope, reference, body, type);
      }
    };
  }

  /** What every dialog message carries in its MsgInfo. */
  private record Envelope(
      String msgId,
      Instant generated,
      Party sender,
      Party receiver,
      Patient patient,
      boolean receiptRequested) {}

  private DialogRequest request(
      Envelope envelope, MsgHeadBinding.ConversationRef reference, Dialogmelding body, String type)
      throws UnacceptableGpMessage {
    // A request that opens a conversation has no reference: its own id names the conversation.
    Optional<String> inReplyTo = Optional.empty();
    String conversationId = envelope.msgId();
    if (reference != null) {
      inReplyTo = Optional.of(messageId(reference.refToParent, "ConversationRef/RefToParent"));
      conversationId = messageId(reference.refToConversation, "ConversationRef/RefToConversation");
    }
    DialogmeldingBinding.Foresporsel foresporsel =
        single(body.requests, "Foresporsel", "a " + type + " that asks carries its question");
    requiredCode(foresporsel.type, "Foresporsel/TypeForesp");
    String question = requiredText(foresporsel.question, "Foresporsel/Sporsmal");
    Optional<String> purpose =
        Optional.ofNullable(foresporsel.reason).filter(reason -> !reason.isBlank());
    if (purpose.isPresent()) {
      text(TextKind.MULTI_LINE, "Foresporsel/Begrunnelse", purpose.get());
    }
    Optional<String> parent = inReplyTo;
    String conversation = conversationId;
    return build(
        () ->
            new DialogRequest(
                envelope.msgId(),
                envelope.generated(),
                conversation,
                parent,
                envelope.sender(),
                envelope.receiver(),
                envelope.patient(),
                question,
                purpose,
                envelope.receiptRequested(),
                type));
  }

  private DialogAnswer answer(
      Envelope envelope, MsgHeadBinding.ConversationRef reference, Dialogmelding body, String type)
      throws UnacceptableGpMessage {
    if (reference == null) {
      throw reject(
          AppRecErrorCode.T02,
          "a DIALOG_SVAR names the request it answers in MsgInfo/ConversationRef; this one has"
              + " none");
    }
    String inReplyTo = messageId(reference.refToParent, "ConversationRef/RefToParent");
    String conversationId =
        messageId(reference.refToConversation, "ConversationRef/RefToConversation");
    String answer = noteText(body, type);
    return build(
        () ->
            new DialogAnswer(
                envelope.msgId(),
                envelope.generated(),
                conversationId,
                inReplyTo,
                envelope.sender(),
                envelope.receiver(),
                envelope.patient(),
                answer,
                envelope.receiptRequested(),
                type));
  }

  /**
   * A DIALOG_NOTAT or a note in a DIALOG_HELSEFAGLIG: an answer when it names the message it
   * answers, otherwise a note that opens a conversation.
   */
  private GpMessage note(
      Envelope envelope, MsgHeadBinding.ConversationRef reference, Dialogmelding body, String type)
      throws UnacceptableGpMessage {
    if (reference != null) {
      return answer(envelope, reference, body, type);
    }
    String text = noteText(body, type);
    return build(
        () ->
            new DialogNote(
                envelope.msgId(),
                envelope.generated(),
                envelope.sender(),
                envelope.receiver(),
                envelope.patient(),
                text,
                envelope.receiptRequested(),
                type));
  }

  private String noteText(Dialogmelding body, String type) throws UnacceptableGpMessage {
    DialogmeldingBinding.Notat notat = single(body.notes, "Notat", "a " + type + " carries a note");
    requiredCode(notat.theme, "Notat/TemaKodet");
    return requiredText(notat.text, "Notat/TekstNotatInnhold");
  }

  private AppRec appRec(AppRecBinding.AppRec xml) throws UnacceptableGpMessage {
    String type = requiredCode(xml.msgType, "AppRec/MsgType");
    if (!KithCodes.APPREC.equals(type)) {
      throw reject(AppRecErrorCode.T02, "AppRec/MsgType is " + quote(type) + ", not APPREC");
    }
    if (xml.migVersion == null) {
      throw reject(AppRecErrorCode.T02, "AppRec/MIGversion is missing");
    }
    String msgId = messageId(xml.id, "AppRec/Id");
    Instant generated = dateTime(xml.genDate, "AppRec/GenDate");
    Party sender = appRecParty(xml.sender, "AppRec/Sender");
    Party receiver = appRecParty(xml.receiver, "AppRec/Receiver");
    String statusCode = requiredCode(xml.status, "AppRec/Status");
    AppRecStatus status =
        AppRecStatus.fromCode(statusCode)
            .orElseThrow(
                () ->
                    reject(
                        AppRecErrorCode.T02,
                        "AppRec/Status is " + quote(statusCode) + "; it must be 1, 2 or 3"));
    List<AppRecError> errors = new ArrayList<>();
    for (CodedValue error : xml.errors) {
      errors.add(appRecError(error));
    }
    if (status == AppRecStatus.OK && !errors.isEmpty()) {
      throw reject(AppRecErrorCode.T02, "a receipt with status OK must not list errors");
    }
    if (status != AppRecStatus.OK && errors.isEmpty()) {
      throw reject(
          AppRecErrorCode.T02, "a receipt with status " + statusCode + " must list its errors");
    }
    AppRecBinding.OriginalMsgId original = xml.originalMsgId;
    if (original == null) {
      throw reject(AppRecErrorCode.T02, "AppRec/OriginalMsgId is missing");
    }
    String originalType = requiredCode(original.msgType, "OriginalMsgId/MsgType");
    Instant originalIssued = dateTime(original.issueDate, "OriginalMsgId/IssueDate");
    String originalMsgId = messageId(original.id, "OriginalMsgId/Id");
    return build(
        () ->
            new AppRec(
                msgId,
                generated,
                status,
                errors,
                sender,
                receiver,
                originalMsgId,
                originalType,
                originalIssued));
  }

  private AppRecError appRecError(CodedValue error) throws UnacceptableGpMessage {
    if (error.value == null || error.value.isEmpty()) {
      throw reject(AppRecErrorCode.T02, "an AppRec/Error has no code (V)");
    }
    // The sender of the message in error reads these words in its status.
    text(TextKind.MULTI_LINE, "AppRec/Error/@DN", error.displayName);
    text(TextKind.MULTI_LINE, "AppRec/Error/@OT", error.originalText);
    return build(
        () ->
            new AppRecError(
                Optional.ofNullable(error.codeSystem),
                error.value,
                Optional.ofNullable(error.displayName),
                Optional.ofNullable(error.originalText)));
  }

  private Dialogmelding dialogmelding(
      List<MsgHeadBinding.Document> documents, DialogmeldingBinder binder)
      throws UnacceptableGpMessage {
    // The first Document is the message's business document; later ones are attachments.
    if (documents.isEmpty()) {
      throw reject(AppRecErrorCode.T02, "MsgHead has no Document");
    }
    MsgHeadBinding.RefDoc refDoc = documents.get(0).refDoc;
    if (refDoc == null) {
      throw reject(AppRecErrorCode.T02, "the first Document has no RefDoc");
    }
    if (refDoc.content != null) {
      for (Object content : refDoc.content.documents) {
        if (content instanceof Dialogmelding dialog) {
          return dialog;
        }
        if (content instanceof Element element && "Dialogmelding".equals(element.getLocalName())) {
          if (KithNamespaces.DIALOG_1_0.equals(element.getNamespaceURI())) {
            return binder.bindVersion10(element);
          }
          throw reject(
              AppRecErrorCode.T10,
              "the Dialogmelding is in namespace "
                  + quote(element.getNamespaceURI())
                  + ", not a version the hub reads (1.0 or 1.1)");
        }
      }
    }
    throw reject(
        AppRecErrorCode.T02, "the first Document holds no Dialogmelding in RefDoc/Content");
  }

  private <T> T single(List<T> elements, String name, String rule) throws UnacceptableGpMessage {
    if (elements.isEmpty()) {
      throw reject(AppRecErrorCode.T02, rule + " in a " + name + "; this one has none");
    }
    if (elements.size() > 1) {
      throw reject(
          AppRecErrorCode.T10,
          "the Dialogmelding holds "
              + elements.size()
              + " "
              + name
              + " elements; the hub handles one per message");
    }
    return elements.get(0);
  }

  private Party msgHeadParty(MsgHeadBinding.Addressee addressee, String where)
      throws UnacceptableGpMessage {
    if (addressee == null) {
      throw reject(AppRecErrorCode.T02, where + " is missing");
    }
    MsgHeadBinding.Organisation organisation = addressee.organisation;
    if (organisation == null) {
      throw reject(AppRecErrorCode.T02, where + " has no Organisation");
    }
    List<TypedId> idents = new ArrayList<>();
    for (MsgHeadBinding.Ident ident : organisation.idents) {
      if (ident.id == null || ident.typeId == null) {
        throw reject(AppRecErrorCode.T02, where + "/Organisation/Ident needs both Id and TypeId");
      }
      idents.add(new TypedId(ident.typeId.value, ident.id));
    }
    return party(organisation.organisationName, idents, where + "/Organisation");
  }

  private Party appRecParty(AppRecBinding.Addressee addressee, String where)
      throws UnacceptableGpMessage {
    if (addressee == null) {
      throw reject(AppRecErrorCode.T02, where + " is missing");
    }
    if (addressee.hcp == null) {
      throw reject(AppRecErrorCode.T02, where + " has no HCP");
    }
    AppRecBinding.Inst inst = addressee.hcp.inst;
    if (inst == null) {
      throw reject(
          AppRecErrorCode.T10,
          where + " is a health care professional (HCProf); the hub reads institutions only");
    }
    List<TypedId> idents = new ArrayList<>();
    if (inst.id != null && inst.typeId != null) {
      idents.add(new TypedId(inst.typeId.value, inst.id));
    }
    for (AppRecBinding.AdditionalId additional : inst.additionalIds) {
      if (additional.id == null || additional.type == null) {
        throw reject(AppRecErrorCode.T02, where + "/HCP/Inst/AdditionalId needs both Id and Type");
      }
      idents.add(new TypedId(additional.type.value, additional.id));
    }
    return party(inst.name, idents, where + "/HCP/Inst");
  }

  /** An identifier with its type code, as MsgHead and AppRec each write them. */
  private record TypedId(String type, String id) {}

  /** A party from a name and its identifiers; types other than HER and ENH are skipped. */
  private Party party(String name, List<TypedId> idents, String where)
      throws UnacceptableGpMessage {
    if (name == null || name.isBlank()) {
      throw reject(AppRecErrorCode.T02, where + " has no name");
    }
    String herId = null;
    String organisationNumber = null;
    for (TypedId ident : idents) {
      String type = ident.type();
      String id = ident.id().strip();
      if (KithCodes.HER_ID.equals(type) && herId == null) {
        if (!Identifiers.isHerId(id)) {
          throw reject(
              AppRecErrorCode.T02,
              where + " has HER-id " + quote(id) + "; a HER-id is a number of at most nine digits");
        }
        herId = id;
      } else if (KithCodes.ORGANISATION_NUMBER.equals(type) && organisationNumber == null) {
        if (!Identifiers.isOrganisationNumber(id)) {
          throw reject(
              AppRecErrorCode.T02,
              where + " has organisation number " + quote(id) + "; it must be nine digits");
        }
        organisationNumber = id;
      }
    }
    if (herId == null && organisationNumber == null) {
      throw reject(
          AppRecErrorCode.T02,
          where + " has no identifier of type HER or ENH, so it cannot be addressed");
    }
    String found = organisationNumber;
    String foundHerId = herId;
    return build(() -> Party.of(name, found, foundHerId));
  }

  private Patient patient(MsgHeadBinding.Patient patient) throws UnacceptableGpMessage {
    if (patient == null) {
      throw reject(
          AppRecErrorCode.E30,
          "the message names no Patient; the hub needs the patient's national identity number");
    }
    String nationalId = null;
    for (MsgHeadBinding.Ident ident : patient.idents) {
      String type = ident.typeId == null ? null : ident.typeId.value;
      if ((Patient.IdType.FNR.name().equals(type) || Patient.IdType.DNR.name().equals(type))
          && ident.id != null) {
        nationalId = ident.id.strip();
        break;
      }
    }
    if (nationalId == null) {
      throw reject(AppRecErrorCode.E30, "the Patient has no Ident of type FNR or DNR");
    }
    // The number itself is not quoted: it is personal data, and the reason is logged and sent.
    if (!Identifiers.isNationalId(nationalId)) {
      throw reject(
          AppRecErrorCode.E31,
          "the patient's national identity number is not eleven digits with valid check digits");
    }
    if (patient.givenName == null
        || patient.givenName.isBlank()
        || patient.familyName == null
        || patient.familyName.isBlank()) {
      throw reject(AppRecErrorCode.E32, "the Patient needs both GivenName and FamilyName");
    }
    text(TextKind.NAME, "Patient/GivenName", patient.givenName);
    text(TextKind.NAME, "Patient/FamilyName", patient.familyName);
    String id = nationalId;
    return build(() -> new Patient(id, patient.givenName, patient.familyName));
  }

  private String messageId(String value, String where) throws UnacceptableGpMessage {
    if (value == null) {
      throw reject(AppRecErrorCode.T02, where + " is missing");
    }
    if (!Identifiers.isMessageId(value)) {
      throw reject(
          AppRecErrorCode.E10,
          where
              + " "
              + quote(value)
              + " is not a message id: 1 to 100 letters, digits or the characters {}._:-");
    }
    return value;
  }

  private Instant dateTime(String value, String where) throws UnacceptableGpMessage {
    if (value == null) {
      throw reject(AppRecErrorCode.T02, where + " is missing");
    }
    return KithDateTime.parse(value)
        .orElseThrow(
            () ->
                reject(AppRecErrorCode.T02, where + " " + quote(value) + " is not an xs:dateTime"));
  }

  private String requiredCode(CodedValue coded, String where) throws UnacceptableGpMessage {
    if (coded == null) {
      throw reject(AppRecErrorCode.T02, where + " is missing");
    }
    if (coded.value == null || coded.value.isEmpty()) {
      throw reject(AppRecErrorCode.T02, where + " has no code (V)");
    }
    return coded.value;
  }

  private String requiredText(DialogmeldingBinding.FreeText text, String where)
      throws UnacceptableGpMessage {
    String value = text == null ? null : text.text();
    if (value == null || value.isBlank()) {
      throw reject(AppRecErrorCode.T02, where + " is missing or empty");
    }
    return text(TextKind.MULTI_LINE, where, value);
  }

  /**
   * Refuses a text with a character the hub does not take in such a field, as T99 ("another error
   * in the format"): the message is well-formed and may even validate against the schemas, but the
   * hub could not keep the text as it came, nor pass it on everywhere it goes.
   */
  private String text(TextKind kind, String where, String value) throws UnacceptableGpMessage {
    Optional<TextViolation> violation = kind.firstViolation(where, value);
    if (violation.isPresent()) {
      throw reject(AppRecErrorCode.T99, violation.get().message());
    }
    return value;
  }

  private interface RecordBuilder<T> {
    T build();
  }

  /**
   * Builds a record after the checks above; a rule the checks missed is still a refusal, never an
   * unchecked exception escaping the reader.
   */
  private <T> T build(RecordBuilder<T> builder) throws UnacceptableGpMessage {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw reject(AppRecErrorCode.T02, e.getMessage());
    }
  }

  private UnacceptableGpMessage reject(AppRecErrorCode code, String reason) {
    return new UnacceptableGpMessage(code, reason, readSoFar);
  }

  /** Quotes a value from the message, shortened, so a hostile value cannot flood a reason. */
  static String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    String shown = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value;
    return "'" + shown + "'";
  }

  private static ReadSoFar readSoFar(MsgInfo info) {
    return new ReadSoFar(
        Optional.ofNullable(info.msgId).filter(Identifiers::isMessageId),
        Optional.ofNullable(info.type).map(type -> type.value).filter(MessageReader::isTypeCode),
        Optional.ofNullable(info.genDate).flatMap(KithDateTime::parse),
        quietly(reader -> reader.msgHeadParty(info.sender, "MsgInfo/Sender")));
  }

  private static ReadSoFar readSoFar(AppRecBinding.AppRec receipt) {
    return new ReadSoFar(
        Optional.ofNullable(receipt.id).filter(Identifiers::isMessageId),
        Optional.of(KithCodes.APPREC),
        Optional.ofNullable(receipt.genDate).flatMap(KithDateTime::parse),
        quietly(reader -> reader.appRecParty(receipt.sender, "AppRec/Sender")));
  }

  private interface PartyReading {
    Party read(MessageReader reader) throws UnacceptableGpMessage;
  }

  private static Optional<Party> quietly(PartyReading reading) {
    try {
      return Optional.of(reading.read(new MessageReader(ReadSoFar.nothing())));
    } catch (UnacceptableGpMessage e) {
      return Optional.empty();
    }
  }

  private static boolean isTypeCode(String value) {
    return value != null && value.matches("\\S{1,100}");
  }
}
