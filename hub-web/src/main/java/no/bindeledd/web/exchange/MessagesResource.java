package no.bindeledd.web.exchange;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.exchange.BackPressure;
import no.bindeledd.core.exchange.DeliveryStatus;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.MessageKind;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.Roles;
import no.bindeledd.web.json.JsonRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Requests, answers, the inbox and delivery status. Staff of any agency exchange messages; the core
 * decides each flow on consent, signs it as the agency and audits it.
 */
@Path("")
@RequestScoped
@RolesAllowed({
  Roles.CASEWORKER,
  Roles.GP_STAFF,
  Roles.SCHOOL_LIAISON,
  Roles.KINDERGARTEN_LIAISON,
  Roles.NAV_ADVISER
})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
public class MessagesResource {

  /** CMS SignedData, as RFC 5751 names it for S/MIME; also accepted as application/cms. */
  public static final String PKCS7 = "application/pkcs7-mime";

  @Inject MessageExchange exchange;
  @Inject BackPressure backPressure;
  @Inject Actor actor;
  @Context UriInfo uri;

  public static final class QuestionRequest implements JsonRequest {
    @NotBlank
    @Size(max = 9)
    public String recipient;

    @NotBlank
    @Size(max = 36)
    public String subjectId;

    @NotBlank
    @Size(max = 64)
    public String category;

    @NotBlank
    @Size(max = 64)
    public String purpose;

    @NotBlank
    @Size(max = 16000)
    public String question;
  }

  public static final class AnswerRequest implements JsonRequest {
    @NotBlank
    @Size(max = 16000)
    public String text;
  }

  /** Why the request is declined: one line, as any reason the hub keeps. */
  public static final class DeclineRequest implements JsonRequest {
    @NotBlank
    @Size(max = MessageExchange.MAX_DECLINE_REASON_LENGTH)
    public String reason;
  }

  @POST
  @Path("requests")
  @Operation(
      summary = "Ask another agency about a person; refused without a covering consent",
      description =
          "While the agency's deliveries are behind by more than hub.delivery.lag.warn-after, the"
              + " request is taken and its expectedDelay says how long it should expect to wait;"
              + " behind by more than hub.delivery.lag.refuse-after, it is refused with 503"
              + " (recipient-behind) and Retry-After, and nothing is stored.")
  public Response sendRequest(@Valid @NotNull QuestionRequest body) {
    Message sent =
        exchange.sendRequest(
            actor,
            new MessageExchange.NewRequest(
                OrganisationNumber.of(body.recipient),
                body.subjectId,
                DataCategory.fromCode(body.category),
                Purpose.fromCode(body.purpose),
                body.question));
    return created(sent);
  }

  @POST
  @Path("messages/{id}/answers")
  @Operation(summary = "Answer a request in your inbox; held if its consent no longer covers it")
  public Response answer(@PathParam("id") String requestId, @Valid @NotNull AnswerRequest body) {
    return created(exchange.answer(actor, requestId, body.text));
  }

  @POST
  @Path("messages/{id}/decline")
  @Operation(
      summary = "Decline a request in your inbox, with a reason that goes back to the asker",
      description =
          "The decline is a signed reply like an answer (kind decline, its body the reason), decided"
              + " on the consent an answer would be and audited like one (consent.decision,"
              + " message.sent, message.declined). Once it is let through, the request's status is"
              + " declined and it takes no answer or second decline (409). A request already"
              + " answered cannot be declined (409). If no consent covers the reply any more, the"
              + " decline is held like an answer: its status says so, the asker never sees it, and"
              + " the request stays open. The reason is one line of at most 1,000 characters.")
  public Response decline(@PathParam("id") String requestId, @Valid @NotNull DeclineRequest body) {
    return created(exchange.decline(actor, requestId, body.reason));
  }

  @POST
  @Path("messages/{id}/seen")
  @Operation(
      summary =
          "As the sender, mark how a message ended (held, failed, expired, declined) as seen, so"
              + " that it no longer counts as needing a look",
      description =
          "Only the sending agency marks its own messages (403 otherwise). The mark is the"
              + " sender's bookkeeping, shows nothing of the person and is not audited; an outcome"
              + " that changes afterwards counts again.")
  public MessageView markSeen(@PathParam("id") String id) {
    return MessageView.envelope(exchange.markSeen(actor, id));
  }

  @POST
  @Path("messages")
  @Consumes({PKCS7, "application/cms"})
  @Operation(
      summary =
          "Submit an answer or a decline your agency signed itself (CMS SignedData, DER, over a"
              + " canonical bindeledd-message/1 envelope)")
  public Response signed(byte[] body) {
    if (body.length == 0) {
      throw new InvalidInput("the signed message is empty");
    }
    return created(exchange.acceptSigned(actor, body));
  }

  private Response created(Message message) {
    return Response.created(uri.getBaseUriBuilder().path("messages").path(message.id()).build())
        .entity(MessageView.withBody(message).expecting(message, backPressure::expectedDelay))
        .build();
  }

  @GET
  @Path("inbox")
  @Operation(
      summary =
          "Messages delivered to your agency, newest first, with the requests it declined;"
              + " kind (request, answer, plan, decline) narrows the list")
  public List<MessageView> inbox(@QueryParam("kind") String kind) {
    Predicate<Message> wanted = ofKind(kind);
    return exchange.inbox(actor).stream().filter(wanted).map(MessageView::envelope).toList();
  }

  @GET
  @Path("sent")
  @Operation(
      summary =
          "Messages your agency sent, newest first, with their delivery status; kind narrows the"
              + " list, and attention=true keeps those whose outcome (held, failed, expired,"
              + " declined) nobody at your agency has marked seen")
  public List<MessageView> sent(
      @QueryParam("kind") String kind, @QueryParam("attention") String attention) {
    Predicate<Message> wanted = ofKind(kind);
    boolean onlyAttention = flag(attention, "attention");
    return exchange.sent(actor).stream()
        .filter(wanted)
        .filter(m -> !onlyAttention || m.needsSenderAttention())
        .map(m -> MessageView.envelope(m).expecting(m, backPressure::expectedDelay))
        .toList();
  }

  private static Predicate<Message> ofKind(String kind) {
    if (kind == null || kind.isBlank()) {
      return m -> true;
    }
    try {
      MessageKind wanted = MessageKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
      return m -> m.kind() == wanted;
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("kind is request, answer, plan or decline");
    }
  }

  private static boolean flag(String value, String name) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidInput(name + " is true or false");
    };
  }

  @GET
  @Path("messages/{id}")
  @Operation(summary = "Open a message (audited); refused if its consent was withdrawn")
  public MessageView open(@PathParam("id") String id) {
    return MessageView.withBody(exchange.open(actor, id));
  }

  @GET
  @Path("messages/{id}/status")
  @Operation(
      summary =
          "A message's delivery status, without its content; for its sender, while it waits, how"
              + " often it was tried and the last error")
  public MessageView status(@PathParam("id") String id) {
    Message message = exchange.status(actor, id);
    return MessageView.status(message, exchange.deliveryProgress(actor, id))
        .expecting(message, backPressure::expectedDelay);
  }

  @POST
  @Path("messages/{id}/read")
  @Operation(summary = "Mark a message in your inbox as read")
  public MessageView markRead(@PathParam("id") String id) {
    return MessageView.envelope(exchange.markRead(actor, id));
  }

  @GET
  @Path("messages/{id}/signature")
  @Produces(PKCS7)
  @Operation(
      summary =
          "The message as its sender signed it (audited like opening), for checking with standard"
              + " tools")
  public byte[] signature(@PathParam("id") String id) {
    // The signed envelope carries the body: handing it out is opening the message.
    return exchange.open(actor, id).signedEnvelope();
  }

  @GET
  @Path("conversations/{id}")
  @Operation(
      summary =
          "The messages of a conversation that your agency may see, oldest first: each with its"
              + " delivery status, when it arrived, its receipt (a GP office's AppRec, NAV's"
              + " acknowledgement) and, for messages your agency sent that still wait, how often"
              + " delivery was tried, the last error and the next try")
  public List<MessageView> conversation(@PathParam("id") String id) {
    return exchange.conversation(actor, id).stream().map(this::withProgress).toList();
  }

  /** A conversation about one person, as their page shows it. */
  public record ConversationView(
      String conversationId,
      String subjectId,
      String kind,
      String category,
      String purpose,
      String counterpart,
      String status,
      Instant startedAt,
      Instant lastChangedAt,
      List<MessageView> messages) {}

  @GET
  @Path("conversations")
  @Operation(
      summary =
          "The conversations about one person that your agency may see (subject, a person id),"
              + " plans included, oldest first, each with its messages as in"
              + " /conversations/{id}",
      description =
          "kind and status are those of the conversation's first message (a request or a plan);"
              + " counterpart is the other agency. Envelopes only, as in the inbox and the sent"
              + " list: not audited. Opening a message is.")
  public List<ConversationView> conversationsAbout(@QueryParam("subject") String subjectId) {
    if (subjectId == null || subjectId.isBlank()) {
      throw new InvalidInput("the query parameter subject (a person id) is required");
    }
    if (subjectId.length() > 36) {
      throw new InvalidInput("subject is a person id, at most 36 characters");
    }
    Map<String, List<Message>> byConversation = new LinkedHashMap<>();
    for (Message m : exchange.aboutSubject(actor, subjectId.strip())) {
      byConversation.computeIfAbsent(m.conversationId(), c -> new java.util.ArrayList<>()).add(m);
    }
    return byConversation.entrySet().stream()
        .map(e -> conversation(e.getKey(), e.getValue()))
        .toList();
  }

  private ConversationView conversation(String id, List<Message> messages) {
    Message first =
        messages.stream().filter(m -> m.inReplyTo().isEmpty()).findFirst().orElse(messages.get(0));
    String counterpart =
        first.sender().equals(actor.agency()) ? first.recipient().value() : first.sender().value();
    Instant last =
        messages.stream()
            .map(Message::statusChangedAt)
            .max(Instant::compareTo)
            .orElse(first.createdAt());
    return new ConversationView(
        id,
        first.subjectId(),
        first.kind().name().toLowerCase(Locale.ROOT),
        first.category().code(),
        first.purpose().code(),
        counterpart,
        first.status().name().toLowerCase(Locale.ROOT),
        first.createdAt(),
        last,
        messages.stream().map(this::withProgress).toList());
  }

  /** The envelope, with delivery progress for a message the caller's agency sent that waits. */
  private MessageView withProgress(Message m) {
    boolean waiting = m.status() == DeliveryStatus.CREATED || m.status() == DeliveryStatus.SENT;
    return waiting && m.sender().equals(actor.agency())
        ? MessageView.status(m, exchange.deliveryProgress(actor, m.id()))
            .expecting(m, backPressure::expectedDelay)
        : MessageView.status(m, Optional.empty());
  }
}
