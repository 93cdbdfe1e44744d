package no.bindeledd.web.exchange;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import no.bindeledd.core.InvalidInput;
import no.bindeledd.core.access.Actor;
import no.bindeledd.core.exchange.BackPressure;
import no.bindeledd.core.exchange.Message;
import no.bindeledd.core.exchange.MessageExchange;
import no.bindeledd.core.exchange.ParticipantPlan;
import no.bindeledd.core.party.OrganisationNumber;
import no.bindeledd.web.Roles;
import no.bindeledd.web.json.JsonRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The participant's plan (J6), written by the caseworker and shared with NAV through NAV's
 * connector. Nothing is sent without a consent to share the plan with NAV; the refusal says why.
 */
@Path("plans")
@RequestScoped
@RolesAllowed(Roles.CASEWORKER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Messages")
public class PlansResource {

  @Inject MessageExchange exchange;
  @Inject BackPressure backPressure;
  @Inject Actor actor;
  @Context UriInfo uri;

  public static final class PlanRequest implements JsonRequest {
    @NotBlank
    @Size(max = 36)
    public String subjectId;

    @NotBlank
    @Size(max = 9)
    public String recipient;

    @NotBlank
    @Size(max = 10)
    public String startDate;

    @NotEmpty
    @Size(max = 20)
    @Valid
    public List<PhaseRequest> phases;
  }

  public static final class PhaseRequest {
    @NotBlank
    @Size(max = 500)
    public String title;

    @NotBlank
    @Size(max = 10)
    public String from;

    @NotBlank
    @Size(max = 10)
    public String to;

    @NotEmpty
    @Size(max = 20)
    @Valid
    public List<MeasureRequest> measures;
  }

  public static final class MeasureRequest {
    @NotBlank
    @Size(max = 500)
    public String description;

    @Size(max = 500)
    public String schedule;
  }

  @POST
  @Operation(
      summary = "Share a participant's plan with NAV; refused without a consent to share it",
      description =
          "While NAV's deliveries are behind by more than hub.delivery.lag.warn-after, the plan is"
              + " taken and its expectedDelay says how long it should expect to wait; behind by more"
              + " than hub.delivery.lag.refuse-after, it is refused with 503 (recipient-behind) and"
              + " Retry-After, and nothing is stored.")
  public Response share(@Valid @NotNull PlanRequest body) {
    ParticipantPlan plan =
        new ParticipantPlan(
            date(body.startDate, "startDate"),
            body.phases.stream()
                .map(
                    p ->
                        new ParticipantPlan.Phase(
                            p.title,
                            date(p.from, "from"),
                            date(p.to, "to"),
                            p.measures.stream()
                                .map(m -> new ParticipantPlan.Measure(m.description, m.schedule))
                                .toList()))
                .toList());
    Message sent =
        exchange.sendPlan(actor, body.subjectId, OrganisationNumber.of(body.recipient), plan);
    return Response.created(uri.getBaseUriBuilder().path("messages").path(sent.id()).build())
        .entity(MessageView.withBody(sent).expecting(sent, backPressure::expectedDelay))
        .build();
  }

  private static LocalDate date(String value, String field) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidInput(field + " must be a date (YYYY-MM-DD)");
    }
  }
}
