package no.bindeledd.connectors.gp;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import no.bindeledd.connectors.gp.format.AppRec;
import no.bindeledd.connectors.gp.format.AppRecError;
import no.bindeledd.connectors.gp.format.AppRecErrorCode;
import no.bindeledd.connectors.gp.format.AppRecStatus;
import no.bindeledd.connectors.gp.format.DialogAnswer;
import no.bindeledd.connectors.gp.format.DialogNote;
import no.bindeledd.connectors.gp.format.DialogRequest;
import no.bindeledd.connectors.gp.format.GpMessage;
import no.bindeledd.connectors.gp.format.GpMessageFormat;
import no.bindeledd.connectors.gp.format.Party;
import no.bindeledd.connectors.gp.format.Patient;
import no.bindeledd.connectors.gp.format.UnacceptableGpMessage;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.exchange.AgencySystems;
import no.bindeledd.core.exchange.Delivery;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.InboundAnswer;
import no.bindeledd.core.exchange.InboundRejected;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.exchange.OutboundMessage;
import no.bindeledd.core.exchange.ReceiptStatus;
import no.bindeledd.core.exchange.Undeliverable;
import no.bindeledd.core.party.OrganisationNumber;

/**
 * Speaks Dialogmelding in MsgHead with one GP office, whatever the transport: maps a cleared
 * request to a signed forespørsel encrypted for the office, takes in the office's answers and
 * receipts (encrypted for the hub agency they are for, then signed inside), and writes the receipt
 * for everything the office sends. Signatures, encryption, consent and storage are the core's.
 */
public class GpOfficeConnector {

  /** What a stored message's signature covers when it came from a GP office's system. */
  public static final String SIGNED_FORMAT = "msghead-1.2";

  /** The largest message taken from an office, signed and encrypted, in bytes. */
  public static final int MAX_MESSAGE_BYTES = AgencySystems.MAX_ENCRYPTED_MESSAGE_BYTES;

  private static final Logger LOG = Logger.getLogger(GpOfficeConnector.class.getName());

  private final OrganisationNumber office;
  private final Optional<String> officeHerId;
  private final OrganisationNumber receiptSigner;
  private final AgencySystems systems;
  private final Delivery delivery;
  private final GpMessageFormat format;
  private final Clock clock;

  /**
   * @param receiptSigner the agency that signs receipts for messages the hub cannot attribute to
   *     one of its own agencies (a message for an unknown receiver, say)
   */
  public GpOfficeConnector(
      OrganisationNumber office,
      Optional<String> officeHerId,
      OrganisationNumber receiptSigner,
      AgencySystems systems,
      Delivery delivery,
      GpMessageFormat format,
      Clock clock) {
    this.office = office;
    this.officeHerId = officeHerId;
    this.receiptSigner = receiptSigner;
    this.systems = systems;
    this.delivery = delivery;
    this.format = format;
    this.clock = clock;
  }

  public OrganisationNumber office() {
    return office;
  }

  /**
   * A cleared request as the office's system reads it: a signed forespørsel in MsgHead, encrypted
   * for the office's encryption certificate.
   *
   * @throws Undeliverable if the message cannot be written as a forespørsel, such as a name with a
   *     character XML cannot carry: the same message would fail the same way on every attempt
   */
  public byte[] outbound(OutboundMessage message) {
    if (message.kind() != MessageKind.REQUEST) {
      throw new Undeliverable(
          "a GP office's record system takes requests only, not "
              + message.kind().name().toLowerCase()
              + "s");
    }
    byte[] xml;
    try {
      DialogRequest request =
          DialogRequest.opening(
              message.messageId(),
              message.createdAt(),
              party(message.sender()),
              party(message.recipient()),
              new Patient(
                  message.subject().nationalId(),
                  message.subject().givenName(),
                  message.subject().familyName()),
              message.body(),
              PurposeTexts.of(message.purpose(), message.category(), message.consentId()));
      xml = format.write(request);
    } catch (IllegalArgumentException cannotBeWritten) {
      throw new Undeliverable(
          "the request cannot be written as a Dialogmelding: " + cannotBeWritten.getMessage(),
          cannotBeWritten);
    }
    return systems.sealOutbound(message.messageId(), xml);
  }

  /**
   * What the office's endpoint answered to a hand-over: its receipt, signed, or nothing if the
   * receipt is to come later.
   */
  public void handedOver(String messageId, byte[] response) {
    if (response == null || response.length == 0) {
      delivery.markSent(messageId);
      return;
    }
    Reply reply = receive(response);
    if (reply.status() >= 300) {
      throw new IllegalStateException(
          "the office's answer to the hand-over was not a receipt: " + reply.problem());
    }
  }

  /**
   * Takes in whatever the office sent: an answer, or a receipt for something the hub sent. Every
   * message but a receipt gets a receipt back; what cannot be read well enough to address one gets
   * a problem instead.
   */
  public Reply receive(byte[] wire) {
    if (wire == null || wire.length == 0) {
      return Reply.problem(400, "empty-message", "the message is empty");
    }
    if (wire.length > MAX_MESSAGE_BYTES) {
      return Reply.tooLarge();
    }
    byte[] xml;
    byte[] signed;
    try {
      AgencySystems.Opened opened = systems.receive(office, wire);
      xml = opened.content();
      signed = opened.signed();
    } catch (InboundRejected rejected) {
      return switch (rejected.reason()) {
        case NOT_SIGNED -> Reply.problem(400, "not-signed", rejected.getMessage());
        case NOT_DECRYPTED -> Reply.problem(400, "not-decrypted", rejected.getMessage());
        case NOT_ENCRYPTED -> refuseUnencrypted(rejected);
        case CERTIFICATE_REVOKED -> refuseCertificate(rejected, AppRecErrorCode.S03);
        case CERTIFICATE_NOT_ACCEPTED -> refuseCertificate(rejected, AppRecErrorCode.S02);
        default -> Reply.problem(403, "bad-signature", rejected.getMessage());
      };
    }
    GpMessage message;
    try {
      message = format.read(xml);
    } catch (UnacceptableGpMessage unacceptable) {
      LOG.warning(() -> "Rejected a message from " + office + ": " + unacceptable.reason());
      return unacceptable
          .rejectionReceipt(AgencySystems.newMessageId(), clock.instant(), hubParty())
          .map(receipt -> Reply.receipt(sign(receipt), receipt))
          .orElseGet(
              () ->
                  Reply.problem(
                      400,
                      "unreadable-message",
                      unacceptable.errorCode() + " " + unacceptable.reason()));
    }
    if (!isFromThisOffice(message.sender())) {
      return reject(
          message,
          AppRecErrorCode.X99,
          "the sender in MsgHead is not the office that signed the message");
    }
    if (message instanceof AppRec receipt) {
      return takeReceipt(receipt);
    }
    if (message instanceof DialogAnswer answer) {
      return takeAnswer(answer, signed);
    }
    if (message instanceof DialogNote) {
      // A consent lets a named category of information flow for a named purpose; a note that the
      // office writes first names neither in terms the hub could decide on.
      return reject(
          message,
          AppRecErrorCode.X99,
          "the hub takes a note only as the answer to a request it sent (MsgInfo/ConversationRef);"
              + " a note that opens a conversation names no category and purpose a consent could"
              + " be checked against");
    }
    return reject(
        message, AppRecErrorCode.T10, "the hub takes answers and receipts from GP offices");
  }

  /**
   * A message signed with the office's key under a certificate the hub no longer accepts (revoked,
   * expired, withdrawn): the office is told so in an application receipt, S03 for a revoked
   * certificate and S02 otherwise, addressed from what the message says. Nothing of it is taken in.
   * A receipt is never answered, and what cannot be read is answered with a problem.
   */
  private Reply refuseCertificate(InboundRejected rejected, AppRecErrorCode code) {
    String status =
        code == AppRecErrorCode.S03 ? "certificate-revoked" : "certificate-not-accepted";
    if (rejected.refusedContent().isEmpty()) {
      return Reply.problem(403, status, rejected.getMessage());
    }
    GpMessage message;
    try {
      message = format.read(rejected.refusedContent().get());
    } catch (UnacceptableGpMessage unreadable) {
      return Reply.problem(403, status, rejected.getMessage());
    }
    if (message instanceof AppRec || !isFromThisOffice(message.sender())) {
      return Reply.problem(403, status, rejected.getMessage());
    }
    return reject(message, code, rejected.getMessage());
  }

  /**
   * A message the office signed but did not encrypt, where its messages must be encrypted: the
   * office is told so in an application receipt (X99), addressed from what the signed message says,
   * and nothing of it is taken in. A receipt is never answered; it gets a problem.
   */
  private Reply refuseUnencrypted(InboundRejected rejected) {
    GpMessage message;
    try {
      message = format.read(rejected.refusedContent().orElseThrow());
    } catch (UnacceptableGpMessage | java.util.NoSuchElementException unreadable) {
      return Reply.problem(400, "not-encrypted", rejected.getMessage());
    }
    if (message instanceof AppRec || !isFromThisOffice(message.sender())) {
      return Reply.problem(400, "not-encrypted", rejected.getMessage());
    }
    return reject(message, AppRecErrorCode.X99, rejected.getMessage());
  }

  private Reply takeAnswer(DialogAnswer answer, byte[] signed) {
    Message stored;
    try {
      stored =
          systems.acceptAnswer(
              office,
              new InboundAnswer(
                  answer.msgId(),
                  answer.conversationId(),
                  answer.inReplyTo(),
                  answer.receiver().organisationNumber().orElse(null),
                  answer.receiver().herId().orElse(null),
                  answer.patient().nationalId(),
                  answer.generated(),
                  answer.answer()),
              signed,
              SIGNED_FORMAT);
    } catch (InboundRejected rejected) {
      return switch (rejected.reason()) {
        case DUPLICATE -> Reply.problem(409, "duplicate-message", rejected.getMessage());
        case INVALID_MESSAGE_ID -> reject(answer, AppRecErrorCode.E10, rejected.getMessage());
        case UNKNOWN_RECEIVER -> reject(answer, AppRecErrorCode.E21, rejected.getMessage());
        case UNKNOWN_PATIENT -> reject(answer, AppRecErrorCode.E35, rejected.getMessage());
        case CERTIFICATE_REVOKED -> reject(answer, AppRecErrorCode.S03, rejected.getMessage());
        case CERTIFICATE_NOT_ACCEPTED -> reject(answer, AppRecErrorCode.S02, rejected.getMessage());
        case UNKNOWN_CONVERSATION, BAD_SIGNATURE, NOT_SIGNED, NOT_ENCRYPTED, NOT_DECRYPTED ->
            reject(answer, AppRecErrorCode.X99, rejected.getMessage());
      };
    } catch (InvalidInput | NotFound unacceptable) {
      // What the core refuses otherwise (an answer too long to keep, say) is refused in the
      // office's terms; a failure of the hub itself is not the office's fault and is not answered
      // with a rejection, so the office sends the message again.
      return reject(answer, AppRecErrorCode.X99, unacceptable.getMessage());
    }
    if (stored.status() == DeliveryStatus.HELD) {
      return reject(
          answer,
          AppRecErrorCode.X99,
          "the answer is held and not shown: "
              + stored.statusReason().orElse("no consent covers it any more"));
    }
    AppRec ok =
        AppRec.acknowledging(
            answer, AgencySystems.newMessageId(), clock.instant(), AppRecStatus.OK, List.of());
    return Reply.receipt(sign(ok), ok);
  }

  private Reply takeReceipt(AppRec receipt) {
    ReceiptStatus status =
        switch (receipt.status()) {
          case OK -> ReceiptStatus.OK;
          case OK_WITH_ERRORS -> ReceiptStatus.OK_WITH_ERRORS;
          case REJECTED -> ReceiptStatus.REJECTED;
        };
    String errors =
        String.join(
            "; ",
            receipt.errors().stream()
                .map(
                    e ->
                        e.code()
                            + e.description().map(d -> " " + d).orElse("")
                            + e.details().map(d -> " (" + d + ")").orElse(""))
                .toList());
    Optional<Message> updated =
        delivery.applyReceipt(office, receipt.originalMsgId(), status, errors, receipt.msgId());
    if (updated.isEmpty()) {
      LOG.warning(
          () ->
              "Receipt "
                  + receipt.msgId()
                  + " from "
                  + office
                  + " is for unknown message "
                  + receipt.originalMsgId());
    }
    return Reply.noReceipt();
  }

  private Reply reject(GpMessage message, AppRecErrorCode code, String details) {
    LOG.warning(
        () -> "Rejected " + message.msgId() + " from " + office + ": " + code + " " + details);
    AppRec rejection =
        AppRec.acknowledging(
            message,
            AgencySystems.newMessageId(),
            clock.instant(),
            AppRecStatus.REJECTED,
            List.of(AppRecError.of(code, abbreviate(details))));
    return Reply.receipt(sign(rejection), rejection);
  }

  /**
   * Signs the receipt, and encrypts it for the office where the office has a certificate for it.
   */
  private byte[] sign(AppRec receipt) {
    byte[] xml = format.write(receipt);
    Optional<OrganisationNumber> ours =
        receipt.sender().organisationNumber().map(OrganisationNumber::new);
    if (ours.isPresent()) {
      try {
        return systems.sealAs(ours.get(), office, xml);
      } catch (IllegalStateException notOurs) {
        // The message named a receiver whose key the hub does not hold; the hub answers as itself.
      }
    }
    return systems.sealAs(receiptSigner, office, xml);
  }

  private boolean isFromThisOffice(Party sender) {
    if (sender.organisationNumber().isPresent()) {
      return sender.organisationNumber().get().equals(office.value());
    }
    return sender.herId().isPresent() && sender.herId().equals(officeHerId);
  }

  private Party hubParty() {
    return Party.of("Bindeledd", receiptSigner.value(), null);
  }

  private static Party party(OutboundMessage.Party party) {
    return Party.of(party.name(), party.orgNumber(), party.herId());
  }

  private static String abbreviate(String text) {
    String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
    return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "...";
  }

  /**
   * What the hub answers an office: a signed receipt, nothing (for a receipt), or a problem when
   * the message could not be read well enough to address a receipt.
   */
  public record Reply(
      int status,
      Optional<byte[]> signedReceipt,
      Optional<AppRec> receipt,
      String problemType,
      String problem) {

    static Reply receipt(byte[] signed, AppRec receipt) {
      return new Reply(200, Optional.of(signed), Optional.of(receipt), null, null);
    }

    static Reply noReceipt() {
      return new Reply(204, Optional.empty(), Optional.empty(), null, null);
    }

    public static Reply tooLarge() {
      return problem(
          413,
          "message-too-large",
          "a message is at most " + MAX_MESSAGE_BYTES + " bytes, signed and encrypted");
    }

    static Reply problem(int status, String type, String detail) {
      return new Reply(status, Optional.empty(), Optional.empty(), type, detail);
    }

    public boolean isRejected() {
      return status >= 400 || receipt.map(r -> r.status() == AppRecStatus.REJECTED).orElse(false);
    }

    /** A line for a log or a reason file. */
    public String describe() {
      if (problem != null) {
        return problemType + ": " + problem;
      }
      return receipt
          .map(
              r ->
                  r.status()
                      + r.errors().stream()
                          .map(e -> " " + e.code() + e.details().map(d -> " " + d).orElse(""))
                          .reduce("", String::concat))
          .orElse("receipt taken in");
    }
  }
}
