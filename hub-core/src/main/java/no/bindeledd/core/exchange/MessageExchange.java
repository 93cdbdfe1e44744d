package no.bindeledd.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import no.bindeledd.core.Conflict;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.NotFound;
import no.bindeledd.core.access.AccessDenied;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.access.Role;
import no.bindeledd.core.audit.AuditAction;
import no.bindeledd.core.audit.AuditEvent;
import no.bindeledd.core.audit.AuditLog;
import no.bindeledd.core.audit.AuditOutcome;
import no.bindeledd.core.certificates.CertificateRegistry;
import no.bindeledd.core.consent.ConsentDecision;
import no.bindeledd.core.consent.ConsentDecisions;
import no.bindeledd.core.consent.Coverage;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Flow;
import no.bindeledd.core.consent.NoCoveringConsent;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.crypto.AgencyKeyStore;
import no.bindeledd.core.crypto.SignatureRejected;
import no.bindeledd.core.crypto.Signatures;
import no.bindeledd.core.crypto.SigningKey;
import no.bindeledd.core.crypto.VerifiedContent;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;
import no.bindeledd.core.party.AgencyKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.core.person.MunicipalAccess;
import no.bindeledd.core.person.People;
import no.bindeledd.core.person.Person;
import no.bindeledd.core.text.TextKind;

/**
 * Sending requests and answers, and reading one's inbox. Each message is decided on, signed as the
 * sending agency, audited and stored with its outbox entry in one transaction. A refused request
 * stores nothing but its audit entry.
 */
@ApplicationScoped
public class MessageExchange {

  /** Largest signed message accepted from an agency, in bytes. */
  public static final int MAX_SIGNED_MESSAGE_BYTES = 256 * 1024;

  /** The longest reason a decline may give, as for other reasons the hub keeps. */
  public static final int MAX_DECLINE_REASON_LENGTH = 1000;

  private static final int LIST_LIMIT = 200;

  /** How many near misses a coverage check names at most. */
  private static final int CLOSEST_LIMIT = 5;

  private Messages messages;
  private People people;
  private Agencies agencies;
  private ConsentDecisions decisions;
  private AuditLog audit;
  private Signatures signatures;
  private AgencyKeyStore keys;
  private CertificateRegistry certificates;
  private MessageChanges changes;
  private BackPressure backPressure;
  private Clock clock;

  protected MessageExchange() {}

  @Inject
  public MessageExchange(
      Messages messages,
      People people,
      Agencies agencies,
      ConsentDecisions decisions,
      AuditLog audit,
      Signatures signatures,
      AgencyKeyStore keys,
      CertificateRegistry certificates,
      MessageChanges changes,
      BackPressure backPressure,
      Clock clock) {
    this.messages = messages;
    this.people = people;
    this.agencies = agencies;
    this.decisions = decisions;
    this.audit = audit;
    this.signatures = signatures;
    this.keys = keys;
    this.certificates = certificates;
    this.changes = changes;
    this.backPressure = backPressure;
    this.clock = clock;
  }

  /**
   * The person a first message is about, if both agencies serve the person's municipality;
   * otherwise not found, exactly as an unknown person, so that an agency learns nothing of another
   * municipality's people and is never led to send about them.
   */
  private Person subjectServedBy(Agency from, Agency to, String subjectId) {
    return (subjectId == null ? Optional.<Person>empty() : people.find(subjectId))
        .filter(p -> MunicipalAccess.serves(from, p) && MunicipalAccess.serves(to, p))
        .orElseThrow(() -> new NotFound("person", subjectId));
  }

  /** A question to another agency about one person, asking for one category for one purpose. */
  public record NewRequest(
      OrganisationNumber recipient,
      String subjectId,
      DataCategory category,
      Purpose purpose,
      String question) {}

  /**
   * Refused with {@link RecipientBehind}, before the person or a consent is looked at and with
   * nothing written, while the recipient's deliveries are too far behind ({@link BackPressure}).
   */
  @Transactional(dontRollbackOn = NoCoveringConsent.class)
  public Message sendRequest(Actor actor, NewRequest request) {
    Agency asking = agencyOf(actor);
    TextKind.MULTI_LINE.require("question", request.question());
    backPressure.admit(agencies.get(request.recipient()));
    Drafted drafted = draftRequest(asking, request);
    return openConversation(
        actor,
        drafted.decision(),
        MessageKind.REQUEST,
        asking,
        drafted.to(),
        drafted.subject(),
        request.question());
  }

  /**
   * Shares a participant's plan with the agency that follows the participant up (NAV). Nothing is
   * sent unless a consent covers sharing the plan with that agency; a refusal is audited and says
   * why. Refused as a request is while NAV's deliveries are too far behind.
   */
  @Transactional(dontRollbackOn = NoCoveringConsent.class)
  public Message sendPlan(
      Actor actor, String subjectId, OrganisationNumber recipient, ParticipantPlan plan) {
    Agency sharing = agencyOf(actor);
    backPressure.admit(agencies.get(recipient));
    Drafted drafted = draftPlan(sharing, subjectId, recipient);
    return openConversation(
        actor,
        drafted.decision(),
        MessageKind.PLAN,
        sharing,
        drafted.to(),
        drafted.subject(),
        plan.toJson());
  }

  /**
   * Whether a consent would cover this request if it were sent now, and if not, why not, which of
   * the caller's agency's consents about the person come closest, and what consent would cover it.
   * Only someone who may send the request may ask. The checks and the decision are those of {@link
   * #sendRequest}; nothing is decided for real, nothing is stored, and the question is ignored.
   * Since the answer tells of the person's consents, asking is audited as a look at them.
   */
  @Transactional
  public Coverage checkRequest(Actor actor, NewRequest draft) {
    Agency asking = agencyOf(actor);
    return coverage(actor, asking, draftRequest(asking, draft));
  }

  /** As {@link #checkRequest}, for sharing a participant's plan as {@link #sendPlan} would. */
  @Transactional
  public Coverage checkPlan(Actor actor, String subjectId, OrganisationNumber recipient) {
    Agency sharing = agencyOf(actor);
    return coverage(actor, sharing, draftPlan(sharing, subjectId, recipient));
  }

  /** A first message drafted: whom it goes to, about whom, and what consent decides now. */
  private record Drafted(Agency to, Person subject, ConsentDecision decision) {}

  private Drafted draftRequest(Agency asking, NewRequest request) {
    Agency asked = agencies.get(request.recipient());
    if (asked.is(asking.orgNumber())) {
      throw new InvalidInput("an agency cannot send a request to itself");
    }
    Person subject = subjectServedBy(asking, asked, request.subjectId());
    if (request.category() == null || request.purpose() == null) {
      throw new InvalidInput("category and purpose are required");
    }
    Flow answerFlow =
        new Flow(
            subject.id(),
            asked.orgNumber(),
            asking.orgNumber(),
            request.category(),
            request.purpose());
    return new Drafted(
        asked,
        subject,
        decisions.decideRequest(answerFlow, asking.kind(), asked.kind(), clock.instant()));
  }

  private Drafted draftPlan(Agency sharing, String subjectId, OrganisationNumber recipient) {
    Agency receiving = agencies.get(recipient);
    if (sharing.kind() != AgencyKind.REFUGEE_SERVICE) {
      throw new AccessDenied("participant plans are shared by the refugee service");
    }
    if (receiving.kind() != AgencyKind.NAV) {
      throw new InvalidInput("a participant plan is shared with NAV");
    }
    Person subject = subjectServedBy(sharing, receiving, subjectId);
    Flow flow =
        new Flow(
            subject.id(),
            sharing.orgNumber(),
            receiving.orgNumber(),
            DataCategory.PARTICIPANT_PLAN,
            Purpose.PARTICIPANT_PLAN_SHARING);
    return new Drafted(
        receiving, subject, decisions.decide(flow, receiving.kind(), clock.instant()));
  }

  private Coverage coverage(Actor actor, Agency asking, Drafted drafted) {
    ConsentDecision decision = drafted.decision();
    Coverage coverage =
        new Coverage(
            decision,
            decision.isAllowed()
                ? List.of()
                : decisions.closest(
                    decision.flow(), asking.orgNumber(), clock.instant(), CLOSEST_LIMIT));
    AuditEvent looked =
        AuditEvent.of(actor, AuditAction.CONSENT_READ, AuditOutcome.SUCCESS)
            .flow(decision.flow())
            .reason(
                "would a consent cover it? "
                    + decision
                        .consent()
                        .map(c -> "yes, consent " + c.id())
                        .orElseGet(
                            () ->
                                "no, "
                                    + decision.refusalReason().map(r -> r.code()).orElse("")
                                    + "; closest: "
                                    + coverage.closest().stream()
                                        .map(m -> m.consent().id())
                                        .toList()));
    decision.consent().ifPresent(c -> looked.consentId(c.id()));
    audit.append(looked);
    return coverage;
  }

  /**
   * Opens a conversation with a first message, if the decision allows it: signed as the sending
   * agency, audited and stored with its outbox entry. A refusal is audited and thrown.
   */
  private Message openConversation(
      Actor actor,
      ConsentDecision decision,
      MessageKind kind,
      Agency from,
      Agency to,
      Person subject,
      String body) {
    if (!decision.isAllowed()) {
      recordDecision(actor, decision, null, AuditOutcome.REFUSED);
      throw new NoCoveringConsent(decision);
    }
    subject.requireNotErased("nothing more can be sent about them");
    // A conversation is named by its first message, as MsgHead names it, so that the id means the
    // same in every agency's format.
    String messageId = UUID.randomUUID().toString();
    MessageEnvelope envelope =
        new MessageEnvelope(
            messageId,
            messageId,
            null,
            kind,
            from.orgNumber().value(),
            to.orgNumber().value(),
            subject.id(),
            subject.nationalId().value(),
            decision.flow().category().code(),
            decision.flow().purpose().code(),
            decision.basis().id(),
            clock.instant(),
            body);
    byte[] signed = sign(envelope, from);
    // Stored before the audit entries are appended: appending locks the log's head row until
    // commit, so every other step (signing, sealing, the rows' writes) runs before it, not while
    // every other audited transaction of the municipality waits.
    Message message = new Message(envelope, signed, actor.userId());
    messages.add(message);
    messages.enqueue(new OutboxEntry(message, clock.instant()));
    changes.changed(message);
    recordDecision(actor, decision, null, null);
    audit.append(sentEvent(actor, message, decision));
    return message;
  }

  /** Answers a request in the actor's inbox; the hub signs as the actor's agency. */
  @Transactional
  public Message answer(Actor actor, String requestId, String text) {
    Agency answering = agencyOf(actor);
    TextKind.MULTI_LINE.require("text", text);
    Message request = requestToReplyTo(actor, answering, requestId, "answered");
    return acceptReply(
        actor, reply(request, answering, MessageKind.ANSWER, text), MessageEnvelope.FORMAT);
  }

  /**
   * Declines a request in the actor's inbox, with a reason that goes back to the asking agency. The
   * decline is a signed message like an answer, decided on the same consent as an answer would be
   * (its reason is free text, written by someone who may be bound to confidentiality), and audited
   * like one. Once the decline is let through, the request is declined: it can be neither answered
   * nor declined again. A request already answered cannot be declined.
   */
  @Transactional
  public Message decline(Actor actor, String requestId, String reason) {
    Agency declining = agencyOf(actor);
    requireDeclineReason(reason);
    Message request = requestToReplyTo(actor, declining, requestId, "declined");
    return acceptReply(
        actor, reply(request, declining, MessageKind.DECLINE, reason), MessageEnvelope.FORMAT);
  }

  private static void requireDeclineReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInput("reason is required: say why the request is declined");
    }
    if (reason.length() > MAX_DECLINE_REASON_LENGTH) {
      throw new InvalidInput("reason is longer than " + MAX_DECLINE_REASON_LENGTH + " characters");
    }
    TextKind.SINGLE_LINE.require("reason", reason);
  }

  /** A request to the agency that it may still reply to, or why not. */
  private Message requestToReplyTo(Actor actor, Agency agency, String requestId, String what) {
    Message request = visibleTo(actor, requestId);
    if (request.kind() != MessageKind.REQUEST || !request.recipient().equals(agency.orgNumber())) {
      throw new InvalidInput("only a request sent to your agency can be " + what);
    }
    if (request.status() == DeliveryStatus.HELD) {
      throw new MessageHeld(request);
    }
    return request;
  }

  /** A reply to {@code request} from the agency it was sent to, signed as that agency. */
  private ReplyToSign reply(Message request, Agency from, MessageKind kind, String body) {
    Person subject = people.get(request.subjectId());
    subject.requireNotErased("nothing more can be sent about them");
    MessageEnvelope envelope =
        new MessageEnvelope(
            UUID.randomUUID().toString(),
            request.conversationId(),
            request.id(),
            kind,
            from.orgNumber().value(),
            request.sender().value(),
            subject.id(),
            subject.nationalId().value(),
            request.category().code(),
            request.purpose().code(),
            request.consentId().orElse(null),
            clock.instant(),
            body);
    return new ReplyToSign(envelope, sign(envelope, from));
  }

  private record ReplyToSign(MessageEnvelope envelope, byte[] signed) {}

  private Message acceptReply(Actor actor, ReplyToSign reply, String signedFormat) {
    return acceptReply(actor, reply.envelope(), reply.signed(), signedFormat);
  }

  /**
   * Takes a reply the agency signed itself (CMS SignedData over a canonical envelope), as an agency
   * system or OpenSSL makes it: an answer, or a decline. The signature must verify against the
   * registered certificate of the caller's agency; anything else is rejected and audited.
   */
  @Transactional(dontRollbackOn = {SignatureRejected.class, NoCoveringConsent.class})
  public Message acceptSigned(Actor actor, byte[] signedMessage) {
    Agency sender = agencyOf(actor);
    if (signedMessage.length > MAX_SIGNED_MESSAGE_BYTES) {
      throw new InvalidInput("a signed message is at most " + MAX_SIGNED_MESSAGE_BYTES + " bytes");
    }
    VerifiedContent verified;
    try {
      verified = certificates.verify(sender, signedMessage, clock.instant());
    } catch (SignatureRejected rejected) {
      audit.append(
          AuditEvent.of(actor, AuditAction.SIGNATURE_REJECTED, AuditOutcome.REFUSED)
              .agencies(sender.orgNumber(), null)
              .reason(rejected.code())
              .note(rejected.getMessage()));
      throw rejected;
    }
    MessageEnvelope envelope = MessageEnvelope.fromCanonicalBytes(verified.content());
    if (!sender.orgNumber().value().equals(envelope.sender())) {
      throw new AccessDenied("the envelope names another agency as its sender");
    }
    if (!envelope.kind().isReply()) {
      throw new InvalidInput("signed messages accepted here are answers to requests or declines");
    }
    return acceptReply(actor, envelope, signedMessage, MessageEnvelope.FORMAT);
  }

  /**
   * Stores a reply (an answer or a decline) whose signature was verified, decides on consent again,
   * and queues it for the asking agency or holds it. A decline let through declines its request.
   * {@code signedFormat} names what {@code signed} covers.
   */
  Message acceptReply(Actor actor, MessageEnvelope envelope, byte[] signed, String signedFormat) {
    if (messages.find(envelope.messageId()).isPresent()) {
      throw new Conflict("message " + envelope.messageId() + " was already received");
    }
    Message request =
        messages
            .find(envelope.inReplyTo() == null ? "" : envelope.inReplyTo())
            .filter(r -> r.kind() == MessageKind.REQUEST)
            .filter(r -> r.recipient().value().equals(envelope.sender()))
            .orElseThrow(() -> new NotFound("request", envelope.inReplyTo()));
    if (request.status() == DeliveryStatus.DECLINED) {
      throw new Conflict(
          "request " + request.id() + " was declined; it takes no answer or decline any more");
    }
    if (!request.isOpenForAnswers()) {
      throw new NotFound("request", envelope.inReplyTo());
    }
    if (!request.conversationId().equals(envelope.conversationId())
        || !request.sender().value().equals(envelope.recipient())
        || !request.subjectId().equals(envelope.subjectId())
        || !request.category().code().equals(envelope.category())
        || !request.purpose().code().equals(envelope.purpose())) {
      throw new InvalidInput(
          "the answer does not match the conversation, parties or terms of" + " the request");
    }
    if (envelope.kind() == MessageKind.DECLINE) {
      requireDeclineReason(envelope.body());
      if (isAnswered(request)) {
        throw new Conflict("request " + request.id() + " was answered; it cannot be declined");
      }
    }
    Agency recipient = agencies.get(request.sender());
    Flow flow = request.answerFlow();
    Instant now = clock.instant();
    ConsentDecision decision = decisions.decide(flow, recipient.kind(), now);
    Message reply = new Message(envelope, signed, signedFormat, actor.userId());
    messages.add(reply);
    if (decision.isAllowed()) {
      recordDecision(actor, decision, reply, null);
      messages.enqueue(new OutboxEntry(reply, now));
      audit.append(sentEvent(actor, reply, decision));
      if (reply.kind() == MessageKind.DECLINE) {
        request.decline(reply.id(), now);
        audit.append(
            AuditEvent.of(actor, AuditAction.MESSAGE_DECLINED, AuditOutcome.SUCCESS)
                .flow(request.flow())
                .consentId(decision.basis().id())
                .message(request.id(), request.conversationId())
                .reason("declined in message " + reply.id()));
        changes.changed(request);
      }
    } else {
      reply.hold(decision.explanation(), now);
      recordDecision(actor, decision, reply, AuditOutcome.HELD);
      audit.append(
          AuditEvent.of(actor, AuditAction.MESSAGE_HELD, AuditOutcome.HELD)
              .flow(flow)
              .message(reply.id(), reply.conversationId())
              .reason(decision.explanation()));
    }
    changes.changed(reply);
    return reply;
  }

  private boolean isAnswered(Message request) {
    return messages.inConversation(request.conversationId()).stream()
        .anyMatch(
            m ->
                m.kind() == MessageKind.ANSWER
                    && m.inReplyTo().filter(request.id()::equals).isPresent());
  }

  private static AuditEvent sentEvent(Actor actor, Message message, ConsentDecision decision) {
    return AuditEvent.of(actor, AuditAction.MESSAGE_SENT, AuditOutcome.SUCCESS)
        .flow(message.flow())
        .consentId(decision.basis().id())
        .message(message.id(), message.conversationId());
  }

  private void recordDecision(
      Actor actor, ConsentDecision decision, Message message, AuditOutcome refusedAs) {
    AuditEvent event =
        AuditEvent.of(
                actor,
                AuditAction.CONSENT_DECISION,
                decision.isAllowed() ? AuditOutcome.ALLOWED : refusedAs)
            .flow(decision.flow())
            .reason(
                decision.refusalReason().map(r -> r.code() + ": ").orElse("")
                    + decision.explanation());
    decision.consent().ifPresent(c -> event.consentId(c.id()));
    if (message != null) {
      event.message(message.id(), message.conversationId());
    }
    audit.append(event);
  }

  private byte[] sign(MessageEnvelope envelope, Agency sender) {
    SigningKey key =
        keys.find(sender.orgNumber().value())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the hub holds no signing key for " + sender.orgNumber()));
    return signatures.sign(envelope.toCanonicalBytes(), key);
  }

  /** The delivered messages to the actor's agency, newest first, with the requests it declined. */
  @Transactional
  public List<Message> inbox(Actor actor) {
    Agency agency = agencyOf(actor);
    return messages
        .to(
            agency.orgNumber(),
            List.of(DeliveryStatus.DELIVERED, DeliveryStatus.READ, DeliveryStatus.DECLINED),
            LIST_LIMIT)
        .stream()
        .filter(m -> Visibility.mayEverSee(agency, m))
        .toList();
  }

  /** What the actor's agency sent, newest first, with each message's delivery status. */
  @Transactional
  public List<Message> sent(Actor actor) {
    return messages.from(agencyOf(actor).orgNumber(), LIST_LIMIT);
  }

  /**
   * Opens a message. The recipient sees it only while a consent still covers it: an answer whose
   * consent was withdrawn after it arrived is held from then on, and every later opening by the
   * recipient is refused with {@link MessageHeld} too, never as not found, so that a reader who saw
   * it before learns why it is gone. Every opening is audited, refused ones too.
   */
  @Transactional(dontRollbackOn = MessageHeld.class)
  public Message open(Actor actor, String messageId) {
    Message message = visibleTo(actor, messageId);
    if (message.recipient().equals(actor.agency())) {
      refuseIfHeld(actor, message);
      ConsentDecision decision =
          MessageDecisions.decide(decisions, agencies, message, clock.instant());
      if (!decision.isAllowed()) {
        message.hold(decision.explanation(), clock.instant());
        recordDecision(actor, decision, message, AuditOutcome.HELD);
        audit.append(
            AuditEvent.of(actor, AuditAction.MESSAGE_HELD, AuditOutcome.HELD)
                .flow(message.flow())
                .message(message.id(), message.conversationId())
                .reason(decision.explanation()));
        changes.changed(message);
        throw new MessageHeld(message);
      }
    }
    audit.append(
        AuditEvent.of(actor, AuditAction.MESSAGE_OPENED, AuditOutcome.SUCCESS)
            .flow(message.flow())
            .consentId(message.consentId().orElse(null))
            .message(message.id(), message.conversationId()));
    return message;
  }

  /** A recipient's attempt on a message held earlier: audited, and refused as held. */
  private void refuseIfHeld(Actor actor, Message message) {
    if (message.status() == DeliveryStatus.HELD) {
      audit.append(
          AuditEvent.of(actor, AuditAction.MESSAGE_HELD, AuditOutcome.HELD)
              .flow(message.flow())
              .message(message.id(), message.conversationId())
              .reason("held earlier: " + message.statusReason().orElse("no consent covers it")));
      throw new MessageHeld(message);
    }
  }

  @Transactional(dontRollbackOn = MessageHeld.class)
  public Message markRead(Actor actor, String messageId) {
    Message message = visibleTo(actor, messageId);
    if (!message.recipient().equals(actor.agency())) {
      throw new AccessDenied("only the recipient marks a message as read");
    }
    refuseIfHeld(actor, message);
    if (message.status() == DeliveryStatus.DELIVERED) {
      message.markRead(actor.userId(), clock.instant());
      audit.append(
          AuditEvent.of(actor, AuditAction.MESSAGE_READ, AuditOutcome.SUCCESS)
              .flow(message.flow())
              .consentId(message.consentId().orElse(null))
              .message(message.id(), message.conversationId()));
      changes.changed(message);
    }
    return message;
  }

  /**
   * The sending agency has seen how its message ended (held, failed, expired, declined): it no
   * longer counts as needing a look, until its outcome changes again. Only the sender marks it; the
   * mark is the sender's own bookkeeping, shows nothing of the person, and is not audited.
   */
  @Transactional
  public Message markSeen(Actor actor, String messageId) {
    Message message = visibleTo(actor, messageId);
    if (!message.sender().equals(actor.agency())) {
      throw new AccessDenied("only the sender marks the outcome of a message as seen");
    }
    if (message.needsSenderAttention()) {
      message.markSeenBySender(clock.instant());
      changes.changed(message);
    }
    return message;
  }

  /**
   * What waits for the actor's agency: unread in the inbox, outcomes to look at in the sent list.
   */
  @Transactional
  public BoxCounts counts(Actor actor) {
    Agency agency = agencyOf(actor);
    Set<DataCategory> visible =
        EnumSet.allOf(DataCategory.class).stream()
            .filter(c -> !c.isHealthData() || agency.kind().mayReceiveHealthData())
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(DataCategory.class)));
    Set<DeliveryStatus> attention =
        EnumSet.allOf(DeliveryStatus.class).stream()
            .filter(DeliveryStatus::needsSenderAttention)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(DeliveryStatus.class)));
    return new BoxCounts(
        messages.countTo(agency.orgNumber(), DeliveryStatus.DELIVERED, visible),
        messages.countUnseenBySender(agency.orgNumber(), attention));
  }

  /**
   * The messages about one person that the actor's agency may see, oldest first: its conversations
   * about them, plans included. Like the inbox and the sent list it shows envelopes, never content,
   * so it is not audited; opening a message is. A person of a municipality the agency does not
   * serve has none, as an unknown person has none.
   */
  @Transactional
  public List<Message> aboutSubject(Actor actor, String subjectId) {
    Agency agency = agencyOf(actor);
    boolean served =
        subjectId != null
            && people.find(subjectId).filter(p -> MunicipalAccess.serves(agency, p)).isPresent();
    if (!served) {
      return List.of();
    }
    return messages.aboutSubject(subjectId, LIST_LIMIT).stream()
        .filter(m -> Visibility.isVisible(agency, m))
        .toList();
  }

  /** The delivery status of a message, for its sender or its recipient. */
  @Transactional
  public Message status(Actor actor, String messageId) {
    return visibleTo(actor, messageId);
  }

  /**
   * How delivery is going for a message the actor's agency sent and that is still waiting in the
   * outbox: how often it was tried, the last error, when it is tried next. Empty once it left the
   * outbox, and for anyone but the sender.
   */
  @Transactional
  public Optional<OutboxEntry> deliveryProgress(Actor actor, String messageId) {
    Message message = visibleTo(actor, messageId);
    if (!message.sender().equals(actor.agency())) {
      return Optional.empty();
    }
    return messages.outboxEntry(messageId);
  }

  @Transactional
  public List<Message> conversation(Actor actor, String conversationId) {
    Agency agency = agencyOf(actor);
    List<Message> visible =
        messages.inConversation(conversationId).stream()
            .filter(m -> Visibility.isVisible(agency, m))
            .toList();
    if (visible.isEmpty()) {
      throw new NotFound("conversation", conversationId);
    }
    return visible;
  }

  /**
   * A message the actor's agency may see: one it sent, or one delivered to it. Anything else is
   * reported as not found, so that one agency cannot learn of another's conversations.
   */
  private Message visibleTo(Actor actor, String messageId) {
    Agency agency = agencyOf(actor);
    return messages
        .find(messageId)
        .filter(m -> Visibility.isVisible(agency, m))
        .orElseThrow(() -> new NotFound("message", messageId));
  }

  private Agency agencyOf(Actor actor) {
    if (actor.agency() == null || actor.is(Role.AUDITOR) || actor.is(Role.HUB)) {
      throw new AccessDenied("only staff at an agency exchange messages");
    }
    Agency agency = agencies.get(actor.agency());
    if (actor.role().agencyKind().map(kind -> kind != agency.kind()).orElse(true)) {
      throw new AccessDenied("your role does not belong to your agency's kind");
    }
    return agency;
  }
}
