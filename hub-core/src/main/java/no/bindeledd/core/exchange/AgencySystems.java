package no.bindeledd.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.certificates.AgencyCertificate;
import no.bindeledd.core.certificates.CertificateRegistry;
import no.bindeledd.core.consent.NoCoveringConsent;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.DecryptionRejected;
import no.bindeledd.core.crypto.EncryptionKey;
import no.bindeledd.core.crypto.Envelopes;
import no.bindeledd.core.crypto.SignatureRejected;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.crypto.SigningKey;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;

/**
 * What connectors call for the agencies whose own systems they speak to: sign what leaves the hub
 * in an agency's format and encrypt it for the agency's encryption certificate, decrypt and verify
 * what such a system sent, and take in its answers. Connectors map formats; signatures, encryption
 * (ADR 0029), consent and storage stay here.
 */
@ApplicationScoped
public class AgencySystems {

  private Messages messages;
  private Agencies agencies;
  private People people;
  private MessageExchange exchange;
  private AuditLog audit;
  private Signatures signatures;
  private AgencyKeyStore keys;
  private CertificateRegistry certificates;
  private TransitEncryptions encryption;
  private Clock clock;
  private final Envelopes envelopes = new Envelopes();

  /**
   * The largest encrypted message taken from an agency's system: a signed message at its limit,
   * with room for the envelope around it.
   */
  public static final int MAX_ENCRYPTED_MESSAGE_BYTES =
      MessageExchange.MAX_SIGNED_MESSAGE_BYTES + 16 * 1024;

  protected AgencySystems() {}

  @Inject
  public AgencySystems(
      Messages messages,
      Agencies agencies,
      People people,
      MessageExchange exchange,
      AuditLog audit,
      Signatures signatures,
      AgencyKeyStore keys,
      CertificateRegistry certificates,
      TransitEncryptions encryption,
      Clock clock) {
    this.messages = messages;
    this.agencies = agencies;
    this.people = people;
    this.exchange = exchange;
    this.audit = audit;
    this.signatures = signatures;
    this.keys = keys;
    this.certificates = certificates;
    this.encryption = encryption;
    this.clock = clock;
  }

  /**
   * A message cleared for delivery as it goes on the wire: signed as its sending agency, then
   * encrypted for the recipient's current encryption certificate, with the recipient's algorithms.
   * Signed only where the recipient has no encryption certificate and does not require encryption.
   *
   * @throws Undeliverable if the recipient requires encryption and has no encryption certificate
   */
  public byte[] sealOutbound(String messageId, byte[] content) {
    Message message = messages.get(messageId);
    byte[] signed = signAs(message.sender(), content);
    Optional<X509Certificate> recipient = encryptionCertificate(message.recipient());
    if (recipient.isEmpty()) {
      if (encryption.of(message.recipient()).required()) {
        throw new Undeliverable(
            "no encryption certificate is registered for "
                + message.recipient()
                + ", whose messages must be encrypted; an administrator registers one (use"
                + " encryption)");
      }
      return signed;
    }
    return encrypt(message.recipient(), recipient.get(), signed);
  }

  /**
   * A receipt or other reply as it goes on the wire: signed as {@code signer}, an agency whose key
   * the hub holds, and encrypted for {@code counterpart} where it has an encryption certificate. A
   * receipt carries no health data and must reach even a counterpart without one, so it is then
   * signed only.
   */
  public byte[] sealAs(OrganisationNumber signer, OrganisationNumber counterpart, byte[] content) {
    byte[] signed = signAs(signer, content);
    return encryptionCertificate(counterpart)
        .map(certificate -> encrypt(counterpart, certificate, signed))
        .orElse(signed);
  }

  /**
   * Whether what {@link #sealOutbound} or {@link #sealAs} returned is encrypted, for a connector
   * whose format carries the two differently.
   */
  public boolean isEncrypted(byte[] sealed) {
    return envelopes.isEncrypted(sealed);
  }

  private Optional<X509Certificate> encryptionCertificate(OrganisationNumber agency) {
    return certificates.currentEncryption(agency).map(AgencyCertificate::certificate);
  }

  private byte[] encrypt(OrganisationNumber agency, X509Certificate certificate, byte[] signed) {
    TransitEncryption settings = encryption.of(agency);
    return envelopes.encrypt(
        signed, certificate, settings.keyTransport(), settings.contentCipher());
  }

  /** Signs a receipt or other reply as an agency whose key the hub holds. */
  public byte[] signAs(OrganisationNumber agency, byte[] content) {
    SigningKey key =
        keys.find(agency.value())
            .orElseThrow(
                () -> new IllegalStateException("the hub holds no signing key for " + agency));
    return signatures.sign(content, key);
  }

  /**
   * Verifies what an agency's system sent against that agency's registered certificate and returns
   * the signed content; an encrypted message is decrypted first, as {@link #receive} does.
   */
  @Transactional(dontRollbackOn = InboundRejected.class)
  public byte[] open(OrganisationNumber claimedSender, byte[] message) {
    return receive(claimedSender, message).content();
  }

  /**
   * Opens what an agency's system sent: decrypts it if it is encrypted (for the encryption
   * certificate of an agency whose key the hub holds), then verifies the signature inside against
   * the sender's registered signing certificates. Each refusal is audited: a message that does not
   * decrypt as {@link InboundRejected.Reason#NOT_DECRYPTED}; a signed message that is not encrypted
   * where the sender must encrypt as {@link InboundRejected.Reason#NOT_ENCRYPTED}, after its
   * signature verified, with what it says so that the refusal can be addressed; a signature that
   * does not verify as {@link SignatureRejected} says.
   */
  @Transactional(dontRollbackOn = InboundRejected.class)
  public Opened receive(OrganisationNumber claimedSender, byte[] message) {
    boolean encrypted = envelopes.isEncrypted(message);
    int limit = encrypted ? MAX_ENCRYPTED_MESSAGE_BYTES : MessageExchange.MAX_SIGNED_MESSAGE_BYTES;
    if (message.length > limit) {
      throw new InvalidInput(
          "a " + (encrypted ? "encrypted" : "signed") + " message is at most " + limit + " bytes");
    }
    Agency sender = agencies.get(claimedSender);
    byte[] signed = encrypted ? decrypt(sender, message) : message;
    if (signed.length > MessageExchange.MAX_SIGNED_MESSAGE_BYTES) {
      throw new InvalidInput(
          "a signed message is at most "
              + MessageExchange.MAX_SIGNED_MESSAGE_BYTES
              + " bytes, also inside its envelope");
    }
    byte[] content = verify(sender, signed);
    if (!encrypted && encryption.of(claimedSender).required()) {
      String reason =
          "the message is signed but not encrypted; messages from "
              + claimedSender
              + " must be encrypted for the receiving agency's encryption certificate (CMS"
              + " EnvelopedData or AuthEnvelopedData)";
      audit.append(
          AuditEvent.of(
                  Actor.agencySystem(sender.orgNumber()),
                  AuditAction.DECRYPTION_REJECTED,
                  AuditOutcome.REFUSED)
              .agencies(sender.orgNumber(), null)
              .reason("not-encrypted: " + reason));
      throw new InboundRejected(InboundRejected.Reason.NOT_ENCRYPTED, reason, content);
    }
    return new Opened(signed, content, encrypted);
  }

  /**
   * What an agency's system sent, opened: the signed message (CMS SignedData, which the hub keeps
   * as the message's signature), what it says, and whether it came encrypted.
   */
  public record Opened(byte[] signed, byte[] content, boolean encrypted) {
    public Opened {
      signed = signed.clone();
      content = content.clone();
    }

    @Override
    public byte[] signed() {
      return signed.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }
  }

  /**
   * Decrypts with the encryption keys the hub holds for agencies other than the sender: a message
   * is for the agency it answers, which the hub learns only from inside.
   */
  private byte[] decrypt(Agency sender, byte[] message) {
    List<EncryptionKey> ours =
        keys.encryptionKeys().stream()
            .filter(key -> !key.orgNumber().equals(sender.orgNumber().value()))
            .toList();
    try {
      return envelopes.decrypt(message, ours, MAX_ENCRYPTED_MESSAGE_BYTES).content();
    } catch (DecryptionRejected rejected) {
      audit.append(
          AuditEvent.of(
                  Actor.agencySystem(sender.orgNumber()),
                  AuditAction.DECRYPTION_REJECTED,
                  AuditOutcome.REFUSED)
              .agencies(sender.orgNumber(), null)
              .reason(rejected.code())
              .note(rejected.getMessage()));
      throw new InboundRejected(
          InboundRejected.Reason.NOT_DECRYPTED,
          "the message could not be decrypted (" + rejected.code() + "): " + rejected.getMessage());
    }
  }

  private byte[] verify(Agency sender, byte[] signed) {
    try {
      return certificates.verify(sender, signed, clock.instant()).content();
    } catch (SignatureRejected rejected) {
      audit.append(
          AuditEvent.of(
                  Actor.agencySystem(sender.orgNumber()),
                  AuditAction.SIGNATURE_REJECTED,
                  AuditOutcome.REFUSED)
              .agencies(sender.orgNumber(), null)
              .reason(rejected.code())
              .note(rejected.getMessage()));
      throw inboundRejection(sender, rejected);
    }
  }

  /**
   * Takes in an answer from an agency's system, signed in its own format. It must answer a request
   * the hub sent to that agency, be addressed to the agency that asked (by each identifier it names
   * it by: organisation number, HER-id), and be about the same person. Ids are compared in the
   * hub's form, whatever letter case the system wrote them in. Consent is then decided as for an
   * answer written in the hub: an answer no consent covers any more is held.
   */
  @Transactional(dontRollbackOn = NoCoveringConsent.class)
  public Message acceptAnswer(
      OrganisationNumber from, InboundAnswer answer, byte[] signed, String signedFormat) {
    String messageId = guid(answer.messageId(), "the answer's own id");
    String inReplyTo = guid(answer.inReplyTo(), "the id of the request it answers");
    String conversationId = guid(answer.conversationId(), "the id of its conversation");
    if (messages.find(messageId).isPresent()) {
      throw new InboundRejected(
          InboundRejected.Reason.DUPLICATE, "message " + messageId + " was already received");
    }
    Optional<Message> request =
        messages
            .find(inReplyTo)
            .filter(r -> r.kind() == MessageKind.REQUEST)
            .filter(r -> r.recipient().equals(from))
            .filter(r -> r.conversationId().equals(conversationId));
    if (request.isEmpty()) {
      throw new InboundRejected(
          InboundRejected.Reason.UNKNOWN_CONVERSATION,
          "no request "
              + inReplyTo
              + " in conversation "
              + conversationId
              + " was sent to "
              + from);
    }
    Message asked = request.get();
    Agency asking = agencies.get(asked.sender());
    if (answer.recipientAgency() != null
        && !answer.recipientAgency().equals(asking.orgNumber().value())) {
      throw new InboundRejected(
          InboundRejected.Reason.UNKNOWN_RECEIVER,
          "the answer is addressed to "
              + answer.recipientAgency()
              + ", not to the agency that asked");
    }
    if (answer.recipientHerId() != null && !answer.recipientHerId().equals(asking.herId())) {
      throw new InboundRejected(
          InboundRejected.Reason.UNKNOWN_RECEIVER,
          "the answer is addressed to HER-id "
              + answer.recipientHerId()
              + ", which is not the agency that asked"
              + (asking.herId() == null
                  ? " (it has no HER-id)"
                  : " (its HER-id is " + asking.herId() + ")"));
    }
    Person subject = people.get(asked.subjectId());
    if (subject.isErased()) {
      throw new InboundRejected(
          InboundRejected.Reason.UNKNOWN_PATIENT,
          "the person the request was about has been erased, so the hub takes no answer about them");
    }
    if (!subject.nationalId().value().equals(answer.subjectNationalId())) {
      throw new InboundRejected(
          InboundRejected.Reason.UNKNOWN_PATIENT,
          "the answer is about another person than the request it answers");
    }
    if (!asked.isOpenForAnswers()) {
      throw new InboundRejected(
          InboundRejected.Reason.UNKNOWN_CONVERSATION,
          "request " + asked.id() + " is " + asked.status().name().toLowerCase());
    }
    MessageEnvelope envelope =
        new MessageEnvelope(
            messageId,
            asked.conversationId(),
            asked.id(),
            MessageKind.ANSWER,
            from.value(),
            asked.sender().value(),
            subject.id(),
            subject.nationalId().value(),
            asked.category().code(),
            asked.purpose().code(),
            null,
            answer.sentAt() == null ? clock.instant() : answer.sentAt(),
            answer.text());
    return exchange.acceptReply(Actor.agencySystem(from), envelope, signed, signedFormat);
  }

  private static String guid(String id, String what) {
    return MessageIds.canonical(id)
        .orElseThrow(
            () ->
                new InboundRejected(
                    InboundRejected.Reason.INVALID_MESSAGE_ID,
                    what + " is not a GUID (32 hexadecimal digits in groups of 8-4-4-4-12)"));
  }

  /** A fresh id for a message the hub writes in an agency's format, such as a receipt. */
  public static String newMessageId() {
    return UUID.randomUUID().toString();
  }

  /**
   * A refusal in terms a connector can answer in the agency's format: a certificate that is no
   * longer accepted comes with what the message said, so that the refusal can be addressed.
   */
  private static InboundRejected inboundRejection(Agency sender, SignatureRejected rejected) {
    return switch (rejected.reason()) {
      case MALFORMED ->
          new InboundRejected(
              InboundRejected.Reason.NOT_SIGNED,
              "the message is not CMS SignedData: " + rejected.getMessage());
      case CERTIFICATE_REVOKED ->
          new InboundRejected(
              InboundRejected.Reason.CERTIFICATE_REVOKED,
              rejected.getMessage(),
              rejected.signedContent().orElse(null));
      case CERTIFICATE_EXPIRED,
          CERTIFICATE_NOT_VALID,
          CERTIFICATE_WITHDRAWN,
          REVOCATION_UNKNOWN,
          SIGNING_TIME_NOT_ACCEPTED ->
          new InboundRejected(
              InboundRejected.Reason.CERTIFICATE_NOT_ACCEPTED,
              rejected.getMessage(),
              rejected.signedContent().orElse(null));
      case NO_CONTENT, NOT_ONE_SIGNER, UNKNOWN_SIGNER, BAD_SIGNATURE ->
          new InboundRejected(
              InboundRejected.Reason.BAD_SIGNATURE,
              "not signed with a registered certificate of "
                  + sender.orgNumber()
                  + ": "
                  + rejected.getMessage());
    };
  }
}
