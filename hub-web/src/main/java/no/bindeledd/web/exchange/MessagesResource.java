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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
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

  @POST
  @Path("requests")
  @Operation(summary = "Ask another agency about a person; refused without a covering consent")
  public Response request(@Valid @NotNull QuestionRequest body) {
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
  @Path("messages")
  @Consumes({PKCS7, "application/cms"})
  @Operation(summary = "Submit an answer your agency signed itself (CMS SignedData, DER)")
  public Response signed(byte[] body) {
    if (body.length == 0) {
      throw new InvalidInput("the signed message is empty");
    }
    return created(exchange.acceptSigned(actor, body));
  }

  private Response created(Message message) {
    return Response.created(uri.getBaseUriBuilder().path("messages").path(message.id()).build())
        .entity(MessageView.withBody(message))
        .build();
  }

  @GET
  @Path("inbox")
  @Operation(summary = "Messages delivered to your agency, newest first")
  public List<MessageView> inbox() {
    return exchange.inbox(actor).stream().map(MessageView::envelope).toList();
  }

  @GET
  @Path("sent")
  @Operation(summary = "Messages your agency sent, with their delivery status")
  public List<MessageView> sent() {
    return exchange.sent(actor).stream().map(MessageView::envelope).toList();
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
    return MessageView.status(exchange.status(actor, id), exchange.deliveryProgress(actor, id));
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
  @Operation(summary = "The messages of a conversation that your agency may see")
  public List<MessageView> conversation(@PathParam("id") String id) {
    return exchange.conversation(actor, id).stream().map(MessageView::envelope).toList();
  }
}
